import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { groupByShared } from "./shared-columns";

describe("groupByShared", () => {
  it("puts every row in exactly one group, in batch order, with the values all its rows share", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ shop: fc.constantFrom("a", "b"), at: fc.constantFrom(1, 2, null) }), { maxLength: 40 }), (rows) => {
        const groups = groupByShared(rows, (r) => [r.shop, r.at]);
        const indexes = groups.flatMap((g) => g.indexes);
        expect([...indexes].sort((x, y) => x - y)).toEqual(rows.map((_, i) => i));
        for (const { values, indexes: members } of groups) {
          expect(members).toEqual([...members].sort((x, y) => x - y));
          for (const i of members) expect([rows[i]?.shop, rows[i]?.at]).toEqual(values);
        }
        // One group per distinct combination, first seen first.
        const distinct = [...new Set(rows.map((r) => JSON.stringify([r.shop, r.at])))];
        expect(groups.map((g) => JSON.stringify(g.values))).toEqual(distinct);
      }),
    );
  });

  it("keeps a batch whose rows all agree as one group", () => {
    expect(groupByShared(["x", "x", "x"], (r) => [r, null])).toEqual([{ values: ["x", null], indexes: [0, 1, 2] }]);
    expect(groupByShared([], (r: string) => [r])).toEqual([]);
  });
});
