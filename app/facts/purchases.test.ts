import { describe, expect, it } from "vitest";
import { computeProductPurchases, purchaseLines } from "./purchases";

const d = (day: number) => new Date(Date.UTC(2026, 0, day));
const P1 = "gid://shopify/Product/1";
const P2 = "gid://shopify/Product/2";

describe("computeProductPurchases", () => {
  it.each([
    { description: "no lines", lines: [], expected: [] },
    {
      description: "sums quantity, counts distinct orders, keeps first and last date",
      lines: [
        { productGid: P2, orderId: 10, quantity: 1, processedAt: d(5) },
        { productGid: P2, orderId: 10, quantity: 2, processedAt: d(5) },
        { productGid: P2, orderId: 11, quantity: 1, processedAt: d(2) },
        { productGid: P1, orderId: 11, quantity: 4, processedAt: d(2) },
      ],
      expected: [
        { productGid: P1, quantity: 4, orderCount: 1, firstAt: d(2), lastAt: d(2) },
        { productGid: P2, quantity: 4, orderCount: 2, firstAt: d(2), lastAt: d(5) },
      ],
    },
  ])("$description", ({ lines, expected }) => {
    expect(computeProductPurchases(lines)).toEqual(expected);
  });
});

describe("purchaseLines", () => {
  it("leaves out test orders, deleted orders and lines without a product", () => {
    const order = (id: number, over: object, lineItems: { productGid: string | null; quantity: number }[]) => ({
      id,
      test: false,
      deletedAt: null,
      processedAt: d(id),
      lineItems,
      ...over,
    });
    const lines = purchaseLines([
      order(1, {}, [
        { productGid: P1, quantity: 2 },
        { productGid: null, quantity: 5 },
      ]),
      order(2, { test: true }, [{ productGid: P1, quantity: 7 }]),
      order(3, { deletedAt: d(4) }, [{ productGid: P2, quantity: 1 }]),
    ]);
    expect(lines).toEqual([{ productGid: P1, orderId: 1, quantity: 2, processedAt: d(1) }]);
  });
});
