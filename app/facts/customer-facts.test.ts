import { describe, expect, it } from "vitest";
import { computeCustomerFacts, type OrderForFacts } from "./customer-facts";

const d = (s: string) => new Date(s);
const order = (o: Partial<OrderForFacts>): OrderForFacts => ({
  totalPrice: 1000,
  totalRefunded: 0,
  processedAt: d("2026-01-01T00:00:00Z"),
  cancelledAt: null,
  ...o,
});

describe("computeCustomerFacts", () => {
  it.each([
    {
      description: "no orders",
      orders: [],
      expected: { amountSpent: 0, orderCount: 0, firstOrderAt: null, lastOrderAt: null, averageOrderValue: 0 },
    },
    {
      description: "refunds reduce amount spent",
      orders: [order({ totalPrice: 5000, totalRefunded: 1500 }), order({ totalPrice: 2000, processedAt: d("2026-03-01T00:00:00Z") })],
      expected: {
        amountSpent: 5500,
        orderCount: 2,
        firstOrderAt: d("2026-01-01T00:00:00Z"),
        lastOrderAt: d("2026-03-01T00:00:00Z"),
        averageOrderValue: 2750,
      },
    },
    {
      description: "a cancelled order counts as placed but adds no spend",
      orders: [order({ totalPrice: 3000, totalRefunded: 3000, cancelledAt: d("2026-01-02T00:00:00Z") }), order({ totalPrice: 1000 })],
      expected: {
        amountSpent: 1000,
        orderCount: 2,
        firstOrderAt: d("2026-01-01T00:00:00Z"),
        lastOrderAt: d("2026-01-01T00:00:00Z"),
        averageOrderValue: 1000,
      },
    },
    {
      description: "test orders are ignored",
      orders: [order({ test: true, processedAt: d("2020-01-01T00:00:00Z") })],
      expected: { amountSpent: 0, orderCount: 0, firstOrderAt: null, lastOrderAt: null, averageOrderValue: 0 },
    },
  ])("$description", ({ orders, expected }) => {
    expect(computeCustomerFacts(orders)).toEqual(expected);
  });
});
