/**
 * The columnar copy of a shop's customer facts (pure): one position per customer,
 * typed arrays for numbers and dates, dictionary codes for strings, and CSR
 * arrays (offsets per customer into flat row arrays) for purchases, orders,
 * checkouts and messages (purchases: see purchase-columns.ts). Dates are whole
 * seconds, 0 meaning "none".
 */
import { Bitset } from "./bitset";
import { ACCOUNT_STATES, MARKETING_STATES, type CustomerRecord } from "./facts";
import { purchasesAt, type PurchaseColumns } from "./purchase-columns";

export type { ProductIds } from "./purchase-columns";
/** Dictionary codes (-1 for none): 16-bit while the dictionary is small. */
export type Codes = Int16Array | Int32Array;
/** Minor units: 32-bit when every value is an integer that fits, else 64-bit floats. */
export type Money = Int32Array | Float64Array;

export interface Dictionary {
  /** Values as stored (original case). */
  values: string[];
  codes: Map<string, number>;
}

export interface FactsColumns {
  n: number;
  customerIds: Int32Array;
  /** Customers that exist (deleted ones stay as holes until the next rebuild). */
  live: Bitset;
  amountSpent: Money;
  orderCount: Int32Array;
  /** NaN for customers without orders. */
  averageOrderValue: Float64Array;
  createdAt: Uint32Array;
  firstOrderAt: Uint32Array;
  lastOrderAt: Uint32Array;
  lastAbandonedAt: Uint32Array;
  /** Index into ACCOUNT_STATES / MARKETING_STATES; 255 when unknown. */
  accountState: Uint8Array;
  emailState: Uint8Array;
  smsState: Uint8Array;
  /** Dictionary codes, -1 for none. */
  emailDomain: Codes;
  language: Codes;
  country: Codes;
  region: Codes;
  city: Codes;
  dicts: {
    emailDomain: Dictionary;
    language: Dictionary;
    country: Dictionary;
    region: Dictionary;
    city: Dictionary;
    tag: Dictionary;
    campaign: Dictionary;
    channel: Dictionary;
    event: Dictionary;
    /** An order's app and retail location as one value, `app|location` (see orderSourceKey). */
    orderSource: Dictionary;
  };
  tags: { offsets: Int32Array; tag: Int32Array };
  purchases: PurchaseColumns;
  orders: { offsets: Int32Array; at: Uint32Array; amount: Money; source: Codes };
  checkouts: { offsets: Int32Array; at: Uint32Array; amount: Money; recovered: Uint8Array };
  messages: { offsets: Int32Array; channel: Int32Array; event: Int32Array; campaign: Int32Array; at: Uint32Array };
  /** Customers per tag code, built on first use (a memo, not data). */
  tagMembers: Map<number, Bitset>;
  /** Members of each Flock segment, by segment id. */
  segments: Map<string, Bitset>;
}

/**
 * Few distinct (app, location) pairs occur in a shop (its sales channels and shops), so an
 * order stores one small dictionary code for both: 2 bytes per order instead of 8.
 */
export function orderSourceKey(o: { app: string | null; location: string | null }): string {
  return `${o.app ?? ""}|${o.location ?? ""}`;
}

export function orderSourceOf(key: string): { app: string | null; location: string | null } {
  const bar = key.indexOf("|");
  const app = key.slice(0, bar);
  const location = key.slice(bar + 1);
  return { app: app === "" ? null : app, location: location === "" ? null : location };
}

export function emptyDictionary(): Dictionary {
  return { values: [], codes: new Map() };
}

export function codeOf(dict: Dictionary, value: string | null): number {
  if (value === null) return -1;
  let code = dict.codes.get(value);
  if (code === undefined) {
    code = dict.values.length;
    dict.values.push(value);
    dict.codes.set(value, code);
  }
  return code;
}

export function stateCode(states: readonly string[], value: string): number {
  const i = states.indexOf(value);
  return i < 0 ? 255 : i;
}

const orNull = (seconds: number): number | null => (seconds === 0 ? null : seconds);
const dictValue = (dict: Dictionary, code: number): string | null => (code < 0 ? null : (dict.values[code] ?? null));

/** The record of position `i`, as the per-customer evaluator reads it. */
export function recordAt(cols: FactsColumns, i: number): CustomerRecord {
  const range = (offsets: Int32Array): number[] => {
    const out: number[] = [];
    for (let j = offsets[i] ?? 0; j < (offsets[i + 1] ?? 0); j++) out.push(j);
    return out;
  };
  const num = (a: ArrayLike<number>, j: number): number => a[j] ?? 0;
  const { purchases: p, orders: o, checkouts: k, messages: m, dicts } = cols;
  const aov = num(cols.averageOrderValue, i);
  return {
    id: num(cols.customerIds, i),
    amountSpent: num(cols.amountSpent, i),
    orderCount: num(cols.orderCount, i),
    averageOrderValue: Number.isNaN(aov) ? null : aov,
    createdAt: num(cols.createdAt, i),
    firstOrderAt: orNull(num(cols.firstOrderAt, i)),
    lastOrderAt: orNull(num(cols.lastOrderAt, i)),
    lastAbandonedAt: orNull(num(cols.lastAbandonedAt, i)),
    accountState: ACCOUNT_STATES[num(cols.accountState, i)] ?? "UNKNOWN",
    emailState: MARKETING_STATES[num(cols.emailState, i)] ?? "UNKNOWN",
    smsState: MARKETING_STATES[num(cols.smsState, i)] ?? "UNKNOWN",
    emailDomain: dictValue(dicts.emailDomain, num(cols.emailDomain, i)),
    language: dictValue(dicts.language, num(cols.language, i)),
    country: dictValue(dicts.country, num(cols.country, i)),
    region: dictValue(dicts.region, num(cols.region, i)),
    city: dictValue(dicts.city, num(cols.city, i)),
    tags: range(cols.tags.offsets).map((j) => dictValue(dicts.tag, num(cols.tags.tag, j)) ?? ""),
    purchases: purchasesAt(p, i),
    orders: range(o.offsets).map((j) => ({
      at: num(o.at, j),
      amount: num(o.amount, j),
      ...orderSourceOf(dictValue(dicts.orderSource, num(o.source, j)) ?? "|"),
    })),
    checkouts: range(k.offsets).map((j) => ({ at: num(k.at, j), amount: num(k.amount, j), recovered: num(k.recovered, j) === 1 })),
    messages: range(m.offsets).map((j) => ({
      channel: dictValue(dicts.channel, num(m.channel, j)) ?? "",
      event: dictValue(dicts.event, num(m.event, j)) ?? "",
      campaignId: dictValue(dicts.campaign, num(m.campaign, j)),
      at: num(m.at, j),
    })),
    segmentIds: [...cols.segments].filter(([, members]) => members.has(i)).map(([id]) => id),
  };
}

/** Bytes held by the typed arrays (what the memory budget counts). */
export function columnBytes(cols: FactsColumns): number {
  let total = 0;
  const visit = (v: unknown): void => {
    if (ArrayBuffer.isView(v)) total += v.byteLength;
    else if (v instanceof Bitset) total += v.words.byteLength;
    else if (v instanceof Map) for (const x of v.values()) visit(x);
    else if (v && typeof v === "object" && !Array.isArray(v)) for (const x of Object.values(v)) visit(x);
  };
  visit(cols);
  return total;
}

/** Amounts of the live customers, ascending: what amount_spent_percentile ranks against. */
export function sortedLiveAmounts(cols: FactsColumns): Float64Array {
  const out = new Float64Array(cols.live.count());
  let k = 0;
  for (let i = 0; i < cols.n; i++) if (cols.live.has(i)) out[k++] = cols.amountSpent[i] ?? 0;
  return out.sort();
}
