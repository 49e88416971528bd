import { describe, expect, it } from "vitest";
import { listFilters, parseSegmentQuery } from "../query-language";
import { unsupportedFilters } from "../query-language/unsupported";
import { filterReference } from "./filter-reference";

const reference = filterReference();
const entries = reference.flatMap((s) => s.filters);

describe("filterReference", () => {
  it("lists every filter of the catalogue exactly once, with its operators", () => {
    expect(entries.map((f) => f.name).sort()).toEqual(
      listFilters()
        .map((f) => f.name)
        .sort(),
    );
    for (const spec of listFilters()) expect(entries.find((f) => f.name === spec.name)?.operators, spec.name).toEqual(spec.operators);
  });

  it.each(listFilters().map((f) => ({ name: f.name, evaluable: f.evaluable })))(
    "gives $name an example that parses and uses it",
    ({ name, evaluable }) => {
      const entry = entries.find((f) => f.name === name);
      const parsed = parseSegmentQuery(entry?.example ?? "");
      expect(parsed.ok, entry?.example).toBe(true);
      if (!parsed.ok) return;
      // An evaluable filter's example can be saved as it is; the others are refused by name.
      expect(unsupportedFilters(parsed.tree).map((u) => u.filter)).toEqual(evaluable ? [] : [name]);
      expect(entry?.example.startsWith(name)).toBe(true);
    },
  );

  it("keeps what Flock cannot evaluate apart, after the builder's categories", () => {
    const last = reference.at(-1);
    expect(last?.title).toBe("Shopify filters Flock cannot evaluate yet");
    expect(last?.filters.every((f) => !f.evaluable)).toBe(true);
    expect(reference.slice(0, -1).every((s) => s.filters.every((f) => f.evaluable))).toBe(true);
  });

  it("describes MATCHES parameters and enum values", () => {
    const orders = entries.find((f) => f.name === "orders_placed");
    expect(orders?.params.map((p) => p.name)).toContain("date");
    const email = entries.find((f) => f.name === "email_subscription_status");
    expect(email?.values).toContain("'SUBSCRIBED'");
  });
});
