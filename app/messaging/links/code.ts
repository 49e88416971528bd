// PURE: short-link codes and the length of a short link. A code is an HMAC of (shop, outbox
// idempotency key, link index) under a key derived from the deployment secret, so it cannot be
// guessed from another one, and an enqueue that is retried makes the same codes as the first try
// (the rows it would write already exist and are left alone).
import { createHmac } from "node:crypto";

/** 62^12 ≈ 3·10^21 codes (71 bits): not enumerable by anyone following links at random. */
export const CODE_LENGTH = 12;
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const CODE = new RegExp(`^[0-9A-Za-z]{${CODE_LENGTH}}$`);
const LABEL = "flock:short-link:v1";

/** The path prefix of every short link on the app's origin. */
export const SHORT_LINK_PATH = "/l/";

export function isLinkCode(code: string): boolean {
  return CODE.test(code);
}

/** A derived key per deployment secret, so short links and other signed tokens never share one. */
export function shortLinkKey(secret: Buffer): Buffer {
  return createHmac("sha256", secret).update(LABEL).digest();
}

/** The code of link number `index` of the outbox row (shop, idempotencyKey). */
export function linkCode(linkKey: Buffer, shop: string, idempotencyKey: string, index: number): string {
  const digest = createHmac("sha256", linkKey).update(`${shop}\n${idempotencyKey}\n${index}`).digest();
  let n = digest.readBigUInt64BE(0) * 2n ** 64n + digest.readBigUInt64BE(8);
  let out = "";
  for (let i = 0; i < CODE_LENGTH; i++) {
    out += ALPHABET[Number(n % 62n)];
    n /= 62n;
  }
  return out;
}

function base(appUrl: string): string {
  return appUrl.replace(/\/+$/, "");
}

export function shortLinkUrl(appUrl: string, code: string): string {
  return `${base(appUrl)}${SHORT_LINK_PATH}${code}`;
}

/**
 * How many characters a short link for this app URL takes in a message, so SMS composition and
 * previews count the length the recipient will get (see also `withShortLinkPlaceholders`).
 */
export function shortLinkLength(appUrl: string): number {
  return base(appUrl).length + SHORT_LINK_PATH.length + CODE_LENGTH;
}
