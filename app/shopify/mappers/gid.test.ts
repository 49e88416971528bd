import { describe, expect, it } from "vitest";
import { gidNumber, parseShopifyJson, toGid } from "./gid";

describe("toGid", () => {
  it.each([
    { description: "digits", id: "706405506930370084", expected: "gid://shopify/Customer/706405506930370084" },
    { description: "a bigint", id: 706405506930370084n, expected: "gid://shopify/Customer/706405506930370084" },
    { description: "a safe number", id: 820982911, expected: "gid://shopify/Customer/820982911" },
  ])("$description", ({ id, expected }) => {
    expect(toGid("Customer", id)).toBe(expected);
  });

  it("refuses a number that has already lost digits", () => {
    // What JSON.parse makes of the digits 706405506930370084.
    expect(() => toGid("Customer", Number("706405506930370084"))).toThrow(/not exact/);
  });

  it("reads the number back out of a GID", () => {
    expect(gidNumber("gid://shopify/Order/5500000000123")).toBe("5500000000123");
  });
});

describe("parseShopifyJson", () => {
  it("keeps 64-bit integers as their digits, leaving strings and small numbers alone", () => {
    const text =
      '{"id": 706405506930370084, "n": 12, "x": -1.5e3, "s": "706405506930370084 \\" 1234567890123456789", "a": [1234567890123456789]}';
    expect(parseShopifyJson(text)).toEqual({
      id: "706405506930370084",
      n: 12,
      x: -1500,
      s: '706405506930370084 " 1234567890123456789',
      a: ["1234567890123456789"],
    });
  });
});
