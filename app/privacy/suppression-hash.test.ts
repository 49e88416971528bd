import { describe, expect, it } from "vitest";
import { normaliseAddress, suppressionHash } from "./suppression-hash";

const SECRET = Buffer.alloc(32, 1);

describe("suppression hashes", () => {
  it.each([
    ["EMAIL", " Bob@Example.COM ", "bob@example.com"],
    ["SMS", "+1 (613) 555-0142", "+16135550142"],
    ["SMS", "613-555-0142", "6135550142"],
  ] as const)("normalises %s %j", (channel, input, expected) => {
    expect(normaliseAddress(channel, input)).toBe(expected);
  });

  it("matches the same address however it is written, and differs by shop, channel and secret", () => {
    const h = suppressionHash(SECRET, "a.myshopify.com", "EMAIL", "bob@example.com");
    expect(suppressionHash(SECRET, "a.myshopify.com", "EMAIL", "BOB@example.com ")).toBe(h);
    expect(suppressionHash(SECRET, "b.myshopify.com", "EMAIL", "bob@example.com")).not.toBe(h);
    expect(suppressionHash(Buffer.alloc(32, 2), "a.myshopify.com", "EMAIL", "bob@example.com")).not.toBe(h);
    expect(h).not.toContain("bob");
  });
});
