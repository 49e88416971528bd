import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSegmentQuery, type ParseResult } from "./parser";
import { printSegmentQuery } from "./printer";
import { editedQueryText } from "./test-arbitraries";

const FRAGMENTS = [
  "(",
  ")",
  ",",
  "'",
  "\\",
  "AND",
  "OR",
  "NOT",
  "MATCHES",
  "BETWEEN",
  "IS",
  "NULL",
  "IN",
  "=",
  "!=",
  ">=",
  "-7d",
  "2020-02-30",
  "T25:00:00",
  "12_months_ago",
  "\n",
  " ",
  ":",
  "amount_spent",
  '"',
  "1e5",
  "😀",
  "\u0000",
];

function assertWellFormed(result: ParseResult, input: string): void {
  if (result.ok) return;
  const { line, column, offset, message } = result.error;
  expect(line).toBeGreaterThanOrEqual(1);
  expect(column).toBeGreaterThanOrEqual(1);
  expect(offset).toBeGreaterThanOrEqual(0);
  expect(offset).toBeLessThanOrEqual(input.length);
  expect(message).toContain(`at ${line}:${column}`);
}

/** Canonical texts with up to four random edits (delete, duplicate, insert a fragment). */
const mutated = editedQueryText(FRAGMENTS, 4);

// Thousands of runs each: generous time, as the suite shares two cores with the other projects.
describe("fuzz", { timeout: 30_000 }, () => {
  it("never throws on arbitrary strings, and every failure has a position", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: "binary" }), (input) => {
        let result: ParseResult | undefined;
        expect(() => (result = parseSegmentQuery(input))).not.toThrow();
        if (result) assertWellFormed(result, input);
      }),
      { numRuns: 2000 },
    );
  });

  it("never throws on token soup", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join(" ")),
        (input) => {
          const result = parseSegmentQuery(input);
          assertWellFormed(result, input);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("never throws on mutated valid queries, and successes print canonically", () => {
    fc.assert(
      fc.property(mutated, (input) => {
        const result = parseSegmentQuery(input);
        assertWellFormed(result, input);
        if (result.ok) {
          const printed = printSegmentQuery(result.tree);
          const again = parseSegmentQuery(printed);
          expect(again.ok).toBe(true);
          if (again.ok) expect(printSegmentQuery(again.tree)).toBe(printed);
        }
      }),
      { numRuns: 1500 },
    );
  });
});
