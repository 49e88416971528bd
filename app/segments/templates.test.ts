import { describe, expect, it } from "vitest";
import { parseSegmentQuery } from "./query-language/parser";
import { unsupportedFilters } from "./query-language/unsupported";
import { findTemplate, PRODUCT_PLACEHOLDER, segmentTemplates } from "./templates";

const CATALOG = { productId: "7982301249", collectionId: "4410293321" };

describe("segment templates", () => {
  it.each(segmentTemplates(CATALOG).map((t) => ({ description: t.name, template: t })))(
    "$description parses and Flock can evaluate it",
    ({ template }) => {
      const parsed = parseSegmentQuery(template.query);
      if (!parsed.ok) throw new Error(parsed.error.message);
      expect(unsupportedFilters(parsed.tree)).toEqual([]);
    },
  );

  it("has twelve templates with distinct keys", () => {
    const keys = segmentTemplates().map((t) => t.key);
    expect(new Set(keys).size).toBe(12);
  });

  it("leaves a placeholder the parser points at when the shop has no product", () => {
    const query = findTemplate("bought-product")?.query ?? "";
    const parsed = parseSegmentQuery(query);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.column).toBe(query.indexOf(PRODUCT_PLACEHOLDER) + 1);
  });
});
