import { describe, expect, it } from "vitest";
import { parseSegmentQuery } from "../query-language/parser";
import type { SegmentQuery } from "../query-language/tree";
import { editDistance, valueWarnings, type ValueField, type ValueVocabulary } from "./value-warnings";

function parse(query: string): SegmentQuery {
  const r = parseSegmentQuery(query);
  if (!r.ok) throw new Error(r.error.message);
  return r.tree;
}

const COUNTS: Record<ValueField, [string, number][]> = {
  tag: [
    ["vip", 120],
    ["wholesale", 40],
    ["newsletter", 300],
  ],
  country: [
    ["US", 1500],
    ["CA", 300],
    ["JP", 50],
  ],
  region: [
    ["US-NY", 466],
    ["US-NJ", 12],
    ["CA-QC", 138],
    ["JP-13", 50],
  ],
  city: [
    ["US-NY-NewYork", 466],
    ["US-NJ-Newark", 12],
    ["CA-QC-Montreal", 138],
    ["JP-13-Tokyo", 50],
  ],
  emailDomain: [
    ["gmail.com", 1400],
    ["gmx.com", 3],
    ["yahoo.com", 200],
  ],
  language: [
    ["en", 1800],
    ["fr-CA", 100],
  ],
};

const vocabulary: ValueVocabulary = {
  counts: (field) => new Map(COUNTS[field]),
  productIds: new Set(["8200000000001", "8200000000002"]),
  collectionIds: new Set(["4100000000001"]),
};

describe("valueWarnings", () => {
  it.each([
    { description: "a city in the store", query: "customer_cities CONTAINS 'US-NY-NewYork'" },
    { description: "Shopify's spelling of that city", query: "customer_cities CONTAINS 'US-NY-NewYorkCity'" },
    { description: "a city typed with its accent", query: "customer_cities CONTAINS 'CA-QC-Montréal'" },
    { description: "a region whose code carries the country", query: "customer_regions CONTAINS 'JP-13'" },
    { description: "a tag in another case", query: "customer_tags CONTAINS 'VIP'" },
    { description: "a language prefix", query: "customer_language = 'fr'" },
    {
      description: "a product and a collection in the store",
      query: "products_purchased(id: 8200000000001) = true AND collections_purchased MATCHES (id = 4100000000001)",
    },
    { description: "filters without store values", query: "amount_spent > 100 AND email_subscription_status = 'SUBSCRIBED'" },
  ])("no warning for $description", ({ query }) => {
    // GIVEN a query whose values all occur in the shop WHEN it is checked THEN nothing is reported
    expect(valueWarnings(parse(query), vocabulary)).toEqual([]);
  });

  it("names a misspelt city and the closest cities with their customers", () => {
    // GIVEN a city key no customer has
    const warnings = valueWarnings(parse("customer_cities CONTAINS 'US-NY-NewYrok'"), vocabulary);
    // THEN the warning names it and offers New York first
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.closest[0]).toEqual({ value: "US-NY-NewYork", customers: 466 });
    expect(warnings[0]?.message).toBe(
      "No customer has the city 'US-NY-NewYrok' (customer_cities). Closest: 'US-NY-NewYork' (466 customers), 'US-NJ-Newark' (12 customers).",
    );
  });

  it("offers the nearest values even when none is close", () => {
    const warnings = valueWarnings(parse("customer_countries CONTAINS 'Zanzibar'"), vocabulary);
    expect(warnings[0]?.closest.map((c) => c.value)).toHaveLength(3);
  });

  it.each([
    { field: "tags", query: "customer_tags CONTAINS 'vipp'", first: "vip" },
    { field: "countries", query: "customer_countries CONTAINS 'USA'", first: "US" },
    { field: "regions", query: "customer_regions NOT CONTAINS 'JP-JP-13'", first: "JP-13" },
    { field: "email domains", query: "customer_email_domain != 'gmial.com'", first: "gmail.com" },
    { field: "languages", query: "customer_language = 'de'", first: "en" },
  ])("warns for $field that match nothing, closest first", ({ query, first }) => {
    const warnings = valueWarnings(parse(query), vocabulary);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.closest[0]?.value).toBe(first);
  });

  it("warns once per value, whichever clauses repeat it", () => {
    const warnings = valueWarnings(
      parse("customer_tags CONTAINS 'gold' OR (customer_tags CONTAINS 'GOLD' AND amount_spent > 5)"),
      vocabulary,
    );
    expect(warnings.map((w) => w.value)).toEqual(["gold"]);
  });

  it.each([
    { query: "products_purchased(id: 1234) = true", message: "No product 1234 in this store." },
    { query: "products_purchased MATCHES (id IN (8200000000001, 1234), date > -30d)", message: "No product 1234 in this store." },
    { query: "collections_purchased MATCHES (id = 77)", message: "No collection 77 in this store." },
  ])("$query: $message", ({ query, message }) => {
    expect(valueWarnings(parse(query), vocabulary).map((w) => w.message)).toEqual([message]);
  });

  it("counts only values some customer still has", () => {
    const emptied: ValueVocabulary = { ...vocabulary, counts: (field) => new Map(field === "tag" ? [["vip", 0]] : COUNTS[field]) };
    expect(valueWarnings(parse("customer_tags CONTAINS 'vip'"), emptied).map((w) => w.message)).toEqual([
      "No customer has the tag 'vip' (customer_tags).",
    ]);
  });
});

describe("editDistance", () => {
  it.each([
    ["", "", 0],
    ["kitten", "sitting", 3],
    ["us-ny-newyrok", "us-ny-newyork", 2],
    ["abc", "", 3],
  ] as const)("%s → %s is %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
});
