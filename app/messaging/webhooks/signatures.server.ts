// Provider webhook signatures, checked before anything in the body is used.
// Twilio: X-Twilio-Signature, HMAC-SHA1 over the public URL and the sorted form parameters,
// keyed with the account's Auth Token (the SDK's validateRequest).
// SendGrid: ECDSA P-256 / SHA-256 over the timestamp header followed by the exact body bytes,
// verified with the Event Webhook's public key; old timestamps are refused so a captured
// delivery cannot be replayed.
import { createPublicKey, verify } from "node:crypto";
import twilio from "twilio";

export function verifyTwilioSignature(authToken: string, signature: string, publicUrl: string, params: Record<string, string>): boolean {
  return twilio.validateRequest(authToken, signature, publicUrl, params);
}

export const SENDGRID_MAX_AGE_SECONDS = 600;

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function verifySendGridSignature(input: {
  publicKey: string;
  signature: string;
  timestamp: string;
  rawBody: Buffer;
  now: Date;
  maxAgeSeconds?: number;
}): SignatureCheck {
  if (!/^\d{1,12}$/.test(input.timestamp)) return { ok: false, reason: "timestamp is not a number of seconds" };
  const age = input.now.getTime() / 1000 - Number(input.timestamp);
  const maxAge = input.maxAgeSeconds ?? SENDGRID_MAX_AGE_SECONDS;
  if (age > maxAge) return { ok: false, reason: `timestamp is ${Math.round(age)} s old (more than ${maxAge} s)` };
  if (age < -maxAge) return { ok: false, reason: "timestamp is in the future" };
  let valid = false;
  try {
    const key = createPublicKey({ key: Buffer.from(input.publicKey, "base64"), format: "der", type: "spki" });
    valid = verify(
      "sha256",
      Buffer.concat([Buffer.from(input.timestamp, "utf8"), input.rawBody]),
      key,
      Buffer.from(input.signature, "base64"),
    );
  } catch {
    return { ok: false, reason: "malformed key or signature" };
  }
  return valid ? { ok: true } : { ok: false, reason: "signature does not match" };
}
