import { describe, expect, it } from "vitest";
import { ShopClock } from "./clock";
import { evaluateColumns } from "./columnar";
import { buildColumns } from "./columns-builder";
import { evaluateSegment, explainSegment } from "./evaluate";
import { cityKey, regionKey, type CustomerRecord, type ShopCatalog } from "./facts";
import { parseSegmentQuery } from "../query-language/parser";
import type { SegmentQuery } from "../query-language/tree";
import { at, buildRecord } from "../test-support/test-records";

const catalog = (timeZone: string): ShopCatalog => ({
  timeZone,
  currencyDigits: 2,
  products: [
    { shopifyId: "8200000000001", tags: ["Treats"], category: "Dog Treats" },
    { shopifyId: "8200000000002", tags: [], category: "Cat Care" },
  ],
  collections: new Map([
    ["4100000000000", [0]],
    ["4100000000001", [1]],
  ]),
});

function parse(query: string): SegmentQuery {
  const r = parseSegmentQuery(query);
  if (!r.ok) throw new Error(r.error.message);
  return r.tree;
}

interface Case {
  description: string;
  query: string;
  facts: Partial<CustomerRecord>;
  now: string;
  timeZone?: string;
  expected: boolean;
}

const NY = "America/New_York";
const NOW = "2026-11-23T15:00:00Z"; // 10:00 in New York

const buy = (product: number, iso: string, quantity = 1) => ({ product, at: at(iso), quantity });
/** Product 0 bought three times: 5 units in January, 2 on 10 November and 3 on 20 November (New York days). */
const THREE = [buy(0, "2026-01-05T12:00:00Z", 5), buy(0, "2026-11-10T15:00:00Z", 2), buy(0, "2026-11-20T15:00:00Z", 3)];

const cases: Case[] = [
  // money and counts
  {
    description: "amount_spent > 100 is in minor units",
    query: "amount_spent > 100",
    facts: { amountSpent: 10001 },
    now: NOW,
    expected: true,
  },
  {
    description: "amount_spent > 100 excludes exactly 100",
    query: "amount_spent > 100",
    facts: { amountSpent: 10000 },
    now: NOW,
    expected: false,
  },
  {
    description: "amount_spent = 0.29 without float error",
    query: "amount_spent = 0.29",
    facts: { amountSpent: 29 },
    now: NOW,
    expected: true,
  },
  {
    description: "BETWEEN includes both bounds",
    query: "number_of_orders BETWEEN 2 AND 5",
    facts: { orderCount: 5 },
    now: NOW,
    expected: true,
  },
  {
    description: "BETWEEN excludes outside",
    query: "number_of_orders BETWEEN 2 AND 5",
    facts: { orderCount: 6 },
    now: NOW,
    expected: false,
  },
  { description: "average_order_value IS NULL without orders", query: "average_order_value IS NULL", facts: {}, now: NOW, expected: true },
  {
    description: "average_order_value != keeps customers without orders (Shopify's WHERE keeps NULL on !=)",
    query: "average_order_value != 10",
    facts: {},
    now: NOW,
    expected: true,
  },
  {
    description: "average_order_value != leaves out the equal value",
    query: "average_order_value != 10",
    facts: { averageOrderValue: 1000 },
    now: NOW,
    expected: false,
  },
  // dates: whole days in the shop's time zone
  {
    description: "an order at 23:30 New York time is on that New York day",
    query: "last_order_date = 2026-11-20",
    facts: { lastOrderAt: at("2026-11-21T04:30:00Z") },
    now: NOW,
    timeZone: NY,
    expected: true,
  },
  {
    description: "the same instant is the next day in UTC",
    query: "last_order_date = 2026-11-20",
    facts: { lastOrderAt: at("2026-11-21T04:30:00Z") },
    now: NOW,
    timeZone: "UTC",
    expected: false,
  },
  {
    description: "> a date means after that whole day",
    query: "last_order_date > 2026-11-20",
    facts: { lastOrderAt: at("2026-11-21T04:59:59Z") },
    now: NOW,
    timeZone: NY,
    expected: false,
  },
  {
    description: "> a date starts at the next local midnight",
    query: "last_order_date > 2026-11-20",
    facts: { lastOrderAt: at("2026-11-21T05:00:00Z") },
    now: NOW,
    timeZone: NY,
    expected: true,
  },
  {
    description: "<= a date includes its last second",
    query: "first_order_date <= 2026-11-20",
    facts: { firstOrderAt: at("2026-11-21T04:59:59Z") },
    now: NOW,
    timeZone: NY,
    expected: true,
  },
  {
    description: "-30d is the local day 30 days ago; >= includes it",
    query: "last_order_date >= -30d",
    facts: { lastOrderAt: at("2026-10-24T04:00:00Z") },
    now: NOW,
    timeZone: NY,
    expected: true,
  },
  {
    description: "-30d excludes the day before",
    query: "last_order_date >= -30d",
    facts: { lastOrderAt: at("2026-10-24T03:59:59Z") },
    now: NOW,
    timeZone: NY,
    expected: false,
  },
  {
    description: "today is the shop's local day",
    query: "customer_added_date = today",
    facts: { createdAt: at("2026-11-23T04:59:59Z") },
    now: NOW,
    timeZone: NY,
    expected: false,
  },
  {
    description: "yesterday covers the previous local day",
    query: "customer_added_date = yesterday",
    facts: { createdAt: at("2026-11-23T04:59:59Z") },
    now: NOW,
    timeZone: NY,
    expected: true,
  },
  {
    description: "-1m moves along the calendar",
    query: "customer_added_date >= -1m",
    facts: { createdAt: at("2026-10-23T04:00:00Z") },
    now: NOW,
    timeZone: NY,
    expected: true,
  },
  {
    description: "a day across the DST change is 25 hours long",
    query: "customer_added_date = 2026-11-01",
    facts: { createdAt: at("2026-11-02T04:59:59Z") },
    now: NOW,
    timeZone: NY,
    expected: true,
  },
  {
    description: "a time in the value compares instants",
    query: "last_order_date >= 2026-11-20T18:00:00",
    facts: { lastOrderAt: at("2026-11-20T22:59:59Z") },
    now: NOW,
    timeZone: NY,
    expected: false,
  },
  { description: "null dates fail comparisons", query: "last_order_date < 2026-11-20", facts: {}, now: NOW, expected: false },
  {
    description: "!= a date keeps customers without that date",
    query: "last_order_date != 2026-11-20",
    facts: {},
    now: NOW,
    expected: true,
  },
  {
    description: "!= a time keeps customers without that date",
    query: "last_order_date != 2026-11-20T18:00:00",
    facts: {},
    now: NOW,
    expected: true,
  },
  { description: "IS NULL matches missing dates", query: "abandoned_checkout_date IS NULL", facts: {}, now: NOW, expected: true },
  // lists and strings
  {
    description: "tags match case-insensitively",
    query: "customer_tags CONTAINS 'vip'",
    facts: { tags: ["VIP"] },
    now: NOW,
    expected: true,
  },
  { description: "tags match whole tags only", query: "customer_tags CONTAINS 'vi'", facts: { tags: ["vip"] }, now: NOW, expected: false },
  { description: "NOT CONTAINS holds without tags", query: "customer_tags NOT CONTAINS 'vip'", facts: {}, now: NOW, expected: true },
  {
    description: "countries case-insensitive",
    query: "customer_countries CONTAINS 'ca'",
    facts: { country: "CA" },
    now: NOW,
    expected: true,
  },
  {
    description: "regions",
    query: "customer_regions CONTAINS 'US-NY'",
    facts: { country: "US", region: "US-NY" },
    now: NOW,
    expected: true,
  },
  { description: "cities", query: "customer_cities CONTAINS 'US-NY-NewYork'", facts: { city: "US-NY-NewYork" }, now: NOW, expected: true },
  {
    description: "email domain case-insensitive",
    query: "customer_email_domain = 'GMAIL.com'",
    facts: { emailDomain: "gmail.com" },
    now: NOW,
    expected: true,
  },
  {
    description: "email domain != keeps customers without an email",
    query: "customer_email_domain != 'gmail.com'",
    facts: { emailDomain: null },
    now: NOW,
    expected: true,
  },
  {
    description: "email domain = never matches customers without an email",
    query: "customer_email_domain = 'gmail.com'",
    facts: { emailDomain: null },
    now: NOW,
    expected: false,
  },
  {
    description: "language != keeps customers without a language",
    query: "customer_language != 'en'",
    facts: { language: null },
    now: NOW,
    expected: true,
  },
  {
    description: "a province code that carries the country is Shopify's region key",
    query: "customer_regions CONTAINS 'JP-13'",
    facts: { country: "JP", region: regionKey("JP", "JP-13") },
    now: NOW,
    expected: true,
  },
  {
    description: "its city key has the country once",
    query: "customer_cities CONTAINS 'JP-13-Tokyo'",
    facts: { city: cityKey("JP", "JP-13", "Tokyo") },
    now: NOW,
    expected: true,
  },
  {
    description: "a city typed with its accent matches the stored key",
    query: "customer_cities CONTAINS 'CA-QC-Montréal'",
    facts: { city: cityKey("CA", "QC", "Montréal") },
    now: NOW,
    expected: true,
  },
  {
    description: "a city without the accent matches too",
    query: "customer_cities CONTAINS 'CA-QC-Montreal'",
    facts: { city: cityKey("CA", "QC", "Montréal") },
    now: NOW,
    expected: true,
  },
  {
    description: "Shopify's spelling 'US-NY-NewYorkCity' matches New York addresses",
    query: "customer_cities CONTAINS 'US-NY-NewYorkCity'",
    facts: { city: cityKey("US", "NY", "New York") },
    now: NOW,
    expected: true,
  },
  {
    description: "an address spelled 'New York City' matches 'US-NY-NewYork'",
    query: "customer_cities CONTAINS 'US-NY-NewYork'",
    facts: { city: cityKey("US", "NY", "New York City") },
    now: NOW,
    expected: true,
  },
  {
    description: "the City suffix does not make another state's city match",
    query: "customer_cities CONTAINS 'US-NJ-NewYorkCity'",
    facts: { city: cityKey("US", "NY", "New York") },
    now: NOW,
    expected: false,
  },
  {
    description: "a city in another script keeps its letters",
    query: "customer_cities CONTAINS 'JP-13-東京'",
    facts: { city: cityKey("JP", "JP-13", "東京") },
    now: NOW,
    expected: true,
  },
  {
    description: "two cities in another script stay apart",
    query: "customer_cities CONTAINS 'JP-27-大阪'",
    facts: { city: cityKey("JP", "JP-27", "堺") },
    now: NOW,
    expected: false,
  },
  {
    description: "regions ignore case",
    query: "customer_regions CONTAINS 'ca-qc'",
    facts: { region: regionKey("CA", "QC") },
    now: NOW,
    expected: true,
  },
  {
    description: "language matches a regional locale",
    query: "customer_language = 'en'",
    facts: { language: "en-CA" },
    now: NOW,
    expected: true,
  },
  {
    description: "language does not match another language",
    query: "customer_language = 'en'",
    facts: { language: "fr" },
    now: NOW,
    expected: false,
  },
  {
    description: "account status",
    query: "customer_account_status = 'ENABLED'",
    facts: { accountState: "ENABLED" },
    now: NOW,
    expected: true,
  },
  {
    description: "email subscription !=",
    query: "email_subscription_status != 'SUBSCRIBED'",
    facts: { emailState: "PENDING" },
    now: NOW,
    expected: true,
  },
  {
    description: "sms subscription",
    query: "sms_subscription_status = 'SUBSCRIBED'",
    facts: { smsState: "UNSUBSCRIBED" },
    now: NOW,
    expected: false,
  },
  // MATCHES
  {
    description: "bought a product by id",
    query: "products_purchased MATCHES (id = 8200000000001)",
    facts: { purchases: [buy(0, "2026-01-01T12:00:00Z")] },
    now: NOW,
    expected: true,
  },
  {
    description: "bought a product recently (a later purchase counts)",
    query: "products_purchased MATCHES (id = 8200000000001, date > -30d)",
    facts: { purchases: [buy(0, "2025-01-01T12:00:00Z"), buy(0, "2026-11-20T12:00:00Z")] },
    now: NOW,
    expected: true,
  },
  {
    description: "legacy call form = false",
    query: "products_purchased(id: 8200000000002) = false",
    facts: { purchases: [buy(0, "2026-01-01T12:00:00Z")] },
    now: NOW,
    expected: true,
  },
  {
    description: "product tag",
    query: "products_purchased MATCHES (tag = 'treats')",
    facts: { purchases: [buy(0, "2026-01-01T12:00:00Z")] },
    now: NOW,
    expected: true,
  },
  {
    description: "sum_quantity across products",
    query: "products_purchased MATCHES (sum_quantity >= 3)",
    facts: { purchases: [buy(0, "2026-01-01T12:00:00Z"), buy(1, "2026-01-01T12:00:00Z", 2)] },
    now: NOW,
    expected: true,
  },
  {
    description: "date = a day between the first and the last purchase",
    query: "products_purchased MATCHES (id = 8200000000001, date = 2026-11-10)",
    facts: { purchases: THREE },
    now: NOW,
    timeZone: NY,
    expected: true,
  },
  {
    description: "date = a day without a purchase",
    query: "products_purchased MATCHES (id = 8200000000001, date = 2026-11-11)",
    facts: { purchases: THREE },
    now: NOW,
    timeZone: NY,
    expected: false,
  },
  {
    description: "date = is the shop's local day",
    query: "products_purchased MATCHES (date = 2026-11-20)",
    facts: { purchases: [buy(0, "2026-11-21T04:30:00Z")] },
    now: NOW,
    timeZone: NY,
    expected: true,
  },
  {
    description: "BETWEEN includes the whole last day",
    query: "products_purchased MATCHES (date BETWEEN 2026-11-09 AND 2026-11-10)",
    facts: { purchases: [buy(0, "2026-01-05T12:00:00Z"), buy(0, "2026-11-11T04:59:59Z"), buy(0, "2026-11-22T12:00:00Z")] },
    now: NOW,
    timeZone: NY,
    expected: true,
  },
  {
    description: "BETWEEN starts at the first day's local midnight",
    query: "products_purchased MATCHES (date BETWEEN 2026-11-09 AND 2026-11-10)",
    facts: { purchases: [buy(0, "2026-11-09T05:00:00Z")] },
    now: NOW,
    timeZone: NY,
    expected: true,
  },
  {
    description: "BETWEEN leaves the second before out",
    query: "products_purchased MATCHES (date BETWEEN 2026-11-09 AND 2026-11-10)",
    facts: { purchases: [buy(0, "2026-11-09T04:59:59Z"), buy(0, "2026-11-11T05:00:00Z")] },
    now: NOW,
    timeZone: NY,
    expected: false,
  },
  {
    description: "BETWEEN ends with its last day",
    query: "products_purchased MATCHES (date BETWEEN 2026-11-09 AND 2026-11-10)",
    facts: { purchases: [buy(0, "2026-01-05T12:00:00Z"), buy(0, "2026-11-11T05:00:00Z"), buy(0, "2026-11-22T12:00:00Z")] },
    now: NOW,
    timeZone: NY,
    expected: false,
  },
  {
    description: "sum_quantity adds the purchases in the window only",
    query: "products_purchased MATCHES (id = 8200000000001, date BETWEEN 2026-11-01 AND 2026-11-30, sum_quantity >= 5)",
    facts: { purchases: THREE },
    now: NOW,
    timeZone: NY,
    expected: true,
  },
  {
    description: "sum_quantity leaves purchases outside the window out",
    query: "products_purchased MATCHES (id = 8200000000001, date BETWEEN 2026-11-01 AND 2026-11-30, sum_quantity >= 6)",
    facts: { purchases: THREE },
    now: NOW,
    timeZone: NY,
    expected: false,
  },
  {
    description: "quantity is the units of one order",
    query: "products_purchased MATCHES (id = 8200000000001, quantity >= 4)",
    facts: { purchases: THREE },
    now: NOW,
    expected: true,
  },
  {
    description: "quantity does not add orders up",
    query: "products_purchased MATCHES (id = 8200000000001, quantity >= 6)",
    facts: { purchases: THREE },
    now: NOW,
    expected: false,
  },
  {
    description: "count counts purchases in the window",
    query: "products_purchased MATCHES (date >= 2026-11-01, count = 2)",
    facts: { purchases: THREE },
    now: NOW,
    timeZone: NY,
    expected: true,
  },
  {
    description: "bought from a collection",
    query: "collections_purchased MATCHES (id = 4100000000001)",
    facts: { purchases: [buy(1, "2026-01-01T12:00:00Z")] },
    now: NOW,
    expected: true,
  },
  {
    description: "bought from a collection on a day",
    query: "collections_purchased MATCHES (id = 4100000000000, date = 2026-11-10)",
    facts: { purchases: THREE },
    now: NOW,
    timeZone: NY,
    expected: true,
  },
  {
    description: "NOT MATCHES a collection",
    query: "collections_purchased NOT MATCHES (id = 4100000000001)",
    facts: { purchases: [buy(1, "2026-01-01T12:00:00Z")] },
    now: NOW,
    expected: false,
  },
  {
    description: "orders_placed count in a window",
    query: "orders_placed MATCHES (date >= -7d, count >= 2)",
    facts: {
      orders: [
        { at: at("2026-11-20T12:00:00Z"), amount: 100, app: null, location: null },
        { at: at("2026-11-22T12:00:00Z"), amount: 100, app: null, location: null },
      ],
    },
    now: NOW,
    expected: true,
  },
  {
    description: "orders_placed sum_amount",
    query: "orders_placed MATCHES (sum_amount > 2)",
    facts: {
      orders: [
        { at: 1, amount: 100, app: null, location: null },
        { at: 2, amount: 100, app: null, location: null },
      ],
    },
    now: NOW,
    expected: false,
  },
  {
    description: "orders_placed at a retail location",
    query: "orders_placed MATCHES (location_id = 71000000001)",
    facts: {
      orders: [
        { at: 1, amount: 100, app: "580111", location: null },
        { at: 2, amount: 100, app: "129785", location: "71000000001" },
      ],
    },
    now: NOW,
    expected: true,
  },
  {
    description: "orders_placed at another location",
    query: "orders_placed MATCHES (location_id = 71000000002)",
    facts: { orders: [{ at: 2, amount: 100, app: "129785", location: "71000000001" }] },
    now: NOW,
    expected: false,
  },
  {
    description: "orders_placed through an app in a window, counted",
    query: "orders_placed MATCHES (app_id = 580111, date >= -7d, count >= 2)",
    facts: {
      orders: [
        { at: at("2026-11-20T12:00:00Z"), amount: 100, app: "580111", location: null },
        { at: at("2026-11-21T12:00:00Z"), amount: 100, app: "129785", location: "5" },
        { at: at("2026-11-22T12:00:00Z"), amount: 100, app: "580111", location: null },
      ],
    },
    now: NOW,
    expected: true,
  },
  {
    description: "orders_placed with no location is not at any location, and is outside one",
    query: "orders_placed MATCHES (location_id != 5)",
    facts: { orders: [{ at: 1, amount: 100, app: "580111", location: null }] },
    now: NOW,
    expected: true,
  },
  {
    description: "call form orders_placed(app_id:)",
    query: "orders_placed(app_id: 129785) = true",
    facts: { orders: [{ at: 1, amount: 100, app: "580111", location: null }] },
    now: NOW,
    expected: false,
  },
  {
    description: "abandoned in the last 6 hours, not recovered",
    query: "abandoned_checkouts MATCHES (date > -6h, recovered = false)",
    facts: { checkouts: [{ at: at("2026-11-23T10:00:00Z"), amount: 5000, recovered: false }] },
    now: NOW,
    expected: true,
  },
  {
    description: "abandoned 6 h 1 s ago is out",
    query: "abandoned_checkouts MATCHES (date > -6h)",
    facts: { checkouts: [{ at: at("2026-11-23T08:59:59Z"), amount: 5000, recovered: false }] },
    now: NOW,
    expected: false,
  },
  {
    description: "messages by channel and event",
    query: "messages MATCHES (channel = 'sms', event IN ('delivered', 'clicked'))",
    facts: { messages: [{ channel: "sms", event: "clicked", campaignId: "c1", at: 1 }] },
    now: NOW,
    expected: true,
  },
  {
    description: "segment member",
    query: "segment_member MATCHES (id = 'seg1')",
    facts: { segmentIds: ["seg1"] },
    now: NOW,
    expected: true,
  },
];

describe("evaluateSegment with Shopify's semantics", () => {
  it.each(cases)("$description", ({ query, facts, now, timeZone, expected }) => {
    // GIVEN one customer and a rule
    const tree = parse(query);
    const record = buildRecord(facts);
    const env = {
      catalog: catalog(timeZone ?? "UTC"),
      clock: new ShopClock(timeZone ?? "UTC"),
      stats: { sortedAmounts: new Float64Array([record.amountSpent]) },
      now: new Date(now),
    };
    // WHEN both evaluators run THEN they give the expected answer
    expect(evaluateSegment(tree, record, env)).toBe(expected);
    expect(evaluateColumns(tree, buildColumns([record], 2), env).has(0)).toBe(expected);
  });
});

describe("amount_spent_percentile", () => {
  it.each([
    { query: "amount_spent_percentile >= 100", expected: [false, false, false, true] },
    { query: "amount_spent_percentile < 50", expected: [true, true, false, false] },
  ])("$query", ({ query, expected }) => {
    const records = [0, 0, 500, 900].map((amountSpent, i) => buildRecord({ id: i + 1, amountSpent }));
    const env = {
      catalog: catalog("UTC"),
      clock: new ShopClock("UTC"),
      stats: { sortedAmounts: new Float64Array([0, 0, 500, 900]) },
      now: new Date(NOW),
    };
    expect(records.map((r) => evaluateSegment(parse(query), r, env))).toEqual(expected);
  });
});

describe("explainSegment", () => {
  it("reports every clause with the facts it read", () => {
    const env = {
      catalog: catalog("UTC"),
      clock: new ShopClock("UTC"),
      stats: { sortedAmounts: new Float64Array([15000]) },
      now: new Date(NOW),
    };
    const trace = explainSegment(
      parse("amount_spent > 100 AND (customer_tags CONTAINS 'vip' OR number_of_orders >= 3)"),
      buildRecord({ amountSpent: 15000, orderCount: 1, tags: ["vip"] }),
      env,
    );
    expect(trace).toEqual({
      type: "and",
      result: true,
      children: [
        { type: "clause", filter: "amount_spent", query: "amount_spent > 100", result: true, facts: { amount_spent: "150.00" } },
        {
          type: "or",
          result: true,
          children: [
            {
              type: "clause",
              filter: "customer_tags",
              query: "customer_tags CONTAINS 'vip'",
              result: true,
              facts: { customer_tags: ["vip"] },
            },
            { type: "clause", filter: "number_of_orders", query: "number_of_orders >= 3", result: false, facts: { number_of_orders: 1 } },
          ],
        },
      ],
    });
  });
  it("explains location and != clauses the way the evaluators decide them", () => {
    // GIVEN a customer in Montréal without an email address
    const env = {
      catalog: catalog("UTC"),
      clock: new ShopClock("UTC"),
      stats: { sortedAmounts: new Float64Array([0]) },
      now: new Date(NOW),
    };
    const record = buildRecord({ city: cityKey("CA", "QC", "Montréal"), emailDomain: null });
    // WHEN the explanation is asked for the city as the customer wrote it and for an excluded domain
    const trace = explainSegment(parse("customer_cities CONTAINS 'CA-QC-Montréal' AND customer_email_domain != 'gmail.com'"), record, env);
    // THEN both clauses hold, with the stored key and the missing domain shown
    expect(trace).toEqual({
      type: "and",
      result: true,
      children: [
        {
          type: "clause",
          filter: "customer_cities",
          query: "customer_cities CONTAINS 'CA-QC-Montréal'",
          result: true,
          facts: { customer_cities: ["CA-QC-Montreal"] },
        },
        {
          type: "clause",
          filter: "customer_email_domain",
          query: "customer_email_domain != 'gmail.com'",
          result: true,
          facts: { customer_email_domain: null },
        },
      ],
    });
  });
  it("shows the purchases a products_purchased clause kept and what it added up", () => {
    const env = { catalog: catalog(NY), clock: new ShopClock(NY), stats: { sortedAmounts: new Float64Array([0]) }, now: new Date(NOW) };
    const trace = explainSegment(
      parse("products_purchased MATCHES (id = 8200000000001, date BETWEEN 2026-11-01 AND 2026-11-30, sum_quantity >= 5)"),
      buildRecord({ purchases: THREE }),
      env,
    );
    expect(trace).toMatchObject({
      type: "clause",
      result: true,
      facts: {
        "products_purchased.rows": 3,
        "products_purchased.matching_rows": 2,
        "products_purchased.sum_quantity": 5,
        "products_purchased.matching": ["8200000000001 2026-11-10T15:00:00.000Z x2", "8200000000001 2026-11-20T15:00:00.000Z x3"],
      },
    });
  });
});
