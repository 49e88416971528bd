/**
 * `products_purchased` and `collections_purchased` over the purchase columns (pure);
 * same semantics as evaluate-matches.ts. Product-level parameters (id, tag,
 * category, collection id) become one lookup table over products, so the first
 * pass reads a byte per pair row; date, quantity and the sums then walk the
 * purchases of the customers that pass it.
 */
import { Bitset } from "./bitset";
import { dateTest, numberTest, secondRange, setTest, testNumber, UnsupportedConditionError, type NumberTest } from "./conditions";
import type { ColumnarEnv } from "./columnar";
import type { FactsColumns } from "./columns";
import type { ShopCatalog } from "./facts";
import { timeIndex } from "./purchase-columns";
import type { MatchParam } from "../query-language/tree";

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

export function purchases(
  filter: "products_purchased" | "collections_purchased",
  params: readonly MatchParam[],
  cols: FactsColumns,
  env: ColumnarEnv,
): Bitset {
  const { offsets, product } = cols.purchases;
  const allowed = productTable(filter, params, env.catalog);
  let date: PurchaseParams["date"];
  let qty: NumberTest | undefined;
  let sumQty: NumberTest | undefined;
  let count: NumberTest | undefined;
  for (const p of params) {
    if (p.name === "date") date = secondRange(dateTest(filter, p.condition, env.clock, env.now), env.clock);
    else if (p.name === "quantity") qty = numberTest(filter, p.condition);
    else if (p.name === "sum_quantity") sumQty = numberTest(filter, p.condition);
    else if (p.name === "count") count = numberTest(filter, p.condition);
    else if (p.name !== "id" && p.name !== "tag" && p.name !== "category")
      throw new UnsupportedConditionError(filter, `unknown parameter ${p.name}`);
  }
  // "Bought X", "bought from collection Y": branch-free, 32 customers a word.
  const candidates = new Bitset(cols.n);
  const w = candidates.words;
  for (let base = 0; base < cols.n; base += 32) {
    let word = 0;
    for (let k = 0, end = Math.min(32, cols.n - base); k < end; k++) {
      let hit = 0;
      for (let j = offsets[base + k] as number, e = offsets[base + k + 1] as number; j < e; j++)
        hit |= allowed[product[j] as number] as number;
      word |= hit << k;
    }
    w[base >>> 5] = word >>> 0;
  }
  if (sumQty === undefined && count === undefined && !date && !qty) return candidates;
  // A date window (not `!=`): only customers with a purchase time inside it can keep a purchase.
  if (date && !date.negate) candidates.and(withTimeIn(cols, date.from, date.to));
  return purchaseWalk(cols, allowed, candidates, { date, qty, sumQty, count });
}

/** Customers with some purchase time in [from, to): one sequential pass over the times. */
function withTimeIn(cols: FactsColumns, from: number, to: number): Bitset {
  const { timeOffsets, times } = cols.purchases;
  const out = new Bitset(cols.n);
  const w = out.words;
  for (let base = 0; base < cols.n; base += 32) {
    let word = 0;
    for (let k = 0, end = Math.min(32, cols.n - base); k < end; k++) {
      let hit = 0;
      for (let j = timeOffsets[base + k] as number, e = timeOffsets[base + k + 1] as number; j < e; j++) {
        const t = times[j] as number;
        hit |= Number(t >= from) & Number(t < to);
      }
      word |= hit << k;
    }
    w[base >>> 5] = word >>> 0;
  }
  return out;
}

interface PurchaseParams {
  /** Seconds [from, to), negated for `!=`. */
  date: { from: number; to: number; negate: boolean } | undefined;
  qty: NumberTest | undefined;
  sumQty: NumberTest | undefined;
  count: NumberTest | undefined;
}

/**
 * Customers who bought an allowed product (and, for a date window, have a purchase time
 * in it: `candidates`) get every purchase of it walked
 * (first purchases and the pool), kept when date and quantity hold; the others keep
 * nothing, so they hold exactly when zero passes the count and sum tests. A customer's
 * times are sorted, so the date range becomes a range of time indexes [lo, hi), found
 * by binary search; a customer without a time in it is settled without a walk.
 */
function purchaseWalk(cols: FactsColumns, allowed: Uint8Array, candidates: Bitset, t: PurchaseParams): Bitset {
  const p = cols.purchases;
  const { offsets, product, quantity, count: purchases, extraOffsets, extraQuantity, timeOffsets, times } = p;
  const { date, qty, sumQty, count } = t;
  const aggregate = sumQty !== undefined || count !== undefined;
  const none = holds(0, 0, t);
  const negate = date?.negate === true;
  const out = none ? candidates.clone().not() : new Bitset(cols.n);
  const words = candidates.words;
  for (let wi = 0; wi < words.length; wi++) {
    for (let v = words[wi] as number; v !== 0; v &= v - 1) {
      const i = (wi << 5) + 31 - Math.clz32(v & -v);
      const t0 = timeOffsets[i] as number;
      let lo = 0;
      let hi = (timeOffsets[i + 1] as number) - t0;
      if (date) {
        lo = lowerBound(times, t0, t0 + hi, date.from) - t0;
        hi = lowerBound(times, t0, t0 + hi, date.to) - t0;
        if (lo >= hi && !negate) {
          out.assign(i, none);
          continue;
        }
      }
      let kept = 0;
      let units = 0;
      let x = extraOffsets[i] as number;
      for (let j = offsets[i] as number, e = offsets[i + 1] as number; j < e; j++) {
        const later = (purchases[j] as number) - 1;
        if (allowed[product[j] as number] === 1) {
          const ti = timeIndex(p.time, p.wideTime, j);
          if ((ti >= lo && ti < hi) !== negate && (qty === undefined || testNumber(quantity[j] as number, qty))) {
            kept++;
            units += quantity[j] as number;
          }
          for (let k = x, end = x + later; k < end; k++) {
            const tk = timeIndex(p.extraTime, p.wideExtraTime, k);
            if ((tk >= lo && tk < hi) === negate || (qty !== undefined && !testNumber(extraQuantity[k] as number, qty))) continue;
            kept++;
            units += extraQuantity[k] as number;
          }
          if (kept > 0 && !aggregate) break;
        }
        x += later;
      }
      out.assign(i, holds(kept, units, t));
    }
  }
  return out;
}

/** Whether a customer with `kept` purchases of `units` units holds: some purchase, or the count and sum tests. */
function holds(kept: number, units: number, t: PurchaseParams): boolean {
  if (t.sumQty === undefined && t.count === undefined) return kept > 0;
  return (t.sumQty === undefined || testNumber(units, t.sumQty)) && (t.count === undefined || testNumber(kept, t.count));
}

/** First position in the ascending a[from, to) whose value is ≥ x (`to` if none). */
function lowerBound(a: Uint32Array, from: number, to: number, x: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
