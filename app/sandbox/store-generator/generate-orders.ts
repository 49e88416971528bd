// Orders and abandoned checkouts for one generated customer (pure). Split from generate.ts to
// keep the per-customer profile and the purchase history apart; both run in the hot loop of a
// million-customer store, so they work on epoch milliseconds and precomputed tables and only
// build the Date objects the record types carry.
import { type Rng, WeightedTable } from "./rng";
import type { Catalog, GenCheckout, GenCustomer, GenLineItem, GenOrder } from "./types";

export const DAY = 86_400_000;
export const HISTORY_DAYS = 3 * 365;
/** Order numbers per customer are three digits in the GID; recovered checkouts add up to two. */
const MAX_ORDERS = 400;
// Calibrated (see generate.test.ts) so a store of N customers has about 5·N orders and
// 12·N line items, the scale the 1M-customer benchmark issue asks for. A fifth of customers
// never order (newsletter sign-ups); buyers place their first order when they sign up and
// repeat at a yearly rate, so long-time customers have more orders; a few loyal ones order
// monthly or more.
const NO_ORDER_SHARE = 0.2;
const LOYAL_SHARE = 0.05;
const REPEATS_PER_YEAR = 3.6;
const LOYAL_REPEATS_PER_YEAR = 16;
// Retail seasonality: Black Friday / holiday months sell more (rejection sampling weights).
const MONTH_WEIGHT = [0.8, 0.7, 0.85, 0.9, 0.95, 0.9, 0.85, 0.9, 0.95, 1.05, 1.6, 1.8];
const MAX_MONTH_WEIGHT = 1.8;

const LINE_COUNT = new WeightedTable([
  [1, 32],
  [2, 30],
  [3, 19],
  [4, 10],
  [5, 5],
  [6, 3],
  [7, 1],
] as const);
const QUANTITY = new WeightedTable([
  [1, 75],
  [2, 17],
  [3, 6],
  [4, 2],
] as const);
const REFUND = new WeightedTable([
  ["none", 93],
  ["full", 3],
  ["partial", 4],
] as const);

interface ProductRef {
  gid: string;
  variantGid: string;
  title: string;
  price: number;
}

/** Everything the hot loop reads that does not change between customers. */
export interface OrderContext {
  nowMs: number;
  products: readonly ProductRef[];
  /** Product popularity is skewed (a few best sellers), as in real shops. */
  productTable: WeightedTable<number>;
  /** UTC month (0–11) of each day since `dayZeroMs`, so seasonality needs no Date per order. */
  monthOfDay: Uint8Array;
  dayZeroMs: number;
}

export function buildOrderContext(catalog: Catalog, now: Date): OrderContext {
  const nowMs = now.getTime();
  const products = catalog.products.map((p) => ({
    gid: p.gid,
    variantGid: p.gid.replace("/Product/", "/ProductVariant/"),
    title: p.title,
    price: p.price,
  }));
  // Zipf-like popularity over a fixed permutation of the catalog (not its order, so each
  // collection has a best seller).
  const productTable = new WeightedTable(products.map((_, i) => [i, 1 / (((i * 7) % products.length) + 1) ** 0.8] as const));
  const dayZeroMs = Math.floor((nowMs - (HISTORY_DAYS + 2) * DAY) / DAY) * DAY;
  const days = Math.ceil((nowMs - dayZeroMs) / DAY) + 1;
  const monthOfDay = new Uint8Array(days);
  for (let d = 0; d < days; d++) monthOfDay[d] = new Date(dayZeroMs + d * DAY).getUTCMonth();
  return { nowMs, products, productTable, monthOfDay, dayZeroMs };
}

/** How many orders a customer who joined `ageDays` ago has placed. */
export function orderCountFor(rng: Rng, ageDays: number): number {
  if (rng.chance(NO_ORDER_SHARE)) return 0;
  const rate = rng.chance(LOYAL_SHARE) ? LOYAL_REPEATS_PER_YEAR : REPEATS_PER_YEAR;
  return 1 + rng.skewedCount((rate * ageDays) / 365, MAX_ORDERS - 1);
}

/**
 * The customer an order belongs to. `key` is the customer's index as fixed-width digits: GIDs
 * are built by concatenating digits, never by arithmetic, so they stay exact past 2^53
 * (Shopify ids are 64-bit). `nameStem` makes order names unique per shop.
 */
export interface OrderOwner {
  customer: GenCustomer;
  key: string;
  nameStem: string;
}

export function generateOrder(rng: Rng, ctx: OrderContext, owner: OrderOwner, n: number, at?: number, checkoutToken?: string): GenOrder {
  const { customer, key } = owner;
  const createdMs = customer.createdAt.getTime();
  // Most customers are created by their first checkout; later orders follow the seasons.
  const processedMs = at ?? (n === 0 ? Math.min(ctx.nowMs, createdMs + rng.int(0, 2 * DAY)) : seasonalMs(rng, ctx, createdMs));
  const orderKey = key + pad3(n);
  const lineCount = LINE_COUNT.pick(rng);
  const lineItems: GenLineItem[] = [];
  const picked: number[] = [];
  let subtotal = 0;
  for (let l = 0; l < lineCount; l++) {
    // Distinct products per order (a second unit is a quantity, not a second line).
    let p = ctx.productTable.pick(rng);
    for (let retry = 0; picked.includes(p) && retry < 8; retry++) p = ctx.productTable.pick(rng);
    if (picked.includes(p)) break;
    picked.push(p);
    const product = ctx.products[p] as ProductRef;
    const quantity = QUANTITY.pick(rng);
    subtotal += product.price * quantity;
    lineItems.push({
      gid: `gid://shopify/LineItem/13${orderKey}${l}`,
      productGid: product.gid,
      variantGid: product.variantGid,
      title: product.title,
      quantity,
      price: product.price,
    });
  }
  const total = subtotal + (subtotal >= 5000 ? 0 : 599);
  const cancelled = rng.chance(0.03);
  const refundKind = cancelled ? "full" : REFUND.pick(rng);
  const totalRefunded = refundKind === "full" ? total : refundKind === "partial" ? Math.round(total * 0.3) : 0;
  const financialStatus = cancelled
    ? "VOIDED"
    : refundKind === "full"
      ? "REFUNDED"
      : refundKind === "partial"
        ? "PARTIALLY_REFUNDED"
        : "PAID";
  const processedAt = new Date(processedMs);
  const updatedAt = refundKind === "none" && !cancelled ? processedAt : new Date(Math.min(ctx.nowMs, processedMs + rng.int(1, 20) * DAY));
  return {
    gid: `gid://shopify/Order/5${orderKey}`,
    name: `#${owner.nameStem}${pad3(n)}`,
    customerGid: customer.gid,
    currency: "USD",
    totalPrice: total,
    subtotalPrice: subtotal,
    totalRefunded,
    financialStatus,
    cancelledAt: cancelled ? updatedAt : null,
    checkoutToken: checkoutToken ?? null,
    ...orderChannel(orderKey),
    processedAt,
    updatedAt,
    lineItems,
  };
}

/** The Online Store and Point of Sale apps, with their ids as Shopify reports them. */
export const ONLINE_STORE_APP = "gid://shopify/App/580111";
export const POINT_OF_SALE_APP = "gid://shopify/App/129785";
export const RETAIL_LOCATIONS = ["gid://shopify/Location/71000000001", "gid://shopify/Location/71000000002"] as const;

/**
 * About one order in eight is rung up in one of two shops (Point of Sale); the rest come
 * through the Online Store. Derived from the order key rather than drawn from the RNG, so
 * every other generated value stays what it was.
 */
export function orderChannel(orderKey: string): Pick<GenOrder, "sourceName" | "appGid" | "locationGid"> {
  let h = 2166136261;
  for (let i = 0; i < orderKey.length; i++) h = Math.imul(h ^ orderKey.charCodeAt(i), 16777619);
  const bucket = (h >>> 0) % 16;
  if (bucket >= 2) return { sourceName: "web", appGid: ONLINE_STORE_APP, locationGid: null };
  return { sourceName: "pos", appGid: POINT_OF_SALE_APP, locationGid: RETAIL_LOCATIONS[bucket] ?? null };
}

/** Abandoned checkouts; a recovered one also becomes an order (pushed onto `orders`). */
export function generateCheckouts(rng: Rng, ctx: OrderContext, owner: OrderOwner, orders: GenOrder[]): GenCheckout[] {
  const { customer, key } = owner;
  const checkouts: GenCheckout[] = [];
  const count = rng.chance(0.18) ? rng.int(1, 2) : 0;
  const createdMs = customer.createdAt.getTime();
  for (let n = 0; n < count; n++) {
    // A share of checkouts is very recent so "abandoned in the last 24 hours" has members.
    const startedMs = rng.chance(0.1) ? ctx.nowMs - rng.int(1, 23 * 60) * 60_000 : betweenMs(rng, createdMs, ctx.nowMs);
    const token = hex32(rng);
    const recovered = rng.chance(0.2);
    const total = rng.int(1500, 25000);
    let recoveredOrderGid: string | null = null;
    let completedAt: Date | null = null;
    if (recovered) {
      const completedMs = Math.min(ctx.nowMs, startedMs + rng.int(1, 72) * 3_600_000);
      completedAt = new Date(completedMs);
      const order = generateOrder(rng, ctx, owner, orders.length, completedMs, token);
      orders.push(order);
      recoveredOrderGid = order.gid;
    }
    const createdAt = new Date(startedMs);
    checkouts.push({
      token,
      gid: `gid://shopify/AbandonedCheckout/31${key}${n}`,
      customerGid: customer.gid,
      email: customer.email,
      phone: customer.phone,
      recoveryUrl: `https://paws-and-whiskers.example/checkouts/${token}/recover`,
      currency: "USD",
      totalPrice: total,
      createdAt,
      updatedAt: completedAt ?? createdAt,
      completedAt,
      recoveredOrderGid,
    });
  }
  return checkouts;
}

function seasonalMs(rng: Rng, ctx: OrderContext, fromMs: number): number {
  for (let tries = 0; tries < 8; tries++) {
    const ms = betweenMs(rng, fromMs, ctx.nowMs);
    const month = ctx.monthOfDay[Math.floor((ms - ctx.dayZeroMs) / DAY)] ?? 0;
    if (rng.next() * MAX_MONTH_WEIGHT < (MONTH_WEIGHT[month] ?? 1)) return ms;
  }
  return betweenMs(rng, fromMs, ctx.nowMs);
}

export function betweenMs(rng: Rng, fromMs: number, toMs: number): number {
  return fromMs + Math.floor(rng.next() * Math.max(1, toMs - fromMs));
}

function pad3(n: number): string {
  return n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n);
}

function hex32(rng: Rng): string {
  let s = "";
  for (let i = 0; i < 8; i++) s += (Math.floor(rng.next() * 0x10000) | 0x10000).toString(16).slice(1);
  return s;
}
