/**
 * The per-customer evaluator (pure): one customer's facts, a rule tree, the shop's
 * clock and `now` → in or out, with a per-clause trace for "why is this customer
 * in or out". It serves incremental membership updates and explanations; the
 * columnar evaluator (columnar.ts) must agree with it customer by customer.
 */
import { assertNever } from "./assert-never";
import type { ShopClock } from "./clock";
import { dateMatches, dateTest, numberTest, testNumber, UnsupportedConditionError, valueText } from "./conditions";
import { evaluableFilter } from "./evaluable";
import { evaluateMatches } from "./evaluate-matches";
import { type CustomerRecord, percentileOf, sameCity, sameLocation, type ShopCatalog, type ShopStats } from "./facts";
import { printSegmentQuery } from "../query-language/printer";
import type { Clause, Condition, SegmentQuery } from "../query-language/tree";

export interface EvalEnv {
  catalog: ShopCatalog;
  clock: ShopClock;
  stats: ShopStats;
  now: Date;
}

export type FactValue = string | number | boolean | null | readonly string[];

export interface ClauseOutcome {
  result: boolean;
  /** The fact values the clause read, by name (money as decimal text, dates as ISO). */
  facts: Record<string, FactValue>;
}

export type SegmentTrace =
  ({ type: "clause"; filter: string; query: string } & ClauseOutcome) | { type: "and" | "or"; result: boolean; children: SegmentTrace[] };

/** Whether the customer matches the tree. */
export function evaluateSegment(tree: SegmentQuery, customer: CustomerRecord, env: EvalEnv): boolean {
  switch (tree.type) {
    case "and":
      return tree.children.every((child) => evaluateSegment(child, customer, env));
    case "or":
      return tree.children.some((child) => evaluateSegment(child, customer, env));
    case "clause":
      return evaluateClause(tree, customer, env).result;
  }
}

/** Every clause evaluated (no short-circuit), with the facts each one used. */
export function explainSegment(tree: SegmentQuery, customer: CustomerRecord, env: EvalEnv): SegmentTrace {
  if (tree.type === "clause") {
    return { type: "clause", filter: tree.filter, query: printSegmentQuery(tree), ...evaluateClause(tree, customer, env, true) };
  }
  const children = tree.children.map((child) => explainSegment(child, customer, env));
  const result = tree.type === "and" ? children.every((c) => c.result) : children.some((c) => c.result);
  return { type: tree.type, result, children };
}

/** `explain` adds the facts only an explanation shows (the purchases a clause kept). */
export function evaluateClause(clause: Clause, c: CustomerRecord, env: EvalEnv, explain = false): ClauseOutcome {
  const filter = evaluableFilter(clause.filter);
  const cond = clause.condition;
  const money = env.catalog.currencyDigits;
  switch (filter) {
    case "amount_spent":
      return numeric(filter, cond, c.amountSpent, money, { amount_spent: formatMoney(c.amountSpent, money) });
    case "number_of_orders":
      return numeric(filter, cond, c.orderCount, undefined, { number_of_orders: c.orderCount });
    case "average_order_value":
      return numeric(filter, cond, c.averageOrderValue, money, {
        average_order_value: c.averageOrderValue === null ? null : formatMoney(c.averageOrderValue, money),
      });
    case "amount_spent_percentile": {
      const p = percentileOf(env.stats.sortedAmounts, c.amountSpent);
      return numeric(filter, cond, p, undefined, { amount_spent_percentile: Math.round(p * 100) / 100 });
    }
    case "first_order_date":
      return date(filter, cond, c.firstOrderAt, env);
    case "last_order_date":
      return date(filter, cond, c.lastOrderAt, env);
    case "customer_added_date":
      return date(filter, cond, c.createdAt, env);
    case "abandoned_checkout_date":
      return date(filter, cond, c.lastAbandonedAt, env);
    case "customer_tags":
      return list(filter, cond, c.tags, sameText);
    case "customer_countries":
      return list(filter, cond, c.country === null ? [] : [c.country], sameLocation);
    case "customer_regions":
      return list(filter, cond, c.region === null ? [] : [c.region], sameLocation);
    case "customer_cities":
      return list(filter, cond, c.city === null ? [] : [c.city], sameCity);
    case "customer_email_domain":
      return text(filter, cond, c.emailDomain, sameText);
    case "customer_language":
      return text(filter, cond, c.language, languageMatches);
    case "customer_account_status":
      return text(filter, cond, c.accountState, (fact, v) => fact === v);
    case "email_subscription_status":
      return text(filter, cond, c.emailState, (fact, v) => fact === v);
    case "sms_subscription_status":
      return text(filter, cond, c.smsState, (fact, v) => fact === v);
    case "products_purchased":
    case "orders_placed":
    case "collections_purchased":
    case "abandoned_checkouts":
    case "messages":
    case "segment_member":
      return evaluateMatches(filter, clause, c, env, explain);
    default:
      return assertNever(filter, "filter");
  }
}

/** Text comparisons ignore case (a Flock choice; see docs/SEGMENTS.md). */
export function sameText(fact: string, value: string): boolean {
  return fact.toLowerCase() === value.toLowerCase();
}

/** 'en' matches 'en' and 'en-CA'; case does not matter. */
export function languageMatches(fact: string, value: string): boolean {
  const f = fact.toLowerCase();
  const v = value.toLowerCase();
  return f === v || f.startsWith(`${v}-`);
}

export function formatMoney(minor: number, digits: number): string {
  return (minor / 10 ** digits).toFixed(digits);
}

function numeric(
  filter: string,
  cond: Condition,
  x: number | null,
  money: number | undefined,
  facts: ClauseOutcome["facts"],
): ClauseOutcome {
  if (cond.op === "null") return { result: (x === null) !== cond.negated, facts };
  return { result: testNumber(x, numberTest(filter, cond, money)), facts };
}

function date(filter: string, cond: Condition, at: number | null, env: EvalEnv): ClauseOutcome {
  const facts = { [filter]: at === null ? null : new Date(at * 1000).toISOString() };
  if (cond.op === "null") return { result: (at === null) !== cond.negated, facts };
  // Shopify: excluding with != keeps records without the field (see conditions.ts).
  if (at === null) return { result: cond.op === "compare" && cond.operator === "!=", facts };
  return { result: dateMatches(at, dateTest(filter, cond, env.clock, env.now), env.clock), facts };
}

function list(filter: string, cond: Condition, values: readonly string[], same: (fact: string, value: string) => boolean): ClauseOutcome {
  const facts = { [filter]: values };
  if (cond.op === "null") return { result: (values.length === 0) !== cond.negated, facts };
  if (cond.op !== "contains") throw new UnsupportedConditionError(filter, `operator ${cond.op} does not apply to a list`);
  const wanted = valueText(cond.value);
  const found = values.some((v) => same(v, wanted));
  return { result: found !== cond.negated, facts };
}

function text(filter: string, cond: Condition, fact: string | null, same: (fact: string, value: string) => boolean): ClauseOutcome {
  const facts = { [filter]: fact };
  if (cond.op === "null") return { result: (fact === null) !== cond.negated, facts };
  if (cond.op !== "compare" || (cond.operator !== "=" && cond.operator !== "!=")) {
    throw new UnsupportedConditionError(filter, `operator ${cond.op} does not apply to text`);
  }
  if (fact === null) return { result: cond.operator === "!=", facts };
  return { result: same(fact, valueText(cond.value)) === (cond.operator === "="), facts };
}
