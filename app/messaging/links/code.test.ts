import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { linkCode } from "./code";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** The first definition (BigInt arithmetic): codes already sent in messages must not change. */
function bigintCode(key: Buffer, shop: string, idempotencyKey: string, index: number): string {
  const digest = createHmac("sha256", key).update(`${shop}\n${idempotencyKey}\n${index}`).digest();
  let n = digest.readBigUInt64BE(0) * 2n ** 64n + digest.readBigUInt64BE(8);
  let out = "";
  for (let i = 0; i < 12; i++) {
    out += ALPHABET[Number(n % 62n)];
    n /= 62n;
  }
  return out;
}

describe("linkCode", () => {
  it("makes the same code as the BigInt definition for any key, shop, message and link", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.string(), fc.string(), fc.nat(20), (key, shop, id, index) => {
        const buffer = Buffer.from(key);
        expect(linkCode(buffer, shop, id, index)).toBe(bigintCode(buffer, shop, id, index));
      }),
      { numRuns: 500 },
    );
  });
});
