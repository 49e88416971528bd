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
  // The digest's first 16 bytes as a 128-bit number, written with its 12 lowest base-62 digits
  // (lowest first): long division by 62 over four 32-bit limbs, each step below 2^38 so exact in
  // a double. Same codes as BigInt arithmetic (code.test.ts), at a fraction of its cost.
  const limbs = [digest.readUInt32BE(0), digest.readUInt32BE(4), digest.readUInt32BE(8), digest.readUInt32BE(12)];
  let out = "";
  for (let i = 0; i < CODE_LENGTH; i++) {
    let rem = 0;
    for (let k = 0; k < 4; k++) {
      const current = rem * 2 ** 32 + (limbs[k] as number);
      limbs[k] = Math.floor(current / 62);
      rem = current % 62;
    }
    out += ALPHABET[rem];
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
