/**
 * Every filter Flock understands: what values it takes, which operators make
 * sense for it, and whether Flock's own engine can evaluate it. Shopify facts
 * follow shopify.dev's "Segment query language reference" and the Shopify Help
 * Center's "Shopify-based customer segment filters".
 */

/** The operator spellings a filter or parameter may allow, as printed. */
export type OperatorName =
  | "="
  | "!="
  | ">"
  | ">="
  | "<"
  | "<="
  | "BETWEEN"
  | "CONTAINS"
  | "NOT CONTAINS"
  | "IS NULL"
  | "IS NOT NULL"
  | "IN"
  | "NOT IN"
  | "MATCHES"
  | "NOT MATCHES";

export type ValueKind =
  /** Decimal amount in the shop currency. */
  | "money"
  /** Any decimal number; `min`/`max` may bound it. */
  | "number"
  /** Signed 64-bit integer. */
  | "integer"
  /** Unsigned 64-bit id, written without quotes. */
  | "id"
  /** Flock record id: an unquoted numeric id or a quoted string (cuid). */
  | "flock_id"
  | "string"
  /** Quoted string restricted to `enumValues` (case-sensitive). */
  | "enum"
  | "boolean"
  | "date"
  | "coordinates"
  /** Metafields: the type is only known to the shop, so any scalar literal. */
  | "any";

export interface ConditionSpec {
  valueType: ValueKind;
  operators: readonly OperatorName[];
  enumValues?: readonly string[];
  min?: string;
  max?: string;
}

export interface ParamSpec extends ConditionSpec {
  description: string;
}

export interface LegacyCallSpec {
  /** Named arguments of `filter(name: value)`; `""` is the positional argument. */
  args: Readonly<Record<string, ValueKind>>;
  /** What the call may be compared with, e.g. `= true` or a date. */
  result: ConditionSpec;
}

export interface FilterSpec extends ConditionSpec {
  name: string;
  origin: "shopify" | "flock";
  /** Whether Flock's segment engine can compute membership for this filter. */
  evaluable: boolean;
  description: string;
  /** Named parameters accepted inside `MATCHES (...)`. */
  params?: Readonly<Record<string, ParamSpec>>;
  legacyCall?: LegacyCallSpec;
  /** Only usable in call form, e.g. `anniversary(date: '…') = today`. */
  requiresCall?: boolean;
  /** Page the Shopify facts come from, or Flock's own doc. */
  docs: string;
}

export const SHOPIFY_REFERENCE = "https://shopify.dev/docs/api/shopifyql/segment-query-language-reference";
export const SHOPIFY_HELP = "https://help.shopify.com/en/manual/customers/customer-segmentation/reference-guide/shopify-segments";
export const FLOCK_DOCS = "docs/SEGMENTS.md";

const COMPARE: readonly OperatorName[] = ["=", "!=", ">", ">=", "<", "<="];
const ORDERED: readonly OperatorName[] = [...COMPARE, "BETWEEN"];
const NULLABLE: readonly OperatorName[] = ["IS NULL", "IS NOT NULL"];
const EQUALITY: readonly OperatorName[] = ["=", "!="];
const LIST: readonly OperatorName[] = ["CONTAINS", "NOT CONTAINS", ...NULLABLE];
const MEMBERSHIP: readonly OperatorName[] = ["=", "!=", "IN", "NOT IN"];
const MATCHING: readonly OperatorName[] = ["MATCHES", "NOT MATCHES"];
const BOOLEAN_RESULT: ConditionSpec = { valueType: "boolean", operators: EQUALITY };

const dateParam = (description: string): ParamSpec => ({ valueType: "date", operators: ORDERED, description });
const countParam = (description: string): ParamSpec => ({ valueType: "integer", operators: ORDERED, description });
const moneyParam = (description: string): ParamSpec => ({ valueType: "money", operators: ORDERED, description });
const idParam = (description: string, valueType: ValueKind = "id"): ParamSpec => ({
  valueType,
  operators: MEMBERSHIP,
  description,
});

export const EMAIL_SUBSCRIPTION_STATES = ["SUBSCRIBED", "NOT_SUBSCRIBED", "PENDING", "UNSUBSCRIBED", "INVALID", "REDACTED"];
export const SMS_SUBSCRIPTION_STATES = ["SUBSCRIBED", "NOT_SUBSCRIBED", "PENDING", "UNSUBSCRIBED", "REDACTED"];
export const ACCOUNT_STATES = ["ENABLED", "DISABLED", "INVITED", "DECLINED"];
export const SPEND_TIERS = ["HIGH", "MEDIUM", "LOW"];
export const RFM_GROUPS = [
  "CHAMPIONS",
  "LOYAL",
  "ACTIVE",
  "NEW",
  "PROMISING",
  "NEEDS_ATTENTION",
  "AT_RISK",
  "ALMOST_LOST",
  "PREVIOUSLY_LOYAL",
  "DORMANT",
  "PROSPECTS",
];
export const PRODUCT_SUBSCRIPTION_STATES = ["ACTIVE", "PAUSED", "CANCELLED", "EXPIRED", "FAILED", "NEVER_SUBSCRIBED"];
export const MESSAGE_CHANNELS = ["sms", "email"];
export const MESSAGE_EVENTS = ["sent", "delivered", "opened", "clicked", "bounced", "failed", "unsubscribed", "marked_as_spam"];
export const SHOPIFY_EMAIL_EVENTS = ["bounced", "clicked", "delivered", "marked_as_spam", "opened", "unsubscribed"];
export const STOREFRONT_EVENTS = ["product_viewed", "collection_viewed"];

function shopify(spec: Omit<FilterSpec, "origin" | "docs"> & { docs?: string }): FilterSpec {
  return { origin: "shopify", docs: SHOPIFY_HELP, ...spec };
}
function flock(spec: Omit<FilterSpec, "origin" | "docs" | "evaluable">): FilterSpec {
  return { origin: "flock", docs: FLOCK_DOCS, evaluable: true, ...spec };
}

const dateFilter = (name: string, description: string, nullable: boolean): FilterSpec =>
  shopify({
    name,
    description,
    valueType: "date",
    operators: nullable ? [...ORDERED, ...NULLABLE] : ORDERED,
    evaluable: true,
  });

const listFilter = (name: string, description: string): FilterSpec =>
  shopify({ name, description, valueType: "string", operators: LIST, evaluable: true });

const enumFilter = (name: string, description: string, enumValues: string[], evaluable: boolean): FilterSpec =>
  shopify({ name, description, valueType: "enum", operators: EQUALITY, enumValues, evaluable });

const shopifyEmailFilter = (event: string): FilterSpec =>
  shopify({
    name: `shopify_email.${event}`,
    description: `Shopify Email '${event}' events for the customer.`,
    valueType: "boolean",
    operators: MATCHING,
    evaluable: false,
    docs: SHOPIFY_REFERENCE,
    params: {
      activity_id: idParam("Marketing activity id of the email campaign."),
      date: dateParam("When the event happened."),
      count: countParam("How many matching events."),
    },
    legacyCall: { args: { activity_id: "id", date: "date" }, result: BOOLEAN_RESULT },
  });

const storefrontFilter = (event: string): FilterSpec =>
  shopify({
    name: `storefront_event.${event}`,
    description: `Storefront '${event}' events recorded for the customer.`,
    valueType: "boolean",
    operators: MATCHING,
    evaluable: false,
    docs: SHOPIFY_REFERENCE,
    params: {
      id: idParam(event === "product_viewed" ? "Product id." : "Collection id."),
      tag: { valueType: "string", operators: EQUALITY, description: "Product tag." },
      date: dateParam("When the page was viewed."),
      count: countParam("How many views."),
    },
  });

const CATALOGUE: readonly FilterSpec[] = [
  dateFilter("abandoned_checkout_date", "Date the customer last abandoned a checkout.", true),
  shopify({
    name: "amount_spent",
    description: "Total amount the customer has spent, in the shop currency (all time).",
    valueType: "money",
    operators: ORDERED,
    evaluable: true,
  }),
  shopify({
    name: "number_of_orders",
    description: "Number of orders the customer has placed (all time).",
    valueType: "integer",
    operators: ORDERED,
    evaluable: true,
  }),
  dateFilter("first_order_date", "Date of the customer's first order.", true),
  dateFilter("last_order_date", "Date of the customer's most recent order.", true),
  dateFilter("customer_added_date", "Date the customer record was created.", false),
  listFilter("customer_tags", "Tags on the customer (matched case-insensitively)."),
  listFilter("customer_countries", "Countries of the customer's addresses (ISO 3166 alpha-2, e.g. 'CA')."),
  listFilter("customer_regions", "States or provinces of the customer's addresses ('US-NY')."),
  listFilter("customer_cities", "Cities of the customer's addresses ('US-NY-NewYorkCity')."),
  shopify({
    name: "customer_email_domain",
    description: "Domain of the customer's email address.",
    valueType: "string",
    operators: [...EQUALITY, ...NULLABLE],
    evaluable: true,
  }),
  shopify({
    name: "customer_language",
    description: "Customer's language (ISO 639-1 code, e.g. 'en').",
    valueType: "string",
    operators: [...EQUALITY, ...NULLABLE],
    evaluable: true,
  }),
  enumFilter("customer_account_status", "State of the customer's account.", ACCOUNT_STATES, true),
  enumFilter("email_subscription_status", "Email marketing consent state.", EMAIL_SUBSCRIPTION_STATES, true),
  enumFilter("sms_subscription_status", "SMS marketing consent state.", SMS_SUBSCRIPTION_STATES, true),
  shopify({
    name: "products_purchased",
    description: "Products the customer bought (all time unless date is given).",
    valueType: "boolean",
    operators: MATCHING,
    evaluable: true,
    docs: SHOPIFY_REFERENCE,
    params: {
      id: idParam("Product id."),
      tag: { valueType: "string", operators: EQUALITY, description: "Product tag." },
      category: { valueType: "string", operators: EQUALITY, description: "Product taxonomy category." },
      date: dateParam("Order date of the purchase."),
      quantity: countParam("Units bought in one order."),
      sum_quantity: countParam("Units bought across matching orders."),
      count: countParam("Number of matching orders."),
    },
    legacyCall: { args: { id: "id", tag: "string", date: "date" }, result: BOOLEAN_RESULT },
  }),
  shopify({
    name: "orders_placed",
    description: "Orders the customer placed (all time unless date is given).",
    valueType: "boolean",
    operators: MATCHING,
    evaluable: true,
    docs: SHOPIFY_REFERENCE,
    params: {
      date: dateParam("Order date."),
      amount: moneyParam("Total of a single order."),
      sum_amount: moneyParam("Total across matching orders."),
      count: countParam("Number of matching orders."),
      location_id: idParam("Location the order was placed at."),
      app_id: idParam("App (sales channel) that created the order."),
    },
    legacyCall: { args: { date: "date", location_id: "id", app_id: "id" }, result: BOOLEAN_RESULT },
  }),
  shopify({
    name: "companies",
    description: "B2B company the customer is a contact of.",
    valueType: "id",
    operators: [...EQUALITY, ...NULLABLE],
    evaluable: false,
  }),
  shopify({
    name: "created_by_app_id",
    description: "App that created the customer.",
    valueType: "id",
    operators: [...EQUALITY, ...NULLABLE],
    evaluable: false,
  }),
  shopify({
    name: "customer_within_distance",
    description: "Customer has an address within a distance of a latitude/longitude.",
    valueType: "boolean",
    operators: MATCHING,
    evaluable: false,
    params: {
      coordinates: { valueType: "coordinates", operators: ["="], description: "(latitude, longitude)." },
      distance_km: { valueType: "number", operators: ["="], min: "0", description: "Radius in kilometres." },
      distance_mi: { valueType: "number", operators: ["="], min: "0", description: "Radius in miles." },
    },
    legacyCall: {
      args: { coordinates: "coordinates", distance_km: "number", distance_mi: "number" },
      result: BOOLEAN_RESULT,
    },
  }),
  shopify({
    name: "anniversary",
    description: "Yearly recurrence of a date attribute, e.g. a birthday metafield (the year is ignored).",
    valueType: "date",
    operators: [],
    requiresCall: true,
    evaluable: false,
    legacyCall: { args: { date: "string", "": "string" }, result: { valueType: "date", operators: ORDERED } },
  }),
  shopify({
    name: "store_credit_accounts",
    description: "Store credit accounts the customer holds.",
    valueType: "boolean",
    operators: MATCHING,
    evaluable: false,
    params: {
      currency: { valueType: "string", operators: EQUALITY, description: "ISO 4217 currency code." },
      balance: moneyParam("Account balance."),
      next_expiry_date: dateParam("Date the next credit expires."),
      last_credit_date: dateParam("Date credit was last issued."),
    },
  }),
  ...STOREFRONT_EVENTS.map(storefrontFilter),
  enumFilter("product_subscription_status", "Customer's product subscription state.", PRODUCT_SUBSCRIPTION_STATES, false),
  ...SHOPIFY_EMAIL_EVENTS.map(shopifyEmailFilter),
  enumFilter("predicted_spend_tier", "Shopify's predicted spend tier.", SPEND_TIERS, false),
  enumFilter("rfm_group", "Shopify's recency/frequency/monetary group.", RFM_GROUPS, false),

  flock({
    name: "collections_purchased",
    description: "Customer bought a product from a collection.",
    valueType: "boolean",
    operators: MATCHING,
    params: { id: idParam("Collection id."), date: dateParam("Order date of the purchase.") },
  }),
  flock({
    name: "abandoned_checkouts",
    description: "Checkouts the customer abandoned.",
    valueType: "boolean",
    operators: MATCHING,
    params: {
      date: dateParam("When the checkout was abandoned (hour offsets such as -6h are allowed)."),
      recovered: { valueType: "boolean", operators: EQUALITY, description: "Whether it later became an order." },
      amount: moneyParam("Checkout total."),
    },
  }),
  flock({
    name: "average_order_value",
    description: "amount_spent divided by number_of_orders; null for customers without orders.",
    valueType: "money",
    operators: [...ORDERED, ...NULLABLE],
  }),
  flock({
    name: "amount_spent_percentile",
    description: "Customer's rank by amount_spent within the shop, 0 (lowest) to 100 (highest).",
    valueType: "number",
    operators: ORDERED,
    min: "0",
    max: "100",
  }),
  flock({
    name: "messages",
    description: "SMS and email messages Flock sent to the customer and what happened to them.",
    valueType: "boolean",
    operators: MATCHING,
    params: {
      channel: { valueType: "enum", operators: MEMBERSHIP, enumValues: MESSAGE_CHANNELS, description: "sms or email." },
      event: { valueType: "enum", operators: MEMBERSHIP, enumValues: MESSAGE_EVENTS, description: "Delivery event." },
      campaign_id: idParam("Flock campaign id.", "flock_id"),
      date: dateParam("When the event happened."),
    },
  }),
  flock({
    name: "segment_member",
    description: "Customer is currently a member of another Flock segment.",
    valueType: "boolean",
    operators: MATCHING,
    params: { id: idParam("Flock segment id.", "flock_id") },
  }),
];

const BY_NAME: ReadonlyMap<string, FilterSpec> = new Map(CATALOGUE.map((f) => [f.name, f]));

export const METAFIELD_PREFIX = "metafields.";

/** Customer metafields: `metafields.<namespace>.<key>`; the type is whatever the shop defined. */
function metafieldSpec(name: string): FilterSpec {
  return {
    name,
    origin: "shopify",
    evaluable: false,
    description: "Customer metafield (date, number, text or true/false).",
    valueType: "any",
    operators: [...ORDERED, "CONTAINS", "NOT CONTAINS", ...NULLABLE],
    docs: "https://help.shopify.com/en/manual/customers/customer-segmentation/reference-guide/metafield-segments",
  };
}

export function isMetafieldName(name: string): boolean {
  return /^metafields\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(name);
}

/** The catalogue entry for a filter name, including `metafields.ns.key`. */
export function lookupFilter(name: string): FilterSpec | undefined {
  return BY_NAME.get(name) ?? (isMetafieldName(name) ? metafieldSpec(name) : undefined);
}

/** All fixed filters (metafields are open-ended and not listed). */
export function listFilters(): readonly FilterSpec[] {
  return CATALOGUE;
}

export function filterNames(): string[] {
  return CATALOGUE.map((f) => f.name);
}
