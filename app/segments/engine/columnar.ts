/**
 * The columnar evaluator (pure): a rule tree over a shop's `FactsColumns` → the
 * set of matching positions as a bitset. Each clause is one tight loop over a
 * typed array (or a CSR row family); AND and OR are word-wise bitset operations.
 * It must agree with the per-customer evaluator (evaluate.ts) customer by
 * customer; parity.test.ts checks that on random stores and rules.
 */
import { assertNever } from "./assert-never";
import { Bitset } from "./bitset";
import type { ShopClock } from "./clock";
import { dateTest, numberTest, secondRange, UnsupportedConditionError, valueText, type NumberTest } from "./conditions";
import { evaluableFilter } from "./evaluable";
import { evaluateMatchesColumns } from "./columnar-matches";
import { stateCode, type Dictionary, type FactsColumns } from "./columns";
import { ACCOUNT_STATES, MARKETING_STATES, percentileOf, sameCity, sameLocation, type ShopCatalog, type ShopStats } from "./facts";
import { languageMatches, sameText } from "./evaluate";
import type { Clause, Condition, SegmentQuery } from "../query-language/tree";

export interface ColumnarEnv {
  catalog: ShopCatalog;
  clock: ShopClock;
  stats: ShopStats;
  now: Date;
}

type Numbers = Float64Array | Int32Array | Uint32Array;
type Codes = Int16Array | Int32Array;

/** Positions of live customers matching the tree. */
export function evaluateColumns(tree: SegmentQuery, cols: FactsColumns, env: ColumnarEnv): Bitset {
  return evaluateNode(tree, cols, env).and(cols.live);
}

function evaluateNode(tree: SegmentQuery, cols: FactsColumns, env: ColumnarEnv): Bitset {
  switch (tree.type) {
    case "clause":
      return evaluateClauseColumns(tree, cols, env);
    case "and":
    case "or": {
      const [first, ...rest] = tree.children.map((child) => evaluateNode(child, cols, env));
      const acc = first ?? new Bitset(cols.n);
      for (const b of rest) {
        if (tree.type === "and") acc.and(b);
        else acc.or(b);
      }
      return acc;
    }
  }
}

export function evaluateClauseColumns(clause: Clause, cols: FactsColumns, env: ColumnarEnv): Bitset {
  const filter = evaluableFilter(clause.filter);
  const cond = clause.condition;
  const money = env.catalog.currencyDigits;
  switch (filter) {
    case "amount_spent":
      return numbers(filter, cond, cols.amountSpent, cols.n, money);
    case "number_of_orders":
      return numbers(filter, cond, cols.orderCount, cols.n);
    case "average_order_value":
      return numbers(filter, cond, cols.averageOrderValue, cols.n, money);
    case "amount_spent_percentile":
      return percentiles(cond, cols, env.stats);
    case "first_order_date":
      return dates(filter, cond, cols.firstOrderAt, cols.n, env);
    case "last_order_date":
      return dates(filter, cond, cols.lastOrderAt, cols.n, env);
    case "customer_added_date":
      return dates(filter, cond, cols.createdAt, cols.n, env);
    case "abandoned_checkout_date":
      return dates(filter, cond, cols.lastAbandonedAt, cols.n, env);
    case "customer_tags":
      return tags(cond, cols);
    case "customer_countries":
      return codes(filter, cond, cols.country, cols.dicts.country, cols.n, "list", sameLocation);
    case "customer_regions":
      return codes(filter, cond, cols.region, cols.dicts.region, cols.n, "list", sameLocation);
    case "customer_cities":
      return codes(filter, cond, cols.city, cols.dicts.city, cols.n, "list", sameCity);
    case "customer_email_domain":
      return codes(filter, cond, cols.emailDomain, cols.dicts.emailDomain, cols.n, "scalar", sameText);
    case "customer_language":
      return codes(filter, cond, cols.language, cols.dicts.language, cols.n, "scalar", languageMatches);
    case "customer_account_status":
      return states(filter, cond, cols.accountState, ACCOUNT_STATES, cols.n);
    case "email_subscription_status":
      return states(filter, cond, cols.emailState, MARKETING_STATES, cols.n);
    case "sms_subscription_status":
      return states(filter, cond, cols.smsState, MARKETING_STATES, cols.n);
    case "products_purchased":
    case "orders_placed":
    case "collections_purchased":
    case "abandoned_checkouts":
    case "messages":
    case "segment_member":
      return evaluateMatchesColumns(filter, clause, cols, env);
    default:
      return assertNever(filter, "filter");
  }
}

/** One branch-free loop per operator. NaN (no value) fails every test but `!=` (see conditions.ts). */
export function scanNumbers(col: Numbers, n: number, t: NumberTest, out = new Bitset(n)): Bitset {
  const { a, b } = t;
  const w = out.words;
  switch (t.op) {
    case "=":
      for (let base = 0; base < n; base += 32) {
        let word = 0;
        for (let k = 0, end = Math.min(32, n - base); k < end; k++) {
          const x = col[base + k] as number;
          word |= Number(x === a) << k;
        }
        w[base >>> 5] = word >>> 0;
      }
      return out;
    case "!=":
      for (let base = 0; base < n; base += 32) {
        let word = 0;
        for (let k = 0, end = Math.min(32, n - base); k < end; k++) {
          const x = col[base + k] as number;
          word |= Number(x !== a) << k;
        }
        w[base >>> 5] = word >>> 0;
      }
      return out;
    case ">":
      for (let base = 0; base < n; base += 32) {
        let word = 0;
        for (let k = 0, end = Math.min(32, n - base); k < end; k++) {
          const x = col[base + k] as number;
          word |= Number(x > a) << k;
        }
        w[base >>> 5] = word >>> 0;
      }
      return out;
    case ">=":
      for (let base = 0; base < n; base += 32) {
        let word = 0;
        for (let k = 0, end = Math.min(32, n - base); k < end; k++) {
          const x = col[base + k] as number;
          word |= Number(x >= a) << k;
        }
        w[base >>> 5] = word >>> 0;
      }
      return out;
    case "<":
      for (let base = 0; base < n; base += 32) {
        let word = 0;
        for (let k = 0, end = Math.min(32, n - base); k < end; k++) {
          const x = col[base + k] as number;
          word |= Number(x < a) << k;
        }
        w[base >>> 5] = word >>> 0;
      }
      return out;
    case "<=":
      for (let base = 0; base < n; base += 32) {
        let word = 0;
        for (let k = 0, end = Math.min(32, n - base); k < end; k++) {
          const x = col[base + k] as number;
          word |= Number(x <= a) << k;
        }
        w[base >>> 5] = word >>> 0;
      }
      return out;
    case "between":
      for (let base = 0; base < n; base += 32) {
        let word = 0;
        for (let k = 0, end = Math.min(32, n - base); k < end; k++) {
          const x = col[base + k] as number;
          word |= (Number(x >= a) & Number(x <= b)) << k;
        }
        w[base >>> 5] = word >>> 0;
      }
      return out;
  }
}

function numbers(filter: string, cond: Condition, col: Numbers, n: number, money?: number): Bitset {
  if (cond.op === "null") {
    const out = new Bitset(n);
    for (let i = 0; i < n; i++) if (Number.isNaN(col[i] as number) !== cond.negated) out.add(i);
    return out;
  }
  return scanNumbers(col, n, numberTest(filter, cond, money));
}

function percentiles(cond: Condition, cols: FactsColumns, stats: ShopStats): Bitset {
  const p = new Float64Array(cols.n);
  for (let i = 0; i < cols.n; i++) p[i] = percentileOf(stats.sortedAmounts, cols.amountSpent[i] as number);
  return scanNumbers(p, cols.n, numberTest("amount_spent_percentile", cond));
}

/** Seconds in a half-open range, 0 meaning no date (which matches only a negated range, `!=`). */
export function scanSeconds(col: Uint32Array, n: number, from: number, to: number, negate: boolean): Bitset {
  const out = new Bitset(n);
  const w = out.words;
  const flip = Number(negate);
  for (let base = 0; base < n; base += 32) {
    let word = 0;
    for (let k = 0, end = Math.min(32, n - base); k < end; k++) {
      const x = col[base + k] as number;
      word |= ((Number(x === 0) & flip) | (Number(x !== 0) & ((Number(x >= from) & Number(x < to)) ^ flip))) << k;
    }
    w[base >>> 5] = word >>> 0;
  }
  return out;
}

function dates(filter: string, cond: Condition, col: Uint32Array, n: number, env: ColumnarEnv): Bitset {
  if (cond.op === "null") {
    const out = new Bitset(n);
    for (let i = 0; i < n; i++) if ((col[i] === 0) !== cond.negated) out.add(i);
    return out;
  }
  const r = secondRange(dateTest(filter, cond, env.clock, env.now), env.clock);
  return scanSeconds(col, n, r.from, r.to, r.negate);
}

/** Which dictionary codes a value matches. */
export function matchingCodes(dict: Dictionary, value: string, same: (fact: string, v: string) => boolean): Uint8Array {
  const table = new Uint8Array(dict.values.length);
  dict.values.forEach((fact, code) => {
    if (same(fact, value)) table[code] = 1;
  });
  return table;
}

function codes(
  filter: string,
  cond: Condition,
  col: Codes,
  dict: Dictionary,
  n: number,
  kind: "list" | "scalar",
  same: (fact: string, v: string) => boolean,
): Bitset {
  const out = new Bitset(n);
  if (cond.op === "null") {
    for (let i = 0; i < n; i++) if ((col[i] === -1) !== cond.negated) out.add(i);
    return out;
  }
  let negated: boolean;
  let value: string;
  if (kind === "list" && cond.op === "contains") {
    negated = cond.negated;
    value = valueText(cond.value);
  } else if (kind === "scalar" && cond.op === "compare" && (cond.operator === "=" || cond.operator === "!=")) {
    negated = cond.operator === "!=";
    value = valueText(cond.value);
  } else throw new UnsupportedConditionError(filter, `operator ${cond.op} does not apply`);
  const table = matchingCodes(dict, value, same);
  // A missing value passes the negated tests (!=, NOT CONTAINS) only, as Shopify's WHERE does.
  // One lookup per customer: index 0 of `hits` stands for "no value".
  const hits = new Uint8Array(table.length + 1);
  hits[0] = Number(negated);
  for (let c = 0; c < table.length; c++) hits[c + 1] = Number((table[c] === 1) !== negated);
  const w = out.words;
  for (let base = 0; base < n; base += 32) {
    let word = 0;
    for (let k = 0, end = Math.min(32, n - base); k < end; k++) word |= (hits[(col[base + k] as number) + 1] as number) << k;
    w[base >>> 5] = word >>> 0;
  }
  return out;
}

function tags(cond: Condition, cols: FactsColumns): Bitset {
  const { offsets, tag } = cols.tags;
  if (cond.op === "null") {
    const out = new Bitset(cols.n);
    for (let i = 0; i < cols.n; i++) if ((offsets[i] === offsets[i + 1]) !== cond.negated) out.add(i);
    return out;
  }
  if (cond.op !== "contains") throw new UnsupportedConditionError("customer_tags", `operator ${cond.op} does not apply`);
  const wanted = cols.dicts.tag.codes.get(valueText(cond.value).toLowerCase());
  let members = wanted === undefined ? new Bitset(cols.n) : cols.tagMembers.get(wanted);
  if (!members) {
    members = new Bitset(cols.n);
    for (let i = 0; i < cols.n; i++) {
      for (let j = offsets[i] as number; j < (offsets[i + 1] as number); j++) if (tag[j] === wanted) members.add(i);
    }
    cols.tagMembers.set(wanted as number, members);
  }
  const out = members.clone();
  return cond.negated ? out.not() : out;
}

function states(filter: string, cond: Condition, col: Uint8Array, names: readonly string[], n: number): Bitset {
  if (cond.op !== "compare" || (cond.operator !== "=" && cond.operator !== "!="))
    throw new UnsupportedConditionError(filter, `operator ${cond.op} does not apply`);
  const code = stateCode(names, valueText(cond.value));
  const negated = cond.operator === "!=";
  const hits = new Uint8Array(256);
  for (let c = 0; c < 256; c++) hits[c] = Number((c === code && code !== 255) !== negated);
  const out = new Bitset(n);
  const w = out.words;
  for (let base = 0; base < n; base += 32) {
    let word = 0;
    for (let k = 0, end = Math.min(32, n - base); k < end; k++) word |= (hits[col[base + k] as number] as number) << k;
    w[base >>> 5] = word >>> 0;
  }
  return out;
}
