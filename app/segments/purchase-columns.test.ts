import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mergePurchaseLines, type PurchaseLineFact } from "./facts";
import { PurchaseLines, purchasesAt } from "./purchase-columns";

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
  it("widens time indexes for a customer with more than 255 purchase times", () => {
    const lines = new PurchaseLines();
    for (let k = 0; k < 300; k++) lines.addLine(0, k % 2, k + 1, 10_000 + k, 1);
    const cols = lines.finish(1, 2);
    expect(cols.extraTime).toBeInstanceOf(Uint16Array);
    expect(purchasesAt(cols, 0).filter((p) => p.product === 1).map((p) => p.at)).toEqual(Array.from({ length: 150 }, (_, k) => 10_001 + 2 * k));
  });
});
