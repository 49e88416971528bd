import { describe, expect, it } from "vitest";
import { computeProductPurchases } from "./purchases";

const d = (day: number) => new Date(Date.UTC(2026, 0, day));

describe("computeProductPurchases", () => {
  it.each([
    { description: "no lines", lines: [], expected: [] },
    {
      description: "sums quantity, counts distinct orders, keeps first and last date",
      lines: [
        { productId: 2, orderId: 10, quantity: 1, processedAt: d(5) },
        { productId: 2, orderId: 10, quantity: 2, processedAt: d(5) },
        { productId: 2, orderId: 11, quantity: 1, processedAt: d(2) },
        { productId: 1, orderId: 11, quantity: 4, processedAt: d(2) },
      ],
      expected: [
        { productId: 1, quantity: 4, orderCount: 1, firstAt: d(2), lastAt: d(2) },
        { productId: 2, quantity: 4, orderCount: 2, firstAt: d(2), lastAt: d(5) },
      ],
    },
  ])("$description", ({ lines, expected }) => {
    expect(computeProductPurchases(lines)).toEqual(expected);
  });
});
