/**
 * fast-check generators for the evaluator parity test: small random stores whose
 * timestamps sit on and next to local day boundaries, and random rule trees whose
 * values are drawn from the same vocabulary, so clauses actually select customers.
 */
import fc from "fast-check";
import { ShopClock } from "./clock";
import type { CatalogProduct, CustomerRecord, ShopCatalog } from "./facts";
import type { Clause, ComparisonOperator, DateValue, MatchParam, ParamCondition, SegmentQuery, Value } from "../query-language/tree";

export const TIME_ZONES = ["UTC", "America/New_York", "Asia/Kolkata", "Pacific/Chatham", "America/Santiago", "Europe/London"] as const;
const TAGS = ["vip", "VIP", "Wholesale", "newsletter", "dog-owner"];
const COUNTRIES = ["US", "CA", "FR"];
const REGIONS = ["US-NY", "US-CA", "CA-QC", "JP-13"];
const CITIES = ["US-NY-NewYork", "CA-QC-Montreal", "JP-13-Tokyo", "US-MO-KansasCity"];
const DOMAINS = ["gmail.com", "Example.org"];
const LANGUAGES = ["en", "en-CA", "fr"];
const ACCOUNT = ["DISABLED", "ENABLED", "INVITED", "DECLINED"];
const MARKETING = ["NOT_SUBSCRIBED", "PENDING", "SUBSCRIBED", "UNSUBSCRIBED"];
const SEGMENTS = ["seg-a", "seg-b"];
const CAMPAIGNS = ["c1", "c2"];

export const PRODUCTS: CatalogProduct[] = [
  { shopifyId: "101", tags: ["Treats"], category: "Dog" },
  { shopifyId: "102", tags: ["treats", "sale"], category: "Dog" },
  { shopifyId: "103", tags: [], category: "Cat" },
  { shopifyId: "104", tags: ["sale"], category: null },
];
const COLLECTIONS = new Map<string, number[]>([
  ["901", [0, 1]],
  ["902", [1, 2, 3]],
  ["903", []],
]);

/** `now` in 2026, on a quarter hour plus a few seconds. */
export const nowArb = fc.integer({ min: 0, max: 365 * 96 }).map((q) => new Date(Date.UTC(2026, 0, 1) + q * 900_000 + 7_000));

export function catalogFor(timeZone: string): ShopCatalog {
  return { timeZone, currencyDigits: 2, products: PRODUCTS, collections: COLLECTIONS };
}

/**
 * Seconds near `now`, crowded onto the edges that matter: local midnights (and a
 * second either side), whole hours back from `now`, and quarter hours in between.
 */
function secondsNear(now: Date, clock: ShopClock): fc.Arbitrary<number> {
  const nowS = Math.floor(now.getTime() / 1000);
  const today = clock.dayOfSecond(nowS);
  const jitter = fc.constantFrom(0, 0, -1, 1);
  return fc.oneof(
    fc.tuple(fc.integer({ min: -14, max: 1 }), jitter).map(([d, j]) => clock.startOfDaySecond(today + d) + j),
    fc.tuple(fc.integer({ min: 0, max: 72 }), jitter).map(([h, j]) => nowS - h * 3600 + j),
    fc.tuple(fc.integer({ min: -14 * 96, max: 4 }), jitter).map(([q, j]) => Math.floor(nowS / 900) * 900 + q * 900 + j),
  );
}

export function storeArb(now: Date, timeZone: string): fc.Arbitrary<CustomerRecord[]> {
  const at = secondsNear(now, new ShopClock(timeZone));
  const optionalAt = fc.option(at, { nil: null });
  const money = fc.integer({ min: 0, max: 40 }).map((n) => n * 2500);
  const customer = fc.record({
    amountSpent: money,
    orderCount: fc.integer({ min: 0, max: 6 }),
    averageOrderValue: fc.option(money, { nil: null }),
    createdAt: at,
    firstOrderAt: optionalAt,
    lastOrderAt: optionalAt,
    lastAbandonedAt: optionalAt,
    accountState: fc.constantFrom(...ACCOUNT),
    emailState: fc.constantFrom(...MARKETING),
    smsState: fc.constantFrom(...MARKETING),
    emailDomain: fc.option(fc.constantFrom(...DOMAINS), { nil: null }),
    language: fc.option(fc.constantFrom(...LANGUAGES), { nil: null }),
    country: fc.option(fc.constantFrom(...COUNTRIES), { nil: null }),
    region: fc.option(fc.constantFrom(...REGIONS), { nil: null }),
    city: fc.option(fc.constantFrom(...CITIES), { nil: null }),
    tags: fc.uniqueArray(fc.constantFrom("vip", "wholesale", "newsletter"), { maxLength: 3 }),
    // Up to eight purchases over four products: the same product often bought again, at
    // times on and around day edges, so date windows split a product's purchases.
    purchases: fc.array(
      fc.record({ product: fc.integer({ min: 0, max: PRODUCTS.length - 1 }), at, quantity: fc.integer({ min: 1, max: 4 }) }),
      { maxLength: 8 },
    ),
    // Orders online (no location) or at one of two shops, through two apps or none recorded.
    orders: fc.array(
      fc.record({ at, amount: money, app: fc.constantFrom(null, "580111", "129785"), location: fc.constantFrom(null, "5", "6") }),
      { maxLength: 4 },
    ),
    checkouts: fc.array(fc.record({ at, amount: money, recovered: fc.boolean() }), { maxLength: 3 }),
    messages: fc.array(
      fc.record({
        channel: fc.constantFrom("sms", "email"),
        event: fc.constantFrom("delivered", "opened", "clicked"),
        campaignId: fc.option(fc.constantFrom(...CAMPAIGNS), { nil: null }),
        at,
      }),
      { maxLength: 3 },
    ),
    segmentIds: fc.subarray(SEGMENTS),
  });
  return fc.array(customer, { minLength: 1, maxLength: 40 }).map((cs) => cs.map((c, i): CustomerRecord => ({ id: i + 1, ...c })));
}

const str = (value: string): Value => ({ type: "string", value });
const num = (value: number | string): Value => ({ type: "number", value: String(value) });
const id = (value: string): Value => ({ type: "id", value });
const COMPARE: ComparisonOperator[] = ["=", "!=", ">", ">=", "<", "<="];

function dateValueArb(now: Date): fc.Arbitrary<DateValue> {
  const absolute = fc
    .tuple(fc.integer({ min: -15, max: 2 }), fc.option(fc.integer({ min: 0, max: 95 }), { nil: undefined }))
    .map(([d, q]): DateValue => {
      const date = new Date(now.getTime() + d * 86_400_000).toISOString().slice(0, 10);
      if (q === undefined) return { kind: "absolute", date };
      return { kind: "absolute", date, time: `${String(Math.floor(q / 4)).padStart(2, "0")}:${String((q % 4) * 15).padStart(2, "0")}:00` };
    });
  return fc.oneof(
    fc.record({ kind: fc.constant("relative" as const), amount: fc.integer({ min: -15, max: 1 }), unit: fc.constantFrom("d" as const) }),
    fc.record({
      kind: fc.constant("relative" as const),
      amount: fc.integer({ min: -2, max: 0 }),
      unit: fc.constantFrom("w" as const, "m" as const, "y" as const),
    }),
    fc.record({ kind: fc.constant("relative" as const), amount: fc.integer({ min: -72, max: 1 }), unit: fc.constant("h" as const) }),
    fc.constant({ kind: "today" as const }),
    fc.constant({ kind: "yesterday" as const }),
    absolute,
  );
}

function ordered(values: fc.Arbitrary<Value>): fc.Arbitrary<ParamCondition> {
  return fc.oneof(
    fc.tuple(fc.constantFrom(...COMPARE), values).map(([operator, value]): ParamCondition => ({ op: "compare", operator, value })),
    fc.tuple(values, values).map(([from, to]): ParamCondition => ({ op: "between", from, to })),
  );
}

function membership(values: fc.Arbitrary<Value>): fc.Arbitrary<ParamCondition> {
  return fc.oneof(
    fc
      .tuple(fc.constantFrom<ComparisonOperator>("=", "!="), values)
      .map(([operator, value]): ParamCondition => ({ op: "compare", operator, value })),
    fc
      .tuple(fc.boolean(), fc.array(values, { minLength: 1, maxLength: 3 }))
      .map(([negated, vs]): ParamCondition => ({ op: "in", negated, values: vs })),
  );
}

function treeArbs(now: Date) {
  const date = dateValueArb(now).map((value): Value => ({ type: "date", value }));
  const moneyValue = fc.integer({ min: 0, max: 1000 }).map((n) => num(n % 3 === 0 ? `${n}.5` : n));
  const nullOr = (c: fc.Arbitrary<ParamCondition>) =>
    fc.oneof(
      c,
      fc.boolean().map((negated): ParamCondition => ({ op: "null", negated })),
    );
  const listCond = (vals: string[]) =>
    nullOr(
      fc.tuple(fc.boolean(), fc.constantFrom(...vals)).map(([negated, v]): ParamCondition => ({ op: "contains", negated, value: str(v) })),
    );
  const eqCond = (vals: string[], nullable: boolean) => {
    const c = fc
      .tuple(fc.constantFrom<ComparisonOperator>("=", "!="), fc.constantFrom(...vals))
      .map(([operator, v]): ParamCondition => ({ op: "compare", operator, value: str(v) }));
    return nullable ? nullOr(c) : c;
  };
  const param = (name: string, condition: fc.Arbitrary<ParamCondition>) => condition.map((c): MatchParam => ({ name, condition: c }));
  const matches = (filter: string, params: fc.Arbitrary<MatchParam>[]) =>
    fc
      .tuple(fc.boolean(), fc.subarray(params.map((_, i) => i)))
      .chain(([negated, chosen]) =>
        fc
          .tuple(...chosen.map((i) => params[i] as fc.Arbitrary<MatchParam>))
          .map((ps): Clause => ({ type: "clause", filter, condition: { op: "matches", negated, params: [...ps] } })),
      );
  const clause = (filter: string, condition: fc.Arbitrary<ParamCondition>) =>
    condition.map((c): Clause => ({ type: "clause", filter, condition: c }));
  const dateParam = param("date", ordered(date));
  const clauses: fc.Arbitrary<Clause>[] = [
    clause("amount_spent", ordered(moneyValue)),
    clause("number_of_orders", ordered(fc.integer({ min: 0, max: 7 }).map(num))),
    clause("average_order_value", nullOr(ordered(moneyValue))),
    clause("amount_spent_percentile", ordered(fc.integer({ min: 0, max: 100 }).map(num))),
    ...["first_order_date", "last_order_date", "abandoned_checkout_date"].map((f) => clause(f, nullOr(ordered(date)))),
    clause("customer_added_date", ordered(date)),
    clause("customer_tags", listCond(TAGS)),
    clause("customer_countries", listCond([...COUNTRIES, "us"])),
    clause("customer_regions", listCond([...REGIONS, "jp-13"])),
    // Spellings that fold to stored keys: accents, case, spaces and an optional trailing "City".
    clause("customer_cities", listCond([...CITIES, "CA-QC-Montréal", "us-ny-new york", "US-NY-NewYorkCity", "US-MO-Kansas"])),
    clause("customer_email_domain", eqCond(["gmail.com", "example.org"], true)),
    clause("customer_language", eqCond(["en", "fr", "EN-ca"], true)),
    clause("customer_account_status", eqCond(ACCOUNT, false)),
    clause("email_subscription_status", eqCond(MARKETING, false)),
    clause("sms_subscription_status", eqCond(MARKETING, false)),
    matches("products_purchased", [
      param("id", membership(fc.constantFrom("101", "102", "103", "104", "999").map(id))),
      param("tag", eqCond(["treats", "sale"], false)),
      param("category", eqCond(["dog", "Cat"], false)),
      dateParam,
      param("quantity", ordered(fc.integer({ min: 0, max: 6 }).map(num))),
      param("sum_quantity", ordered(fc.integer({ min: 0, max: 12 }).map(num))),
      param("count", ordered(fc.integer({ min: 0, max: 6 }).map(num))),
    ]),
    // The per-purchase parameters together: a product, a day or a window, and units or purchases in it.
    fc
      .tuple(
        fc.boolean(),
        param("id", membership(fc.constantFrom("101", "102", "104").map(id))),
        param(
          "date",
          fc.oneof(
            date.map((value): ParamCondition => ({ op: "compare", operator: "=", value })),
            fc.tuple(date, date).map(([from, to]): ParamCondition => ({ op: "between", from, to })),
          ),
        ),
        fc.option(param("quantity", ordered(fc.integer({ min: 1, max: 5 }).map(num))), { nil: undefined }),
        fc.oneof(
          param("sum_quantity", ordered(fc.integer({ min: 0, max: 10 }).map(num))),
          param("count", ordered(fc.integer({ min: 0, max: 4 }).map(num))),
        ),
      )
      .map(([negated, ...ps]): Clause => ({
        type: "clause",
        filter: "products_purchased",
        condition: { op: "matches", negated, params: ps.filter((p): p is MatchParam => p !== undefined) },
      })),
    fc
      .tuple(fc.constantFrom("101", "102", "999"), fc.option(date, { nil: undefined }), fc.boolean(), fc.boolean())
      .map(([pid, d, eq, want]): Clause => ({
        type: "clause",
        filter: "products_purchased",
        args:
          d === undefined
            ? [{ name: "id", value: id(pid) }]
            : [
                { name: "id", value: id(pid) },
                { name: "date", value: d },
              ],
        condition: { op: "compare", operator: eq ? "=" : "!=", value: { type: "boolean", value: want } },
      })),
    matches("collections_purchased", [param("id", membership(fc.constantFrom("901", "902", "903").map(id))), dateParam]),
    matches("orders_placed", [
      dateParam,
      param("amount", ordered(moneyValue)),
      param("sum_amount", ordered(moneyValue)),
      param("count", ordered(fc.integer({ min: 0, max: 4 }).map(num))),
      param("location_id", membership(fc.constantFrom("5", "6", "7").map(id))),
      param("app_id", membership(fc.constantFrom("580111", "129785").map(id))),
    ]),
    matches("abandoned_checkouts", [
      dateParam,
      param(
        "recovered",
        fc
          .tuple(fc.constantFrom<ComparisonOperator>("=", "!="), fc.boolean())
          .map(([operator, b]): ParamCondition => ({ op: "compare", operator, value: { type: "boolean", value: b } })),
      ),
      param("amount", ordered(moneyValue)),
    ]),
    matches("messages", [
      param("channel", membership(fc.constantFrom("sms", "email").map(str))),
      param("event", membership(fc.constantFrom("delivered", "opened", "bounced").map(str))),
      param("campaign_id", membership(fc.constantFrom("c1", "c2", "c3").map(str))),
      dateParam,
    ]),
    matches("segment_member", [param("id", membership(fc.constantFrom(...SEGMENTS, "seg-z").map(str)))]),
  ];
  return fc.oneof(...clauses);
}

export function treeArb(now: Date): fc.Arbitrary<SegmentQuery> {
  const clause = treeArbs(now);
  return fc.letrec<{ node: SegmentQuery }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      clause,
      fc
        .tuple(fc.constantFrom("and" as const, "or" as const), fc.array(tie("node"), { minLength: 2, maxLength: 3 }))
        .map(([type, children]): SegmentQuery => ({ type, children })),
    ),
  })).node;
}
