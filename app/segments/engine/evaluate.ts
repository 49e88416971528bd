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
      return numeric(filter, cond, c.amountSpent, money, explain, () => ({ amount_spent: formatMoney(c.amountSpent, money) }));
    case "number_of_orders":
      return numeric(filter, cond, c.orderCount, undefined, explain, () => ({ number_of_orders: c.orderCount }));
    case "average_order_value":
      return numeric(filter, cond, c.averageOrderValue, money, explain, () => ({
        average_order_value: c.averageOrderValue === null ? null : formatMoney(c.averageOrderValue, money),
      }));
    case "amount_spent_percentile": {
      const p = percentileOf(env.stats.sortedAmounts, c.amountSpent);
      return numeric(filter, cond, p, undefined, explain, () => ({ amount_spent_percentile: Math.round(p * 100) / 100 }));
    }
    case "first_order_date":
      return date(filter, cond, c.firstOrderAt, env, explain);
    case "last_order_date":
      return date(filter, cond, c.lastOrderAt, env, explain);
    case "customer_added_date":
      return date(filter, cond, c.createdAt, env, explain);
    case "abandoned_checkout_date":
      return date(filter, cond, c.lastAbandonedAt, env, explain);
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

/** Nothing to show: the facts of a clause are only built for an explanation. */
const NO_FACTS: ClauseOutcome["facts"] = Object.freeze({});

/**
 * A condition's resolved test, kept while its inputs are the same (money digits; the clock and
 * `now` for dates): an incremental refresh runs thousands of customers through the same trees.
 */
const numberTests = new WeakMap<Condition, { money: number | undefined; test: ReturnType<typeof numberTest> }>();
const dateTests = new WeakMap<Condition, { clock: ShopClock; now: number; test: ReturnType<typeof dateTest> }>();

function numeric(
  filter: string,
  cond: Condition,
  x: number | null,
  money: number | undefined,
  explain: boolean,
  factsOf: () => ClauseOutcome["facts"],
): ClauseOutcome {
  const facts = explain ? factsOf() : NO_FACTS;
  if (cond.op === "null") return { result: (x === null) !== cond.negated, facts };
  let held = numberTests.get(cond);
  if (held === undefined || held.money !== money) {
    held = { money, test: numberTest(filter, cond, money) };
    numberTests.set(cond, held);
  }
  return { result: testNumber(x, held.test), facts };
}

function date(filter: string, cond: Condition, at: number | null, env: EvalEnv, explain: boolean): ClauseOutcome {
  const facts = explain ? { [filter]: at === null ? null : new Date(at * 1000).toISOString() } : NO_FACTS;
  if (cond.op === "null") return { result: (at === null) !== cond.negated, facts };
  // Shopify: excluding with != keeps records without the field (see conditions.ts).
  if (at === null) return { result: cond.op === "compare" && cond.operator === "!=", facts };
  const now = env.now.getTime();
  let held = dateTests.get(cond);
  if (held === undefined || held.clock !== env.clock || held.now !== now) {
    held = { clock: env.clock, now, test: dateTest(filter, cond, env.clock, env.now) };
    dateTests.set(cond, held);
  }
  return { result: dateMatches(at, held.test, env.clock), facts };
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
