/**
 * The ten representative segments the benchmark times and the SQL-count test
 * checks, written against the generated store (app/sandbox/store-generator):
 * product 8200000000001 is "Peanut Butter Biscuits", collection 4100000000002 is
 * "Beds & Blankets".
 */
export const BENCHMARK_SEGMENTS: readonly { name: string; query: string }[] = [
  { name: "amount spent", query: "amount_spent >= 500" },
  { name: "ordered in the last 30 days", query: "last_order_date > -30d" },
  { name: "not ordered since a date", query: "last_order_date < 2026-03-01" },
  { name: "number of orders", query: "number_of_orders >= 10" },
  { name: "bought a product", query: "products_purchased MATCHES (id = 8200000000001)" },
  { name: "bought from a collection", query: "collections_purchased MATCHES (id = 4100000000002)" },
  { name: "abandoned a checkout in the last 24 h without ordering", query: "abandoned_checkouts MATCHES (date > -24h, recovered = false)" },
  { name: "tags", query: "customer_tags CONTAINS 'vip'" },
  { name: "location", query: "customer_regions CONTAINS 'US-NY'" },
  {
    name: "nested AND/OR of five clauses",
    query:
      "(amount_spent > 100 AND customer_tags CONTAINS 'dog-owner') OR (last_order_date >= -90d AND email_subscription_status = 'SUBSCRIBED' AND number_of_orders >= 3)",
  },
];

/**
 * Purchase rules that read every purchase (a day or a window, units in it), timed next to
 * the ten and checked against SQL over line items: New York days, so 2026-10-01 … 2026-10-30
 * is [2026-10-01T04:00Z, 2026-10-31T04:00Z) and 2026-11-20 is [2026-11-20T05:00Z, 2026-11-21T05:00Z).
 */
/** Segments on where orders were placed (the generator rings about one in eight up at two POS shops). */
export const ORDER_SOURCE_SEGMENTS: readonly { name: string; query: string }[] = [
  { name: "ordered at a shop twice or more", query: "orders_placed MATCHES (location_id IN (71000000001, 71000000002), count >= 2)" },
  { name: "never ordered through Point of Sale", query: "orders_placed NOT MATCHES (app_id = 129785)" },
];

export const PURCHASE_WINDOW_SEGMENTS: readonly { name: string; query: string }[] = [
  {
    name: "bought a product in a window, two units or more there",
    query: "products_purchased MATCHES (id = 8200000000001, date BETWEEN 2026-10-01 AND 2026-10-30, sum_quantity >= 2)",
  },
  { name: "bought from a collection on a day", query: "collections_purchased MATCHES (id = 4100000000002, date = 2026-11-20)" },
];
