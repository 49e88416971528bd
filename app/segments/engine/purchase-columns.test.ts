import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergePurchaseLines, type PurchaseLineFact } from "./facts";
import { ShopClock } from "./clock";
import { evaluateColumns } from "./columnar";
import { buildColumns } from "./columns-builder";
import { evaluateSegment } from "./evaluate";
import { catalogFor, PRODUCTS } from "./parity-arbitraries";
import { PurchaseLines, purchasesAt } from "./purchase-columns";
import { parseSegmentQuery } from "../query-language/parser";
import { buildRecord } from "../test-support/test-records";

describe("PurchaseLines", () => {
  it("adds up lines of one order and product, keeps other orders apart, pools later purchases and shares times", () => {
    // GIVEN two customers' lines, interleaved, one order's lines of a product apart from each other
    const lines = new PurchaseLines();
    lines.addLine(1, 3, 70, 5000, 1);
    lines.addLine(0, 2, 10, 1000, 2);
    lines.addLine(0, 2, 11, 1000, 1); // another order at the same second: another purchase
    lines.addLine(0, 1, 10, 1000, 4);
    lines.addLine(0, 2, 10, 1000, 3); // the first order again: adds to its purchase
    lines.addLine(0, 2, 12, 900, 1);
    // WHEN the columns are finished
    const cols = lines.finish(2, 4);
    // THEN each customer has one pair per product, the first purchase in the row and the rest in the pool
    expect([...cols.offsets]).toEqual([0, 2, 3]);
    expect([...cols.product]).toEqual([1, 2, 3]);
    expect([...cols.count]).toEqual([1, 3, 1]);
    expect([...cols.extraOffsets]).toEqual([0, 2, 2]);
    // Times once per customer, ascending; purchases point into them.
    expect([...cols.timeOffsets]).toEqual([0, 2, 3]);
    expect([...cols.times]).toEqual([900, 1000, 5000]);
    expect(purchasesAt(cols, 0)).toEqual([
      { product: 1, at: 1000, quantity: 4 },
      { product: 2, at: 900, quantity: 1 },
      { product: 2, at: 1000, quantity: 5 },
      { product: 2, at: 1000, quantity: 1 },
    ]);
    expect(purchasesAt(cols, 1)).toEqual([{ product: 3, at: 5000, quantity: 1 }]);
  });

  it("gives every customer the purchases mergePurchaseLines gives", () => {
    const line = fc.record({
      customer: fc.integer({ min: 0, max: 4 }),
      product: fc.integer({ min: 0, max: 3 }),
      order: fc.integer({ min: 1, max: 6 }),
      quantity: fc.integer({ min: 1, max: 300 }),
    });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), (raw) => {
        // An order has one time; orders are customers' own.
        const facts = raw.map((l) => ({ ...l, order: l.customer * 10 + l.order, at: 1_700_000_000 + (l.order % 3) * 60 }));
        const lines = new PurchaseLines();
        for (const l of facts) lines.addLine(l.customer, l.product, l.order, l.at, l.quantity);
        const cols = lines.finish(5, 4);
        for (let c = 0; c < 5; c++) {
          const own: PurchaseLineFact[] = facts.filter((l) => l.customer === c);
          const expected = mergePurchaseLines(own);
          const actual = purchasesAt(cols, c);
          // Purchases at the same second of one product may come in either order.
          const key = (p: { product: number; at: number; quantity: number }) => `${p.product}/${p.at}/${p.quantity}`;
          expect(actual.map(key).sort()).toEqual(expected.map(key).sort());
          expect(actual.map((p) => [p.product, p.at])).toEqual(expected.map((p) => [p.product, p.at]));
        }
      }),
      { numRuns: 300 },
    );
  });
  it("keeps time indexes past 255 in the side table, for that customer only", () => {
    const lines = new PurchaseLines();
    for (let k = 0; k < 300; k++) lines.addLine(0, k % 2, k + 1, 10_000 + k, 1);
    lines.addLine(0, 2, 500, 20_000, 3);
    lines.addLine(1, 0, 999, 50_000, 2);
    const cols = lines.finish(2, 3);
    // 301 distinct times: indexes 255..300 are wide (45 later purchases of 0 and 1, and the first of 2)
    expect(cols.wideExtraTime.rows.length).toBe(45);
    expect([...cols.wideTime.index]).toEqual([300]);
    expect(purchasesAt(cols, 0).filter((p) => p.product === 2)).toEqual([{ product: 2, at: 20_000, quantity: 3 }]);
    expect(purchasesAt(cols, 1)).toEqual([{ product: 0, at: 50_000, quantity: 2 }]);
    expect(
      purchasesAt(cols, 0)
        .filter((p) => p.product === 1)
        .map((p) => p.at),
    ).toEqual(Array.from({ length: 150 }, (_, k) => 10_001 + 2 * k));
  });
  it("evaluates date rules through wide time indexes like the per-customer evaluator", () => {
    // GIVEN a customer with 300 purchases, one a day, so the later ones have wide time indexes
    const day = (k: number) => Date.UTC(2026, 0, 1) / 1000 + k * 86_400 + 43_200;
    const record = buildRecord({
      purchases: Array.from({ length: 300 }, (_, k) => ({ product: k % 2, at: day(k), quantity: 1 + (k % 3) })),
    });
    const env = {
      catalog: catalogFor("UTC"),
      clock: new ShopClock("UTC"),
      stats: { sortedAmounts: new Float64Array([0]) },
      now: new Date("2026-12-31T00:00:00Z"),
    };
    const cols = buildColumns([record], PRODUCTS.length);
    expect(cols.purchases.wideExtraTime.rows.length).toBeGreaterThan(0);
    for (const query of [
      "products_purchased MATCHES (id = 101, date = 2026-10-12)", // day 284: product 0, a wide index
      "products_purchased MATCHES (id = 102, date = 2026-10-12)",
      "products_purchased MATCHES (date BETWEEN 2026-10-01 AND 2026-10-31, sum_quantity = 54)",
      "products_purchased MATCHES (date BETWEEN 2026-10-01 AND 2026-10-31, count = 27)",
      "products_purchased MATCHES (id = 101, date != 2026-01-01, count = 149)",
    ]) {
      const parsed = parseSegmentQuery(query);
      if (!parsed.ok) throw new Error(parsed.error.message);
      const expected = evaluateSegment(parsed.tree, record, env);
      // THEN both evaluators agree, on rules chosen to hold
      expect({ query, columnar: evaluateColumns(parsed.tree, cols, env).has(0) }).toEqual({ query, columnar: expected });
      expect({ query, expected }).toEqual({ query, expected: !query.includes("id = 102") });
    }
  });
});
