/**
 * Purchases in the columnar index (pure). A purchase is a product in one order
 * (see `PurchaseFact`). Most (customer, product) pairs are bought once or twice,
 * so each pair row holds the product, its first purchase (time and units) and its
 * number of purchases; the pair's later purchases sit in an overflow pool, in pair
 * order, with one offset per customer. Times are kept once per customer (the
 * distinct instants of its purchases, ascending, about one per order) and purchases
 * point into them with a byte; the few customers with more than 255 instants keep
 * the larger indexes in a sorted side table (the byte then reads 255).
 * "Bought X" reads only the product column; `date`, `quantity` and the sums walk
 * first purchases and the pool.
 */
import { i32, narrowUints, u32, u8, type Growable, type SmallUints } from "./growable";
import type { PurchaseFact } from "./facts";

export type ProductIds = Uint16Array | Int32Array;

export interface PurchaseColumns {
  /** Customer i's pairs are rows [offsets[i], offsets[i + 1]), ascending by product. */
  offsets: Int32Array;
  product: ProductIds;
  /** The pair's first purchase: its time (index into the customer's times, see `timeIndex`) and units. */
  time: Uint8Array;
  quantity: SmallUints;
  /** Purchases of the pair (≥ 1); all but the first are in the pool. */
  count: SmallUints;
  /** Customer i's later purchases are pool rows [extraOffsets[i], extraOffsets[i + 1]), pair by pair, by time. */
  extraOffsets: Int32Array;
  extraTime: Uint8Array;
  extraQuantity: SmallUints;
  /** Customer i's purchase times (epoch seconds, ascending, distinct) are times[timeOffsets[i] .. timeOffsets[i + 1]). */
  timeOffsets: Int32Array;
  times: Uint32Array;
  /** Time indexes ≥ 255, by row (ascending), for pair rows and pool rows. */
  wideTime: WideIndexes;
  wideExtraTime: WideIndexes;
}

export interface WideIndexes {
  rows: Int32Array;
  index: Uint32Array;
}

/** Byte value meaning "look the index up in the side table". */
export const WIDE = 255;

/** The time index of `row`: its byte, or the side table's entry when the byte is `WIDE`. */
export function timeIndex(bytes: Uint8Array, wide: WideIndexes, row: number): number {
  const b = bytes[row] as number;
  if (b !== WIDE) return b;
  let lo = 0;
  let hi = wide.rows.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((wide.rows[mid] as number) < row) lo = mid + 1;
    else hi = mid;
  }
  return wide.index[lo] as number;
}

/** The purchases of position `i`, sorted by product, then time. */
export function purchasesAt(p: PurchaseColumns, i: number): PurchaseFact[] {
  const out: PurchaseFact[] = [];
  let x = p.extraOffsets[i] ?? 0;
  const t0 = p.timeOffsets[i] ?? 0;
  for (let j = p.offsets[i] ?? 0; j < (p.offsets[i + 1] ?? 0); j++) {
    const product = p.product[j] ?? 0;
    out.push({ product, at: p.times[t0 + timeIndex(p.time, p.wideTime, j)] ?? 0, quantity: p.quantity[j] ?? 0 });
    for (const end = x + (p.count[j] ?? 1) - 1; x < end; x++) {
      out.push({ product, at: p.times[t0 + timeIndex(p.extraTime, p.wideExtraTime, x)] ?? 0, quantity: p.extraQuantity[x] ?? 0 });
    }
  }
  return out;
}

/**
 * Collects line items in any order (customers interleaved, an order's lines
 * anywhere) and turns them into `PurchaseColumns`: lines are grouped per customer
 * by a counting sort, sorted by (product, time, order) within the customer, and
 * lines of one order and product are added up into one purchase.
 */
export class PurchaseLines {
  private readonly owner = i32();
  private readonly product = i32();
  private readonly order = i32();
  private readonly at = u32();
  private readonly quantity = u32();
  /** Keys for purchases that arrive already merged (records): negative, so never a database id. */
  private nextOwnOrder = -2_147_483_648;

  /** A line item: `order` is the order's database id. */
  addLine(position: number, product: number, order: number, at: number, quantity: number): void {
    this.owner.push(position);
    this.product.push(product);
    this.order.push(order);
    this.at.push(at);
    this.quantity.push(quantity);
  }

  /** A whole purchase (never merged with another). */
  addPurchase(position: number, p: PurchaseFact): void {
    this.addLine(position, p.product, this.nextOwnOrder++, p.at, p.quantity);
  }

  finish(n: number, productCount: number): PurchaseColumns {
    const owner = this.owner.data;
    const len = this.owner.length;
    // Counting sort: rows[start[i] .. start[i + 1]) are customer i's lines, in arrival order.
    const start = new Int32Array(n + 1);
    for (let r = 0; r < len; r++) {
      const o = (owner[r] as number) + 1;
      start[o] = (start[o] as number) + 1;
    }
    for (let i = 0; i < n; i++) start[i + 1] = (start[i + 1] as number) + (start[i] as number);
    const cursor = start.slice(0, n);
    const rows = new Int32Array(len);
    for (let r = 0; r < len; r++) {
      const o = owner[r] as number;
      const c = cursor[o] as number;
      rows[c] = r;
      cursor[o] = c + 1;
    }
    this.owner.release();

    const product = this.product.data;
    const order = this.order.data;
    const at = this.at.data;
    const quantity = this.quantity.data;
    const before = (a: number, b: number): boolean =>
      (product[a] as number) !== (product[b] as number)
        ? (product[a] as number) < (product[b] as number)
        : (at[a] as number) !== (at[b] as number)
          ? (at[a] as number) < (at[b] as number)
          : (order[a] as number) < (order[b] as number);

    const pairProduct = i32();
    const pairTime = u8();
    const widePair = { rows: i32(), index: u32() };
    const wideExtra = { rows: i32(), index: u32() };
    const pairQuantity = u32();
    const pairCount = u32();
    const extraTime = u8();
    const extraQuantity = u32();
    const times = u32();
    const offsets = new Int32Array(n + 1);
    const extraOffsets = new Int32Array(n + 1);
    const timeOffsets = new Int32Array(n + 1);
    const local: number[] = [];
    for (let i = 0; i < n; i++) {
      const firstPair = pairProduct.length;
      offsets[i] = firstPair;
      extraOffsets[i] = extraTime.length;
      timeOffsets[i] = times.length;
      const s = start[i] as number;
      const e = start[i + 1] as number;
      sortSlice(rows, s, e, before);
      distinctTimes(rows, s, e, at, local);
      for (const t of local) times.push(t);
      let k = s;
      while (k < e) {
        // One purchase: this line and the following lines of the same order and product.
        const r = rows[k] as number;
        let units = 0;
        for (; k < e && product[rows[k] as number] === product[r] && order[rows[k] as number] === order[r]; k++)
          units += quantity[rows[k] as number] as number;
        const time = indexOf(local, at[r] as number);
        const last = pairProduct.length - 1;
        if (last >= firstPair && pairProduct.data[last] === product[r]) {
          if (time >= WIDE) wideRow(wideExtra, extraTime.length, time);
          extraTime.push(Math.min(time, WIDE));
          extraQuantity.push(units);
          pairCount.set(last, (pairCount.data[last] as number) + 1);
        } else {
          if (time >= WIDE) wideRow(widePair, pairTime.length, time);
          pairProduct.push(product[r] as number);
          pairTime.push(Math.min(time, WIDE));
          pairQuantity.push(units);
          pairCount.push(1);
        }
      }
    }
    offsets[n] = pairProduct.length;
    extraOffsets[n] = extraTime.length;
    timeOffsets[n] = times.length;
    for (const g of [this.product, this.order, this.at, this.quantity]) g.release();
    const products = pairProduct.done();
    return {
      offsets,
      product: productCount < 65536 ? Uint16Array.from(products) : products,
      time: pairTime.done(),
      quantity: narrowUints(pairQuantity.done()),
      count: narrowUints(pairCount.done()),
      extraOffsets,
      extraTime: extraTime.done(),
      extraQuantity: narrowUints(extraQuantity.done()),
      timeOffsets,
      times: times.done(),
      wideTime: { rows: widePair.rows.done(), index: widePair.index.done() },
      wideExtraTime: { rows: wideExtra.rows.done(), index: wideExtra.index.done() },
    };
  }
}

function wideRow(table: { rows: Growable<Int32Array>; index: Growable<Uint32Array> }, row: number, index: number): void {
  table.rows.push(row);
  table.index.push(index);
}

/** The distinct values of at[rows[s .. e)], ascending, into `out`. */
function distinctTimes(rows: Int32Array, s: number, e: number, at: Uint32Array, out: number[]): void {
  out.length = 0;
  for (let k = s; k < e; k++) out.push(at[rows[k] as number] as number);
  out.sort((a, b) => a - b);
  let w = 0;
  for (let k = 0; k < out.length; k++) if (k === 0 || out[k] !== out[w - 1]) out[w++] = out[k] as number;
  out.length = w;
}

/** Position of `x` in the ascending `sorted` (which holds it). */
function indexOf(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Sorts rows[s, e) by `before`: insertion sort for the usual handful, the built-in sort beyond. */
function sortSlice(rows: Int32Array, s: number, e: number, before: (a: number, b: number) => boolean): void {
  if (e - s > 24) {
    const sorted = Array.from(rows.subarray(s, e)).sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
    rows.set(sorted, s);
    return;
  }
  for (let k = s + 1; k < e; k++) {
    const r = rows[k] as number;
    let m = k - 1;
    while (m >= s && before(r, rows[m] as number)) {
      rows[m + 1] = rows[m] as number;
      m--;
    }
    rows[m + 1] = r;
  }
}
