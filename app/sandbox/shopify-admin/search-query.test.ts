import { describe, expect, it } from "vitest";
import { compileSearch, parseSearchQuery, type SearchSpec } from "./search-query";

interface Row {
  id: string;
  updatedAt: number;
  state: string;
  tags: string[];
}
const spec: SearchSpec<Row> = {
  fields: {
    id: { kind: "id", get: (r) => r.id },
    updated_at: { kind: "time", get: (r) => r.updatedAt },
    state: { kind: "string", get: (r) => r.state },
    tag: { kind: "string", get: (r) => r.tags },
  },
};
const row = (n: number, iso: string, state = "ENABLED", tags: string[] = []): Row => ({
  id: `gid://shopify/Customer/${n}`,
  updatedAt: Date.parse(iso),
  state,
  tags,
});
const rows = [
  row(1, "2025-12-31T23:59:59Z"),
  row(2, "2026-01-01T00:00:00Z", "DISABLED", ["VIP"]),
  row(3, "2026-01-02T10:00:00Z", "DISABLED"),
];

describe("compileSearch", () => {
  it.each([
    { description: "strictly after a timestamp", query: "updated_at:>'2026-01-01T00:00:00Z'", expected: [3] },
    { description: "at or after (unquoted)", query: "updated_at:>=2026-01-01T00:00:00Z", expected: [2, 3] },
    { description: "before a date", query: "updated_at:<2026-01-01", expected: [1] },
    { description: "a whole day", query: "updated_at:'2026-01-02'", expected: [3] },
    { description: "an enum, case-insensitive", query: "state:disabled", expected: [2, 3] },
    { description: "implicit AND", query: "state:DISABLED updated_at:<2026-01-02", expected: [2] },
    { description: "explicit AND and OR", query: "id:1 OR state:DISABLED AND tag:vip", expected: [1, 2] },
    { description: "negation", query: "-state:DISABLED", expected: [1] },
    { description: "NOT", query: "NOT tag:VIP", expected: [1, 3] },
    { description: "an id range, compared exactly", query: "id:>1 id:<=gid://shopify/Customer/2", expected: [2] },
    { description: "an empty query", query: "", expected: [1, 2, 3] },
  ])("$description", ({ query, expected }) => {
    const { matches, warnings } = compileSearch(query, spec);
    expect(rows.filter(matches).map((r) => Number(r.id.split("/").pop()))).toEqual(expected);
    expect(warnings).toEqual([]);
  });

  it("ignores an unknown field and warns as Shopify does", () => {
    const { matches, warnings } = compileSearch("colour:blue state:ENABLED", spec);
    expect(rows.filter(matches)).toHaveLength(1);
    expect(warnings).toEqual([{ field: "colour", message: "Invalid search field for this query." }]);
  });

  it("parses quoted values containing spaces", () => {
    expect(parseSearchQuery(`tag:"big spender" state:'x y'`)).toEqual([
      [
        { field: "tag", comparator: "=", value: "big spender", negated: false },
        { field: "state", comparator: "=", value: "x y", negated: false },
      ],
    ]);
  });
});
