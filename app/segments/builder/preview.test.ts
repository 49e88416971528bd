import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Bitset } from "../engine/bitset";
import { pageOfCustomerIds } from "./preview";

/** A match: base positions hold ascending ids, added positions any other ids (even smaller ones). */
const match = fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 20 })).chain(([baseSize, added]) =>
  fc.record({
    baseSize: fc.constant(baseSize),
    ids: fc
      .uniqueArray(fc.integer({ min: 1, max: 100_000 }), { minLength: baseSize + added, maxLength: baseSize + added })
      .map((all) => [...all.slice(0, baseSize).sort((a, b) => a - b), ...all.slice(baseSize)]),
    on: fc.array(fc.boolean(), { minLength: baseSize + added, maxLength: baseSize + added }),
    start: fc.integer({ min: 0, max: 250 }),
    size: fc.integer({ min: 1, max: 30 }),
  }),
);

describe("one preview page of a match", () => {
  it("equals sorting every matched id and slicing the page", () => {
    fc.assert(
      fc.property(match, ({ baseSize, ids, on, start, size }) => {
        const bits = new Bitset(ids.length);
        on.forEach((v, p) => bits.assign(p, v));
        const all = bits
          .toArray()
          .map((p) => ids[p] as number)
          .sort((a, b) => a - b);
        expect(pageOfCustomerIds(bits, baseSize, (p) => ids[p] as number, start, size)).toEqual({
          ids: all.slice(start, start + size),
          hasNext: all.length > start + size,
        });
      }),
      { numRuns: 500 },
    );
  }, 30_000);
});
