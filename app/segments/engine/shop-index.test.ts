import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildColumns } from "./columns-builder";
import type { CustomerRecord } from "./facts";
import { catalogFor, nowArb, PRODUCTS, storeArb } from "./parity-arbitraries";
import { ShopIndex } from "./shop-index";
import { VALUE_FIELDS, type ValueField } from "../read-models/value-warnings";

const WATERMARK = { factsVersion: 0n, customersAt: new Date(0), messageId: 0 };

/** What valueCounts must equal: every live customer's current record, counted one by one. */
function recount(index: ShopIndex, field: ValueField): [string, number][] {
  const out = new Map<string, number>();
  for (let p = 0; p < index.size; p++) {
    if (!index.isLive(p)) continue;
    const record = index.record(p);
    for (const value of field === "tag" ? record.tags : [record[field]]) if (value !== null) out.set(value, (out.get(value) ?? 0) + 1);
  }
  return [...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

const sorted = (counts: Map<string, number>) => [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

// A change after the build: new facts for a customer (its values taken from another one, tags
// upper-cased as a webhook may send them), a new customer, or a removal.
const changeArb = fc.oneof(
  fc.record({ kind: fc.constant("apply" as const), target: fc.nat(), donor: fc.nat(), upper: fc.boolean() }),
  fc.record({ kind: fc.constant("add" as const), target: fc.nat(), donor: fc.nat(), upper: fc.boolean() }),
  fc.record({ kind: fc.constant("remove" as const), target: fc.nat(), donor: fc.nat(), upper: fc.boolean() }),
);

describe("ShopIndex.valueCounts", () => {
  it("counts each value over the live customers, changes after the build included, before and after a change", () => {
    fc.assert(
      fc.property(
        nowArb.chain((now) => fc.tuple(storeArb(now, "UTC"), fc.array(changeArb, { maxLength: 12 }))),
        ([records, changes]) => {
          // GIVEN an index built from a random store, its counts taken once (so they are kept)
          const index = new ShopIndex(buildColumns(records, PRODUCTS.length), catalogFor("UTC"), { ...WATERMARK });
          for (const field of VALUE_FIELDS) expect(sorted(index.valueCounts(field))).toEqual(recount(index, field));
          // WHEN customers change, arrive and leave after the build
          let nextId = records.length + 1;
          for (const c of changes) {
            const donor = records[c.donor % records.length] as CustomerRecord;
            const tags = c.upper ? donor.tags.map((t) => t.toUpperCase()) : donor.tags;
            if (c.kind === "remove") index.removeCustomer((c.target % (nextId - 1)) + 1);
            else index.applyRecord({ ...donor, tags, id: c.kind === "add" ? nextId++ : (c.target % records.length) + 1 });
          }
          // THEN every field's counts are those of a customer-by-customer count, every time asked
          for (const field of VALUE_FIELDS) {
            expect(sorted(index.valueCounts(field))).toEqual(recount(index, field));
            expect(sorted(index.valueCounts(field))).toEqual(recount(index, field));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
