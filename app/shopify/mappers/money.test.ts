import { describe, expect, it } from "vitest";
import { toMinorUnits } from "./money";

describe("toMinorUnits", () => {
  it.each([
    { description: "two decimals", amount: "421.88", currency: "USD", expected: 42188 },
    { description: "a float trap (0.29 * 100 = 28.999…)", amount: "0.29", currency: "USD", expected: 29 },
    { description: "one decimal as Shopify prints it", amount: "100.0", currency: "EUR", expected: 10000 },
    { description: "no decimals", amount: "7", currency: "USD", expected: 700 },
    { description: "zero-decimal currency", amount: "1500", currency: "JPY", expected: 1500 },
    { description: "three-decimal currency", amount: "1.234", currency: "KWD", expected: 1234 },
    { description: "extra precision rounds half up", amount: "1.005", currency: "USD", expected: 101 },
    { description: "negative", amount: "-3.10", currency: "USD", expected: -310 },
    { description: "large amount", amount: "90071992547409.91", currency: "USD", expected: 9007199254740991 },
  ])("$description", ({ amount, currency, expected }) => {
    expect(toMinorUnits(amount, currency)).toBe(expected);
  });

  it.each(["", "1,00", "abc", "1e3", "92233720368547758.07"])("refuses %j", (amount) => {
    expect(() => toMinorUnits(amount, "USD")).toThrow();
  });
});
