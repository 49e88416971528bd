import { describe, expect, it } from "vitest";
import { summariseImport } from "./import-summary";

describe("summariseImport", () => {
  it("keeps the counts and the first rows of each outcome, without customer ids", () => {
    const matched = Array.from({ length: 12 }, (_, i) => ({ row: i + 2, value: `p${i}@example.com`, customerId: i + 100 }));
    const summary = summariseImport(
      {
        segment: { id: "s1", name: "Stall", memberCount: 12 },
        matched,
        unmatched: [{ row: 20, value: "x@example.com" }],
        invalid: [{ row: 21, text: "nope", reason: "no email address or phone number" }],
      },
      10,
    );
    expect(summary.counts).toEqual({ matched: 12, unmatched: 1, invalid: 1 });
    expect(summary.matched).toHaveLength(10);
    expect(summary.matched[0]).toEqual({ row: 2, value: "p0@example.com" });
    expect(summary.unmatched).toEqual([{ row: 20, value: "x@example.com" }]);
    expect(summary.invalid).toEqual([{ row: 21, text: "nope", reason: "no email address or phone number" }]);
    expect(summary.segment).toEqual({ id: "s1", name: "Stall", memberCount: 12 });
  });
});
