// Signs Event Webhook batches as SendGrid does: ECDSA P-256 with SHA-256 over the timestamp
// followed by the exact body bytes; DER signature in base64; the public key as base64 DER
// SubjectPublicKeyInfo (what SendGrid shows as the "verification key").
// https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features
import { createPrivateKey, createPublicKey, sign, type KeyObject } from "node:crypto";

// The sandbox's own signing key, fixed so a restarted demo still matches the verification key
// stored in the demo shop's settings. It signs nothing outside the sandbox.
const SANDBOX_EVENT_WEBHOOK_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg18t6sd59Q5vkaP4X
hTlVoaIYIzyQKqY0claRnzl+G/ShRANCAARhokzDl++gPR/3EiaYvp90Ub8zq3Er
BPEP7cAO8yO10OaFlUzPfV5zeMlpe9x3CCSV22gMhl2c+lMxWZO4kVQa
-----END PRIVATE KEY-----`;

export interface EventWebhookKeys {
  privateKey: KeyObject;
  /** base64 DER SPKI, as configured in the app's email settings. */
  publicKey: string;
}

export function eventWebhookKeys(pem: string = SANDBOX_EVENT_WEBHOOK_KEY): EventWebhookKeys {
  const privateKey = createPrivateKey(pem);
  return { privateKey, publicKey: createPublicKey(privateKey).export({ format: "der", type: "spki" }).toString("base64") };
}

export function signEventBatch(privateKey: KeyObject, timestamp: string, rawBody: string): string {
  return sign("sha256", Buffer.concat([Buffer.from(timestamp, "utf8"), Buffer.from(rawBody, "utf8")]), privateKey).toString("base64");
}
