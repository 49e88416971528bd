/** The filters Flock's engine evaluates, as a closed union the evaluators switch over. */
export const EVALUABLE_FILTERS = [
  "amount_spent",
  "number_of_orders",
  "average_order_value",
  "amount_spent_percentile",
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
  "messages",
  "segment_member",
] as const;

export type EvaluableFilter = (typeof EVALUABLE_FILTERS)[number];

/** Filters written `filter MATCHES (...)`. */
export type MatchesFilter = Extract<
  EvaluableFilter,
  "products_purchased" | "orders_placed" | "collections_purchased" | "abandoned_checkouts" | "messages" | "segment_member"
>;

const NAMES: ReadonlySet<string> = new Set(EVALUABLE_FILTERS);

export function isEvaluableFilter(name: string): name is EvaluableFilter {
  return NAMES.has(name);
}

export class UnsupportedFilterError extends Error {
  constructor(readonly filter: string) {
    super(`Flock cannot evaluate the filter '${filter}'`);
    this.name = "UnsupportedFilterError";
  }
}

export function evaluableFilter(name: string): EvaluableFilter {
  if (!isEvaluableFilter(name)) throw new UnsupportedFilterError(name);
  return name;
}
