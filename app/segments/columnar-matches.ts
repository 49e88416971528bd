/**
 * `MATCHES` filters over CSR row families (pure); same semantics as
 * evaluate-matches.ts. Product-level parameters (id, tag, category, collection
 * id) become one lookup table over products, so the purchase loop reads a byte
 * per row; dates become second ranges.
 */
import { Bitset } from "./bitset";
import type { ShopClock } from "./clock";
import { dateTest, matchParamsOf, numberTest, secondRange, setTest, testNumber, UnsupportedConditionError, valueText, type NumberTest } from "./conditions";
import type { ColumnarEnv } from "./columnar";
import type { Dictionary, FactsColumns } from "./columns";
import type { MatchesFilter } from "./evaluable";
import type { ShopCatalog } from "./facts";
import type { Clause, MatchParam, ParamCondition } from "./query-language/tree";

type RowTest = (j: number) => boolean;
interface Range { from: number; to: number; negate: boolean }

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

function productTable(filter: string, params: readonly MatchParam[], catalog: ShopCatalog): Uint8Array {
  const table = new Uint8Array(catalog.products.length).fill(1);
  for (const p of params) {
    if (p.name !== "id" && p.name !== "tag" && p.name !== "category") continue;
    const t = setTest(filter, p.condition);
    const wanted = new Set(p.name === "id" ? t.values : t.values.map((v) => v.toLowerCase()));
    const hits = new Uint8Array(catalog.products.length);
    if (p.name === "id" && filter === "collections_purchased") {
      for (const id of wanted) for (const product of catalog.collections.get(id) ?? []) hits[product] = 1;
    } else {
      catalog.products.forEach((product, i) => {
        if (p.name === "id") hits[i] = wanted.has(product.shopifyId) ? 1 : 0;
        else if (p.name === "tag") hits[i] = product.tags.some((tag) => wanted.has(tag.toLowerCase())) ? 1 : 0;
        else hits[i] = product.category !== null && wanted.has(product.category.toLowerCase()) ? 1 : 0;
      });
    }
    const noCategory = (i: number) => p.name === "category" && (catalog.products[i]?.category ?? null) === null;
    for (let i = 0; i < table.length; i++) {
      const pass = noCategory(i) ? false : (hits[i] === 1) !== t.negated;
      if (!pass) table[i] = 0;
    }
  }
  return table;
}

function purchases(filter: "products_purchased" | "collections_purchased", params: readonly MatchParam[], cols: FactsColumns, env: ColumnarEnv): Bitset {
  const { offsets, product } = cols.purchases;
  const allowed = productTable(filter, params, env.catalog);
  let date: Range | undefined;
  let qty: NumberTest | undefined;
  let sumQty: NumberTest | undefined;
  let count: NumberTest | undefined;
  for (const p of params) {
    if (p.name === "date") date = rangeOf(filter, p.condition, env.clock, env.now);
    else if (p.name === "quantity") qty = numberTest(filter, p.condition);
    else if (p.name === "sum_quantity") sumQty = numberTest(filter, p.condition);
    else if (p.name === "count") count = numberTest(filter, p.condition);
    else if (p.name !== "id" && p.name !== "tag" && p.name !== "category") throw new UnsupportedConditionError(filter, `unknown parameter ${p.name}`);
  }
  // "Bought X", "bought from collection Y": branch-free, 32 customers a word.
  const candidates = new Bitset(cols.n);
  const w = candidates.words;
  for (let base = 0; base < cols.n; base += 32) {
    let word = 0;
    for (let k = 0, end = Math.min(32, cols.n - base); k < end; k++) {
      let hit = 0;
      for (let j = offsets[base + k] as number, e = offsets[base + k + 1] as number; j < e; j++) hit |= allowed[product[j] as number] as number;
      word |= hit << k;
    }
    w[base >>> 5] = word >>> 0;
  }
  if (sumQty === undefined && count === undefined && !date && !qty) return candidates;
  return purchaseWalk(cols, allowed, candidates, { date, qty, sumQty, count });
}

interface PurchaseParams {
  date: Range | undefined;
  qty: NumberTest | undefined;
  sumQty: NumberTest | undefined;
  count: NumberTest | undefined;
}

/**
 * Customers who bought an allowed product (`candidates`) get every purchase of it walked
 * (first purchases and the pool), kept when date and quantity hold; the others keep
 * nothing, so they hold exactly when zero passes the count and sum tests.
 */
function purchaseWalk(cols: FactsColumns, allowed: Uint8Array, candidates: Bitset, t: PurchaseParams): Bitset {
  const { offsets, product, time, quantity, count: purchases, extraOffsets, extraTime, extraQuantity, timeOffsets, times } = cols.purchases;
  const { date, qty, sumQty, count } = t;
  const aggregate = sumQty !== undefined || count !== undefined;
  const holds = (kept: number, units: number): boolean =>
    aggregate ? (sumQty === undefined || testNumber(units, sumQty)) && (count === undefined || testNumber(kept, count)) : kept > 0;
  const keeps = (time: number, q: number): boolean => (date === undefined || inRange(time, date)) && (qty === undefined || testNumber(q, qty));
  const out = holds(0, 0) ? candidates.clone().not() : new Bitset(cols.n);
  for (const i of candidates.toArray()) {
    let kept = 0;
    let units = 0;
    let x = extraOffsets[i] as number;
    const t0 = timeOffsets[i] as number;
    for (let j = offsets[i] as number, e = offsets[i + 1] as number; j < e; j++) {
      const later = (purchases[j] as number) - 1;
      if (allowed[product[j] as number] === 1) {
        if (keeps(times[t0 + (time[j] as number)] as number, quantity[j] as number)) {
          kept++;
          units += quantity[j] as number;
        }
        for (let k = x, end = x + later; k < end; k++) {
          if (!keeps(times[t0 + (extraTime[k] as number)] as number, extraQuantity[k] as number)) continue;
          kept++;
          units += extraQuantity[k] as number;
        }
        if (kept > 0 && !aggregate) break;
      }
      x += later;
    }
    out.assign(i, holds(kept, units));
  }
  return out;
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
      const negated = setTest("orders_placed", p.condition).negated;
      tests.push(() => negated);
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
