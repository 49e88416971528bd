import { describe, expect, it } from "vitest";
import { decimal, isoSeconds } from "./format";

describe("format", () => {
  it.each([
    { minor: 0, expected: "0.0" },
    { minor: 5, expected: "0.05" },
    { minor: 50, expected: "0.5" },
    { minor: 1299, expected: "12.99" },
    { minor: 1250, expected: "12.5" },
    { minor: 1200, expected: "12.0" },
    { minor: -150, expected: "-1.5" },
    { minor: 123456789, expected: "1234567.89" },
  ])("decimal($minor) is $expected, as Shopify spells Decimal", ({ minor, expected }) => {
    expect(decimal(minor)).toBe(expected);
  });

  it("formats DateTime to the second in UTC, like toISOString", () => {
    for (let ms = Date.UTC(1999, 11, 31, 23, 59, 59, 999); ms < Date.UTC(2031, 0, 1); ms += 86_400_000 * 3 + 3_601_234) {
      expect(isoSeconds(new Date(ms))).toBe(`${new Date(ms).toISOString().slice(0, 19)}Z`);
    }
    expect(isoSeconds(new Date("2024-02-29T00:00:00.500Z"))).toBe("2024-02-29T00:00:00Z");
    expect(isoSeconds(null)).toBeNull();
  });
});
