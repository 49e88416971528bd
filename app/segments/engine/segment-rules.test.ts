import { describe, expect, it } from "vitest";
import { parseSegmentQuery } from "../query-language/parser";
import { dependencyOrder, referencedSegments, usesOrders, usesRelativeDates } from "./segment-rules";

const tree = (q: string) => {
  const r = parseSegmentQuery(q);
  if (!r.ok) throw new Error(r.error.message);
  return r.tree;
};

describe("segment rules", () => {
  it.each([
    { query: "last_order_date > -30d", relative: true },
    { query: "customer_added_date = today", relative: true },
    { query: "products_purchased MATCHES (id = 1, date > 30_days_ago)", relative: true },
    { query: "last_order_date > 2026-01-01", relative: false },
    { query: "amount_spent > 10", relative: false },
  ])("$query uses relative dates: $relative", ({ query, relative }) => {
    expect(usesRelativeDates(tree(query))).toBe(relative);
  });

  it("finds referenced segments and orders by dependency", () => {
    expect(referencedSegments(tree("segment_member MATCHES (id IN ('a', 'b')) OR segment_member MATCHES (id = 'c')"))).toEqual([
      "a",
      "b",
      "c",
    ]);
    const order = dependencyOrder([
      { id: "x", refs: ["y"] },
      { id: "y", refs: ["z"] },
      { id: "z", refs: [] },
      { id: "loop1", refs: ["loop2"] },
      { id: "loop2", refs: ["loop1"] },
    ]).map((s) => s.id);
    expect(order).toEqual(["z", "y", "x", "loop2", "loop1"]);
  });

  it("knows when per-order rows are needed", () => {
    expect(usesOrders(tree("orders_placed MATCHES (count >= 2)"))).toBe(true);
    expect(usesOrders(tree("number_of_orders >= 2"))).toBe(false);
  });
});
