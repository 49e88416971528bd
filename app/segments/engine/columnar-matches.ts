/**
 * `MATCHES` filters over CSR row families (pure); same semantics as
 * evaluate-matches.ts. Dates become second ranges; purchases are in
 * columnar-purchases.ts.
 */
import { Bitset } from "./bitset";
import type { ShopClock } from "./clock";
import {
  dateTest,
  matchParamsOf,
  numberTest,
  secondRange,
  setTest,
  testNumber,
  UnsupportedConditionError,
  valueText,
  type NumberTest,
} from "./conditions";
import type { ColumnarEnv } from "./columnar";
import { orderSourceOf, type Dictionary, type FactsColumns } from "./columns";
import { purchases } from "./columnar-purchases";
import type { MatchesFilter } from "./evaluable";
import type { Clause, MatchParam, ParamCondition } from "../query-language/tree";

type RowTest = (j: number) => boolean;
interface Range {
  from: number;
  to: number;
  negate: boolean;
}

export function evaluateMatchesColumns(filter: MatchesFilter, clause: Clause, cols: FactsColumns, env: ColumnarEnv): Bitset {
  const { negated, params } = matchParamsOf(clause);
  let found: Bitset;
  switch (filter) {
    case "products_purchased":
    case "collections_purchased":
      found = purchases(filter, params, cols, env);
      break;
    case "orders_placed":
      found = orders(params, cols, env);
      break;
    case "abandoned_checkouts":
      found = exists(cols.n, cols.checkouts.offsets, checkoutTests(params, cols, env));
      break;
    case "messages":
      found = exists(cols.n, cols.messages.offsets, messageTests(params, cols, env));
      break;
    case "segment_member":
      found = members(params, cols);
      break;
  }
  return negated ? found.not() : found;
}

function rangeOf(filter: string, cond: ParamCondition, clock: ShopClock, now: Date): Range {
  return secondRange(dateTest(filter, cond, clock, now), clock);
}

const inRange = (x: number, r: Range): boolean => (x >= r.from && x < r.to) !== r.negate;

function exists(n: number, offsets: Int32Array, tests: RowTest[]): Bitset {
  const out = new Bitset(n);
  const count = tests.length;
  for (let i = 0; i < n; i++) {
    const start = offsets[i] as number;
    const end = offsets[i + 1] as number;
    for (let j = start; j < end; j++) {
      let t = 0;
      while (t < count && (tests[t] as RowTest)(j)) t++;
      if (t === count) {
        out.add(i);
        break;
      }
    }
  }
  return out;
}

/** Codes of a dictionary accepted by a membership test; absent values (-1) pass only negated tests. */
function acceptedCodes(filter: string, cond: ParamCondition, dict: Dictionary): (code: number) => boolean {
  const t = setTest(filter, cond);
  const table = new Uint8Array(dict.values.length);
  const wanted = new Set(t.values);
  dict.values.forEach((v, code) => {
    if (wanted.has(v)) table[code] = 1;
  });
  return (code) => (code >= 0 && table[code] === 1) !== t.negated;
}

/** Per order-source code, whether its app or location passes the test (an absent one passes only negated tests). */
function sourceTable(dict: Dictionary, part: "app" | "location", t: { values: string[]; negated: boolean }): Uint8Array {
  const wanted = new Set(t.values);
  return Uint8Array.from(dict.values, (key) => {
    const value = orderSourceOf(key)[part];
    return (value !== null && wanted.has(value)) !== t.negated ? 1 : 0;
  });
}

function orders(params: readonly MatchParam[], cols: FactsColumns, env: ColumnarEnv): Bitset {
  const { offsets, at, amount } = cols.orders;
  const tests: RowTest[] = [];
  let sumAmount: NumberTest | undefined;
  let count: NumberTest | undefined;
  const money = env.catalog.currencyDigits;
  for (const p of params) {
    if (p.name === "date") {
      const r = rangeOf("orders_placed", p.condition, env.clock, env.now);
      tests.push((j) => inRange(at[j] as number, r));
    } else if (p.name === "amount") {
      const t = numberTest("orders_placed", p.condition, money);
      tests.push((j) => testNumber(amount[j] as number, t));
    } else if (p.name === "location_id" || p.name === "app_id") {
      const passes = sourceTable(cols.dicts.orderSource, p.name === "app_id" ? "app" : "location", setTest("orders_placed", p.condition));
      const { source } = cols.orders;
      tests.push((j) => passes[source[j] as number] === 1);
    } else if (p.name === "sum_amount") sumAmount = numberTest("orders_placed", p.condition, money);
    else if (p.name === "count") count = numberTest("orders_placed", p.condition);
    else throw new UnsupportedConditionError("orders_placed", `unknown parameter ${p.name}`);
  }
  if (sumAmount === undefined && count === undefined) return exists(cols.n, offsets, tests);
  const out = new Bitset(cols.n);
  for (let i = 0; i < cols.n; i++) {
    let sum = 0;
    let kept = 0;
    for (let j = offsets[i] as number; j < (offsets[i + 1] as number); j++) {
      if (!tests.every((t) => t(j))) continue;
      kept++;
      sum += amount[j] as number;
    }
    if ((sumAmount === undefined || testNumber(sum, sumAmount)) && (count === undefined || testNumber(kept, count))) out.add(i);
  }
  return out;
}

function checkoutTests(params: readonly MatchParam[], cols: FactsColumns, env: ColumnarEnv): RowTest[] {
  const { at, amount, recovered } = cols.checkouts;
  return params.map((p): RowTest => {
    if (p.name === "date") {
      const r = rangeOf("abandoned_checkouts", p.condition, env.clock, env.now);
      return (j) => inRange(at[j] as number, r);
    }
    if (p.name === "amount") {
      const t = numberTest("abandoned_checkouts", p.condition, env.catalog.currencyDigits);
      return (j) => testNumber(amount[j] as number, t);
    }
    if (p.name === "recovered" && p.condition.op === "compare") {
      const want = valueText(p.condition.value) === "true" ? 1 : 0;
      const eq = p.condition.operator === "=";
      return (j) => (recovered[j] === want) === eq;
    }
    throw new UnsupportedConditionError("abandoned_checkouts", `unknown parameter ${p.name}`);
  });
}

function messageTests(params: readonly MatchParam[], cols: FactsColumns, env: ColumnarEnv): RowTest[] {
  const m = cols.messages;
  return params.map((p): RowTest => {
    if (p.name === "date") {
      const r = rangeOf("messages", p.condition, env.clock, env.now);
      return (j) => inRange(m.at[j] as number, r);
    }
    const column = p.name === "channel" ? m.channel : p.name === "event" ? m.event : p.name === "campaign_id" ? m.campaign : undefined;
    const dict = p.name === "channel" ? cols.dicts.channel : p.name === "event" ? cols.dicts.event : cols.dicts.campaign;
    if (!column) throw new UnsupportedConditionError("messages", `unknown parameter ${p.name}`);
    const accepts = acceptedCodes("messages", p.condition, dict);
    return (j) => accepts(column[j] as number);
  });
}

function members(params: readonly MatchParam[], cols: FactsColumns): Bitset {
  const tests = params.map((p) => {
    if (p.name !== "id") throw new UnsupportedConditionError("segment_member", `unknown parameter ${p.name}`);
    const t = setTest("segment_member", p.condition);
    const wanted = new Set(t.values);
    return (id: string) => wanted.has(id) !== t.negated;
  });
  const out = new Bitset(cols.n);
  for (const [id, bits] of cols.segments) if (tests.every((t) => t(id))) out.or(bits);
  return out;
}
