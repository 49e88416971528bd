// PURE: the signed token in Flock's unsubscribe links (RFC 8058 one-click and the page). It names
// the shop, the channel and the recipient (the customer's id, or the address for someone who is
// not a customer), so the endpoint needs no login, and it is signed with a key derived from the
// deployment secret (FLOCK_ENCRYPTION_KEY), so nobody can unsubscribe someone else by editing
// it. Tokens do not expire: RFC 8058 links must keep working in old mail.
import { createHmac, timingSafeEqual } from "node:crypto";

export type UnsubscribeChannel = "sms" | "email";

export interface UnsubscribeTarget {
  shop: string;
  channel: UnsubscribeChannel;
  /** A customer id (number) or, for a recipient who is not a customer, the address. */
  recipient: number | string;
}

const LABEL = "flock:unsubscribe:v1";

function sign(secret: Buffer, payload: string): Buffer {
  const key = createHmac("sha256", secret).update(LABEL).digest();
  return createHmac("sha256", key).update(payload).digest();
}

export function unsubscribeToken(target: UnsubscribeTarget, secret: Buffer): string {
  const payload = Buffer.from(JSON.stringify({ s: target.shop, c: target.channel, r: target.recipient }), "utf8").toString("base64url");
  return `${payload}.${sign(secret, payload).toString("base64url")}`;
}

/** The target a token names, or null when it is malformed, forged or tampered with. */
export function verifyUnsubscribeToken(token: string, secret: Buffer): UnsubscribeTarget | null {
  const match = /^([A-Za-z0-9_-]{1,2000})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match?.[1] || !match[2]) return null;
  const expected = sign(secret, match[1]);
  const given = Buffer.from(match[2], "base64url");
  // Re-encoding rejects spellings that differ only in base64's unused trailing bits.
  if (given.length !== expected.length || given.toString("base64url") !== match[2] || !timingSafeEqual(given, expected)) return null;
  try {
    const parsed = JSON.parse(Buffer.from(match[1], "base64url").toString("utf8")) as { s?: unknown; c?: unknown; r?: unknown };
    if (typeof parsed.s !== "string" || (parsed.c !== "sms" && parsed.c !== "email")) return null;
    if (!(typeof parsed.r === "string" && parsed.r !== "") && !(typeof parsed.r === "number" && Number.isInteger(parsed.r) && parsed.r > 0))
      return null;
    return { shop: parsed.s, channel: parsed.c, recipient: parsed.r };
  } catch {
    return null;
  }
}

/** The link for the email renderer's `unsubscribe_url` (and the List-Unsubscribe header). */
export function unsubscribeUrl(
  appUrl: string,
  shop: string,
  channel: UnsubscribeChannel,
  recipient: number | string,
  secret: Buffer,
): string {
  return `${appUrl.replace(/\/$/, "")}/unsubscribe/${unsubscribeToken({ shop, channel, recipient }, secret)}`;
}
