import { describe, expect, it } from "vitest";
import { FLOCK_DOCS, filterNames, listFilters, lookupFilter, SHOPIFY_HELP, SHOPIFY_REFERENCE } from "./filters";
import { parseSegmentQuery } from "./parser";
import { printSegmentQuery } from "./printer";
import { unsupportedFilterMessage, unsupportedFilters } from "./unsupported";

const DEV = SHOPIFY_REFERENCE;
const HELP = SHOPIFY_HELP;
const FLOCK = FLOCK_DOCS;

// One realistic example per filter; `printed` is the canonical form when it differs from the input.
const FILTER_EXAMPLES: { filter: string; query: string; printed?: string; source: string }[] = [
  {
    filter: "abandoned_checkout_date",
    query: "abandoned_checkout_date >= 7_days_ago",
    printed: "abandoned_checkout_date >= -7d",
    source: HELP,
  },
  { filter: "amount_spent", query: "amount_spent BETWEEN 1 AND 999.99", source: HELP },
  { filter: "number_of_orders", query: "number_of_orders BETWEEN 100 AND 1000", source: DEV },
  { filter: "first_order_date", query: "first_order_date < -1y", source: DEV },
  { filter: "last_order_date", query: "last_order_date > 2020-05-30T16:00:00", source: DEV },
  { filter: "customer_added_date", query: "customer_added_date = yesterday", source: HELP },
  { filter: "customer_tags", query: "customer_tags CONTAINS 'vip'", source: DEV },
  { filter: "customer_countries", query: "customer_countries CONTAINS 'CA'", source: DEV },
  { filter: "customer_regions", query: "customer_regions NOT CONTAINS 'US-NY'", source: HELP },
  { filter: "customer_cities", query: "customer_cities CONTAINS 'US-NY-NewYorkCity'", source: HELP },
  { filter: "customer_email_domain", query: "customer_email_domain = 'example.com'", source: DEV },
  { filter: "customer_language", query: "customer_language != 'en'", source: HELP },
  { filter: "customer_account_status", query: "customer_account_status = 'DISABLED'", source: DEV },
  { filter: "email_subscription_status", query: "email_subscription_status = 'SUBSCRIBED'", source: DEV },
  { filter: "sms_subscription_status", query: "sms_subscription_status != 'UNSUBSCRIBED'", source: HELP },
  {
    filter: "products_purchased",
    query: "products_purchased MATCHES (id IN (1012132033639, 2012162031638), date BETWEEN -12m AND today)",
    source: DEV,
  },
  { filter: "orders_placed", query: "orders_placed MATCHES (sum_amount > 500, date > 2025-01-01)", source: DEV },
  { filter: "companies", query: "companies IS NOT NULL", source: HELP },
  {
    filter: "customer_within_distance",
    query: "customer_within_distance(coordinates: (40.7128, -74.006), distance_mi: 6.2) = true",
    source: HELP,
  },
  { filter: "anniversary", query: "anniversary(date: 'metafields.facts.birth_date') BETWEEN today AND +30d", source: HELP },
  { filter: "store_credit_accounts", query: "store_credit_accounts MATCHES (balance > 0, currency = 'USD')", source: DEV },
  {
    filter: "storefront_event.product_viewed",
    query: "storefront_event.product_viewed MATCHES (id = 1234567890, date > -7d)",
    source: DEV,
  },
  {
    filter: "storefront_event.collection_viewed",
    query: "storefront_event.collection_viewed MATCHES (id = 987654321, count >= 2)",
    source: DEV,
  },
  { filter: "product_subscription_status", query: "product_subscription_status = 'ACTIVE'", source: HELP },
  { filter: "created_by_app_id", query: "created_by_app_id = 1354745", source: DEV },
  { filter: "shopify_email.opened", query: "shopify_email.opened MATCHES (activity_id = 5240029206, date > -30d)", source: DEV },
  { filter: "shopify_email.clicked", query: "shopify_email.clicked MATCHES (activity_id IN (5240029206, 1932881090))", source: DEV },
  {
    filter: "shopify_email.bounced",
    query: "shopify_email.bounced NOT MATCHES (activity_id = 5240029206, date BETWEEN -12m AND today)",
    source: DEV,
  },
  {
    filter: "shopify_email.delivered",
    query: "shopify_email.delivered MATCHES (activity_id = 5240029206, date = 2022-01-01)",
    source: DEV,
  },
  {
    filter: "shopify_email.marked_as_spam",
    query: "shopify_email.marked_as_spam MATCHES (activity_id = 5240029206, date > -3m)",
    source: DEV,
  },
  { filter: "shopify_email.unsubscribed", query: "shopify_email.unsubscribed MATCHES (activity_id IN (5240029206))", source: DEV },
  { filter: "predicted_spend_tier", query: "predicted_spend_tier = 'HIGH'", source: HELP },
  { filter: "rfm_group", query: "rfm_group = 'AT_RISK'", source: HELP },
  { filter: "metafields.custom.vip_level", query: "metafields.custom.vip_level >= 3", source: HELP },
  { filter: "collections_purchased", query: "collections_purchased MATCHES (id = 2012162031638, date > -90d)", source: FLOCK },
  { filter: "abandoned_checkouts", query: "abandoned_checkouts MATCHES (date > -6h, recovered = false, amount >= 50)", source: FLOCK },
  { filter: "average_order_value", query: "average_order_value >= 75.50", source: FLOCK },
  { filter: "amount_spent_percentile", query: "amount_spent_percentile >= 90", source: FLOCK },
  { filter: "messages", query: "messages MATCHES (channel = 'sms', event = 'clicked', campaign_id = 42, date > -14d)", source: FLOCK },
  { filter: "segment_member", query: "segment_member MATCHES (id = 'clx0seg123')", source: FLOCK },
];

describe("filter catalogue", () => {
  it.each(FILTER_EXAMPLES)("parses $filter ($source)", ({ filter, query, printed }) => {
    // GIVEN a documented example WHEN it is parsed THEN it prints canonically and names the filter
    const result = parseSegmentQuery(query);
    expect(result.ok ? null : result.error.message).toBeNull();
    if (!result.ok) return;
    expect(result.tree.type).toBe("clause");
    if (result.tree.type === "clause") expect(result.tree.filter).toBe(filter);
    expect(printSegmentQuery(result.tree)).toBe(printed ?? query);
  });

  it("has an example for every catalogued filter", () => {
    const covered = new Set(FILTER_EXAMPLES.map((e) => e.filter));
    expect(filterNames().filter((name) => !covered.has(name))).toEqual([]);
  });

  it("has no duplicate names and every filter allows at least one operator or a call", () => {
    const names = filterNames();
    expect(new Set(names).size).toBe(names.length);
    for (const spec of listFilters()) expect(spec.operators.length > 0 || spec.requiresCall === true).toBe(true);
  });

  const EVALUABLE = [
    "amount_spent",
    "number_of_orders",
    "first_order_date",
    "last_order_date",
    "customer_added_date",
    "abandoned_checkout_date",
    "customer_tags",
    "customer_countries",
    "customer_regions",
    "customer_cities",
    "customer_email_domain",
    "customer_language",
    "customer_account_status",
    "email_subscription_status",
    "sms_subscription_status",
    "products_purchased",
    "orders_placed",
    "collections_purchased",
    "abandoned_checkouts",
    "average_order_value",
    "amount_spent_percentile",
    "messages",
    "segment_member",
  ];

  it("marks exactly the filters Flock evaluates as evaluable", () => {
    const evaluable = listFilters()
      .filter((f) => f.evaluable)
      .map((f) => f.name)
      .sort();
    expect(evaluable).toEqual([...EVALUABLE].sort());
    expect(lookupFilter("metafields.custom.vip")?.evaluable).toBe(false);
  });

  it("documents every filter in docs/SEGMENTS.md", async () => {
    const { readFile } = await import("node:fs/promises");
    const doc = await readFile(new URL("../../../docs/SEGMENTS.md", import.meta.url), "utf8");
    const missing = filterNames().filter((name) => !doc.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});

describe("unsupportedFilters", () => {
  it("lists non-evaluable filters with their positions", () => {
    // GIVEN a query mixing evaluable and Shopify-only filters over two lines
    const result = parseSegmentQuery("amount_spent > 10 AND\n  (rfm_group = 'LOYAL' OR shopify_email.opened MATCHES ())");
    if (!result.ok) throw new Error(result.error.message);
    // WHEN the engine asks which filters it cannot evaluate
    // THEN it gets each one with the line and column of its clause
    expect(unsupportedFilters(result.tree)).toEqual([
      { filter: "rfm_group", line: 2, column: 4 },
      { filter: "shopify_email.opened", line: 2, column: 27 },
    ]);
    expect(unsupportedFilterMessage(result.tree)).toBe(
      "Flock cannot evaluate the filter 'rfm_group' at 2:4 yet (and 1 more unsupported clause) — it only works inside Shopify",
    );
  });

  it.each(EVALUABLE_QUERIES())("accepts evaluable query %s", (query) => {
    const result = parseSegmentQuery(query);
    if (!result.ok) throw new Error(result.error.message);
    expect(unsupportedFilters(result.tree)).toEqual([]);
    expect(unsupportedFilterMessage(result.tree)).toBeUndefined();
  });

  it("flags metafields", () => {
    expect(unsupportedFilters(tree("metafields.custom.vip = true"))).toEqual([{ filter: "metafields.custom.vip", line: 1, column: 1 }]);
  });
});

function EVALUABLE_QUERIES(): string[] {
  return ["amount_spent > 100 AND messages MATCHES (channel = 'email')", "segment_member MATCHES (id = 7) OR customer_tags CONTAINS 'vip'"];
}

function tree(query: string) {
  const result = parseSegmentQuery(query);
  if (!result.ok) throw new Error(result.error.message);
  return result.tree;
}
