/**
 * What the segment evaluators read about a shop and its customers (pure types).
 * The per-customer evaluator reads `CustomerRecord`s; the columnar index holds
 * the same facts as typed arrays. Timestamps are whole seconds since the epoch,
 * money is minor units of the shop currency.
 */

export const ACCOUNT_STATES = ["DISABLED", "ENABLED", "INVITED", "DECLINED"] as const;
export const MARKETING_STATES = ["NOT_SUBSCRIBED", "PENDING", "SUBSCRIBED", "UNSUBSCRIBED", "REDACTED", "INVALID"] as const;
export const MESSAGE_CHANNELS = ["sms", "email"] as const;
export const MESSAGE_EVENTS = ["sent", "delivered", "opened", "clicked", "bounced", "failed", "unsubscribed", "marked_as_spam"] as const;

export type AccountState = (typeof ACCOUNT_STATES)[number];
export type MarketingState = (typeof MARKETING_STATES)[number];
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

/** A product as the index knows it: its position in `ShopCatalog.products` is its dense id. */
export interface CatalogProduct {
  /** Numeric tail of the Shopify GID, as the query language writes ids. */
  shopifyId: string;
  tags: readonly string[];
  /** Product type, standing in for Shopify's product category. */
  category: string | null;
}

export interface ShopCatalog {
  timeZone: string;
  /** Digits of the minor unit (2 for USD, 0 for JPY): `100` in a query is 10000 minor units of USD. */
  currencyDigits: number;
  products: readonly CatalogProduct[];
  /** Collection Shopify id → dense ids of the products in it now. */
  collections: ReadonlyMap<string, readonly number[]>;
}

/**
 * One purchase: a product in one order (all of the order's lines of that product),
 * at the order's processedAt. Orders that are not deleted count; lines of products
 * Flock does not know are left out, and so are test orders.
 */
export interface PurchaseFact {
  /** Dense product id (index into `ShopCatalog.products`). */
  product: number;
  at: number;
  /** Units of the product in that order. */
  quantity: number;
}

/** A line item as the loaders read it: `order` tells lines of one order apart from another's. */
export interface PurchaseLineFact extends PurchaseFact {
  order: number;
}

/** Lines → purchases: lines of the same order and product add up; sorted by product, then time. */
export function mergePurchaseLines(lines: readonly PurchaseLineFact[]): PurchaseFact[] {
  const sorted = [...lines].sort((a, b) => a.product - b.product || a.at - b.at || a.order - b.order);
  const out: PurchaseFact[] = [];
  let previous: PurchaseLineFact | undefined;
  for (const line of sorted) {
    const last = out[out.length - 1];
    if (last && previous && previous.product === line.product && previous.order === line.order) last.quantity += line.quantity;
    else out.push({ product: line.product, at: line.at, quantity: line.quantity });
    previous = line;
  }
  return out;
}

export interface OrderFact {
  at: number;
  /** Net of refunds; 0 for a cancelled order. */
  amount: number;
  /** Shopify id of the app (sales channel) that created the order; null when not recorded. */
  app: string | null;
  /** Shopify id of the retail (POS) location it was placed at; null for online orders. */
  location: string | null;
}

/** The Shopify id at the end of a GID column that may be empty. */
export function optionalShopifyId(gid: string | null): string | null {
  return gid === null ? null : shopifyIdOf(gid);
}

export interface CheckoutFact {
  at: number;
  amount: number;
  recovered: boolean;
}

export interface MessageFact {
  channel: string;
  event: string;
  campaignId: string | null;
  at: number;
}

export interface CustomerRecord {
  /** Customer.id (the dense database key). */
  id: number;
  amountSpent: number;
  orderCount: number;
  /** Null for customers without orders. */
  averageOrderValue: number | null;
  createdAt: number;
  firstOrderAt: number | null;
  lastOrderAt: number | null;
  lastAbandonedAt: number | null;
  accountState: string;
  emailState: string;
  smsState: string;
  emailDomain: string | null;
  language: string | null;
  /** ISO country code ('CA'). */
  country: string | null;
  /** Country and province ('US-NY'; 'JP-13' where Shopify's province code carries the country). */
  region: string | null;
  /** Country, province and city without spaces ('US-NY-NewYork'). */
  city: string | null;
  tags: readonly string[];
  purchases: readonly PurchaseFact[];
  orders: readonly OrderFact[];
  checkouts: readonly CheckoutFact[];
  messages: readonly MessageFact[];
  segmentIds: readonly string[];
}

/** Shop-wide facts a customer's own record cannot answer. */
export interface ShopStats {
  /** amount_spent of every customer in the shop, ascending. */
  sortedAmounts: Float64Array;
}

export function shopifyIdOf(gid: string): string {
  const slash = gid.lastIndexOf("/");
  return slash < 0 ? gid : gid.slice(slash + 1);
}

export function emailDomainOf(email: string | null): string | null {
  if (email === null) return null;
  const at = email.lastIndexOf("@");
  return at < 0 || at === email.length - 1 ? null : email.slice(at + 1).toLowerCase();
}

/**
 * Shopify-style region key: 'US-NY'. Some of Shopify's province codes already carry the
 * country (Tokyo is 'JP-13'), and Shopify's key for them is the code itself, not 'JP-JP-13'.
 */
export function regionKey(country: string | null, province: string | null): string | null {
  if (!country || !province) return null;
  return province.toUpperCase().startsWith(`${country.toUpperCase()}-`) ? province : `${country}-${province}`;
}

/** Shopify-style city key: 'US-NY-NewYork', 'JP-13-Tokyo' (diacritics, spaces and punctuation dropped; letters of any script kept). */
export function cityKey(country: string | null, province: string | null, city: string | null): string | null {
  if (!country || !city) return null;
  const compact = withoutMarks(city).replace(/[^\p{L}\p{N}]/gu, "");
  return [regionKey(country, province) ?? country, compact].filter((p) => p).join("-");
}

function withoutMarks(text: string): string {
  // Recomposed so scripts that NFD splits without combining marks (Hangul) read as typed.
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .normalize("NFC");
}

/**
 * A location value as both sides compare it: without diacritics, case, spaces or punctuation
 * (hyphens kept, they separate country, region and city). Both the stored key and the value
 * in the query go through it, so 'CA-QC-Montréal', as the customer wrote it, and
 * 'CA-QC-Montreal' are the same city.
 */
export function foldLocation(text: string): string {
  return withoutMarks(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}-]/gu, "");
}

/** Countries and regions: the same after folding. */
export function sameLocation(fact: string, value: string): boolean {
  return foldLocation(fact) === foldLocation(value);
}

/**
 * Cities: the same after folding, with a trailing "City" optional on either side. Shopify's
 * own example key for New York is 'US-NY-NewYorkCity' while addresses say "New York"
 * ('US-NY-NewYork'); Shopify does not document how it forms the city part beyond
 * countryCode-regionCode-cityCode, so Flock accepts both spellings (see docs/SEGMENTS.md).
 */
export function sameCity(fact: string, value: string): boolean {
  return cityStem(foldLocation(fact)) === cityStem(foldLocation(value));
}

function cityStem(folded: string): string {
  const dash = folded.lastIndexOf("-");
  const city = folded.slice(dash + 1);
  return city.length > 4 && city.endsWith("city") ? folded.slice(0, -4) : folded;
}

/** Lower bound: how many of `sorted` are strictly below `x`. */
export function countBelow(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Rank by amount spent, 0 (lowest) to 100 (highest); ties share the lower rank. */
export function percentileOf(sorted: Float64Array, amount: number): number {
  if (sorted.length <= 1) return 100;
  return (100 * countBelow(sorted, amount)) / (sorted.length - 1);
}
