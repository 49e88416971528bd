// PURE: the signed token in an email sign-up's confirmation link (`/optin/email/<token>`). It names
// the shop, the sign-up and when the link stops working, and is signed with a key derived from the
// deployment secret under its own label (a token for one purpose never passes for another), so
// nobody can confirm someone else's address by editing it. `now` is passed in.
import { createHmac, timingSafeEqual } from "node:crypto";

/** How long a confirmation link works. */
export const EMAIL_CONFIRM_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface EmailConfirmTarget {
  shop: string;
  requestId: string;
  /** Expiry, whole seconds since the epoch. */
  expiresAt: number;
}

const LABEL = "flock:optin-email:v1";

function sign(secret: Buffer, payload: string): Buffer {
  const key = createHmac("sha256", secret).update(LABEL).digest();
  return createHmac("sha256", key).update(payload).digest();
}

export function emailConfirmToken(target: EmailConfirmTarget, secret: Buffer): string {
  const payload = Buffer.from(JSON.stringify({ s: target.shop, r: target.requestId, e: target.expiresAt }), "utf8").toString("base64url");
  return `${payload}.${sign(secret, payload).toString("base64url")}`;
}

export type EmailTokenCheck =
  | { ok: true; target: EmailConfirmTarget }
  | { ok: false; reason: "invalid" }
  /** Signed by us but past its expiry: the target is genuine, the link no longer works. */
  | { ok: false; reason: "expired"; target: EmailConfirmTarget };

/** What a token names; `invalid` when malformed, forged or tampered with, `expired` once past its expiry. */
export function verifyEmailConfirmToken(token: string, secret: Buffer, now: Date): EmailTokenCheck {
  const match = /^([A-Za-z0-9_-]{1,1000})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match?.[1] || !match[2]) return { ok: false, reason: "invalid" };
  const expected = sign(secret, match[1]);
  const given = Buffer.from(match[2], "base64url");
  // Re-encoding rejects spellings that differ only in base64's unused trailing bits.
  if (given.length !== expected.length || given.toString("base64url") !== match[2] || !timingSafeEqual(given, expected))
    return { ok: false, reason: "invalid" };
  let parsed: { s?: unknown; r?: unknown; e?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(match[1], "base64url").toString("utf8")) as typeof parsed;
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (
    typeof parsed.s !== "string" ||
    typeof parsed.r !== "string" ||
    parsed.r === "" ||
    typeof parsed.e !== "number" ||
    !Number.isInteger(parsed.e)
  )
    return { ok: false, reason: "invalid" };
  const target = { shop: parsed.s, requestId: parsed.r, expiresAt: parsed.e };
  if (now.getTime() >= parsed.e * 1000) return { ok: false, reason: "expired", target };
  return { ok: true, target };
}

/** The confirmation link for a sign-up made at `createdAt`: it works for EMAIL_CONFIRM_TTL_MS. */
export function emailConfirmUrl(
  appUrl: string,
  shop: string,
  requestId: string,
  createdAt: Date,
  secret: Buffer,
): { url: string; expiresAt: Date } {
  const expiresAt = Math.floor((createdAt.getTime() + EMAIL_CONFIRM_TTL_MS) / 1000);
  const token = emailConfirmToken({ shop, requestId, expiresAt }, secret);
  return { url: `${appUrl.replace(/\/$/, "")}/optin/email/${token}`, expiresAt: new Date(expiresAt * 1000) };
}
