import { describe, expect, it } from "vitest";
import { lookupFilter, parseSegmentQuery } from "../query-language";
import { filterGroups, suggestSourceFor } from "./catalogue";
import { rowForFilter } from "./edit";
import { dateInputOf, inputToLiteral, literalToInput, unquote } from "./literal";
import { idCounter, modelToText } from "./model";

describe("value literals and inputs", () => {
  it.each([
    { description: "plain string", kind: "string" as const, input: "vip", literal: "'vip'" },
    { description: "quote and backslash are escaped", kind: "string" as const, input: "it's a\\b", literal: "'it\\'s a\\\\b'" },
    { description: "enum keeps its case", kind: "enum" as const, input: "SUBSCRIBED", literal: "'SUBSCRIBED'" },
    { description: "money is the typed decimal", kind: "money" as const, input: " 12.50 ", literal: "12.50" },
    { description: "dates are their literal", kind: "date" as const, input: "-30d", literal: "-30d" },
  ])("$description", ({ kind, input, literal }) => {
    expect(inputToLiteral(kind, input)).toBe(literal);
    expect(literalToInput(kind, literal)).toBe(input.trim() === input || kind === "string" ? input : input.trim());
  });

  it("text that is not one quoted string passes through unquote unchanged", () => {
    expect(unquote("'a' 'b")).toBe("'a' 'b");
    expect(unquote("half'")).toBe("half'");
  });

  it.each([
    { literal: "-30d", expected: { mode: "preset", value: "-30d" } },
    { literal: "today", expected: { mode: "preset", value: "today" } },
    { literal: "2026-01-31", expected: { mode: "absolute", date: "2026-01-31" } },
    { literal: "-45d", expected: { mode: "other", text: "-45d" } },
    { literal: "2026-01-31T09:00:00", expected: { mode: "other", text: "2026-01-31T09:00:00" } },
  ])("date $literal shows as $expected.mode", ({ literal, expected }) => {
    expect(dateInputOf(literal)).toEqual(expected);
  });

  it("every offered filter's new row parses, so a freshly added row counts at once", () => {
    const ids = idCounter();
    for (const spec of filterGroups().flatMap((g) => g.filters)) {
      const text = modelToText({ kind: "group", id: "g", connective: "and", children: [rowForFilter(spec.name, ids)] });
      const parsed = parseSegmentQuery(text);
      expect(parsed.ok ? "ok" : `${text}: ${parsed.error.message}`).toBe("ok");
    }
  });
});

describe("builder catalogue", () => {
  it("offers only filters Flock evaluates, each once, plus a current unsupported one", () => {
    const names = filterGroups().flatMap((g) => g.filters.map((f) => f.name));
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((n) => lookupFilter(n)?.evaluable)).toBe(true);
    expect(names).toContain("number_of_orders");
    expect(names).not.toContain("rfm_group");
    expect(filterGroups("rfm_group").flatMap((g) => g.filters.map((f) => f.name))).toContain("rfm_group");
  });

  it("knows which values come from the shop's data", () => {
    expect(suggestSourceFor("customer_tags")).toBe("tag");
    expect(suggestSourceFor("customer_cities")).toBe("city");
    expect(suggestSourceFor("products_purchased", "id")).toBe("product");
    expect(suggestSourceFor("collections_purchased", "id")).toBe("collection");
    expect(suggestSourceFor("products_purchased", "tag")).toBeUndefined();
    expect(suggestSourceFor("amount_spent")).toBeUndefined();
  });
});
