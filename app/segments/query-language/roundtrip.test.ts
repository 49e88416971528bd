import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSegmentQuery } from "./parser";
import { printSegmentQuery } from "./printer";
import { segmentQuery } from "./test-arbitraries";
import { SegmentQuery, stripPositions } from "./tree";

function reparse(text: string): SegmentQuery {
  const result = parseSegmentQuery(text);
  if (!result.ok) throw new Error(`${result.error.message}\n  in: ${text}`);
  return result.tree;
}

describe("round trip over generated trees", () => {
  it("generated trees are valid according to the zod schema", () => {
    fc.assert(fc.property(segmentQuery, (tree) => SegmentQuery.safeParse(tree).success));
  });

  it("parse(print(t)) equals t, ignoring positions", () => {
    fc.assert(
      fc.property(segmentQuery, (tree) => {
        expect(stripPositions(reparse(printSegmentQuery(tree)))).toEqual(tree);
      }),
      { numRuns: 500 },
    );
  });

  it("print(parse(print(t))) equals print(t)", () => {
    fc.assert(
      fc.property(segmentQuery, (tree) => {
        const printed = printSegmentQuery(tree);
        expect(printSegmentQuery(reparse(printed))).toBe(printed);
      }),
      { numRuns: 500 },
    );
  });

  it("parsed trees survive JSON serialisation and zod validation", () => {
    fc.assert(
      fc.property(segmentQuery, (tree) => {
        const parsed = reparse(printSegmentQuery(tree));
        const revived: unknown = JSON.parse(JSON.stringify(parsed));
        const checked = SegmentQuery.safeParse(revived);
        expect(checked.success).toBe(true);
        if (checked.success) expect(checked.data).toEqual(parsed);
      }),
      { numRuns: 200 },
    );
  });

  it("redundant parentheses, spacing and keyword case do not change the canonical text", () => {
    fc.assert(
      fc.property(segmentQuery, fc.boolean(), (tree, upper) => {
        // GIVEN the same tree written with every group parenthesised, odd spacing and keyword case
        const noisy = noisyPrint(tree, upper);
        // WHEN it is parsed and printed THEN it matches the canonical text of the tree
        expect(printSegmentQuery(reparse(noisy))).toBe(printSegmentQuery(tree));
      }),
      { numRuns: 300 },
    );
  });
});

function noisyPrint(tree: SegmentQuery, upper: boolean): string {
  if (tree.type === "clause") return `( ${printSegmentQuery(tree)} )`;
  const keyword = upper ? tree.type.toUpperCase() : tree.type;
  return `(\n${tree.children.map((child) => noisyPrint(child, !upper)).join(`  ${keyword}\t`)} )`;
}
