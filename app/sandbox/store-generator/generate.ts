// Deterministic store generator (pure: the seed and `now` fully decide the output).
// Customers stream one by one with their orders and abandoned checkouts, so a million-customer
// store never has to fit in memory.
import { EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, PLACES, PRODUCT_FAMILIES, TAGS } from "./catalog";
import { Rng } from "./rng";
import type { Catalog, Consent, CustomerChunk, GenCheckout, GenCustomer, GenOrder, GenShop, OptIn } from "./types";

const DAY = 86_400_000;
const HISTORY_DAYS = 3 * 365;
// Shopify ids are 64-bit; these bases keep generated ids realistic in size but unique per kind.
const CUSTOMER_BASE = 7_100_000_000_000n;
const ORDER_BASE = 5_500_000_000_000n;
const LINE_BASE = 13_000_000_000_000n;
const CHECKOUT_BASE = 31_000_000_000_000n;
// Retail seasonality: Black Friday / holiday months sell more (rejection sampling weights).
const MONTH_WEIGHT = [0.8, 0.7, 0.85, 0.9, 0.95, 0.9, 0.85, 0.9, 0.95, 1.05, 1.6, 1.8];

export interface GenerateOptions {
  seed: number;
  customers: number;
  now: Date;
  /** Customer index to start at (resuming or sharding a large store). */
  from?: number;
}

export function demoShop(shop: string): GenShop {
  return { shop, name: "Paws & Whiskers", email: "owner@paws-and-whiskers.example", ianaTimezone: "America/New_York", currency: "USD" };
}

export function generateCatalog(seed: number, now: Date): Catalog {
  const rng = new Rng(seed ^ 0x5eed);
  const collections: Catalog["collections"] = [];
  const products: Catalog["products"] = [];
  let productSeq = 8_200_000_000_000n;
  PRODUCT_FAMILIES.forEach((family, i) => {
    const handle = slug(family.collection);
    const gid = `gid://shopify/Collection/${4_100_000_000_000n + BigInt(i)}`;
    collections.push({ gid, title: family.collection, handle, kind: i % 2 === 0 ? "CUSTOM" : "SMART", updatedAt: new Date(now.getTime() - 200 * DAY) });
    for (const item of family.items) {
      productSeq += 1n;
      const [lo, hi] = family.price;
      products.push({
        gid: `gid://shopify/Product/${productSeq}`,
        title: item,
        handle: slug(item),
        productType: family.collection,
        vendor: "Paws & Whiskers",
        price: Math.round(rng.int(lo, hi) / 100) * 100 - 1,
        collectionGids: [gid],
        updatedAt: new Date(now.getTime() - rng.int(1, 400) * DAY),
      });
    }
  });
  // A "Best Sellers" smart collection overlapping the others, as real stores have.
  const bestGid = `gid://shopify/Collection/${4_100_000_000_000n + BigInt(PRODUCT_FAMILIES.length)}`;
  collections.push({ gid: bestGid, title: "Best Sellers", handle: "best-sellers", kind: "SMART", updatedAt: new Date(now.getTime() - 30 * DAY) });
  products.forEach((p, i) => {
    if (i % 4 === 0) p.collectionGids.push(bestGid);
  });
  return { collections, products };
}

export function* generateCustomers(options: GenerateOptions, catalog: Catalog): Generator<CustomerChunk> {
  const end = (options.from ?? 0) + options.customers;
  for (let i = options.from ?? 0; i < end; i++) {
    // One RNG per customer: any customer can be regenerated alone, and shards agree.
    yield generateCustomer(new Rng(mix(options.seed, i)), i, options.now, catalog);
  }
}

function generateCustomer(rng: Rng, index: number, now: Date, catalog: Catalog): CustomerChunk {
  const place = rng.weighted(PLACES);
  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const gid = `gid://shopify/Customer/${CUSTOMER_BASE + BigInt(index)}`;
  // Growth: more customers joined recently (square skews toward now).
  const ageDays = Math.floor(HISTORY_DAYS * rng.next() ** 1.6) + 1;
  const createdAt = new Date(now.getTime() - ageDays * DAY - rng.int(0, DAY - 1));
  const hasEmail = rng.chance(0.95);
  const hasPhone = rng.chance(0.7);
  const email = hasEmail ? `${ascii(firstName)}.${ascii(lastName)}.${index}@${rng.weighted(EMAIL_DOMAINS)}`.toLowerCase() : null;
  const phone = hasPhone ? phoneFor(rng, place.phone, index) : null;
  const emailState: Consent = hasEmail ? rng.weighted([["SUBSCRIBED", 45], ["NOT_SUBSCRIBED", 35], ["UNSUBSCRIBED", 15], ["PENDING", 5]] as const) : "NOT_SUBSCRIBED";
  const smsState: Consent = hasPhone ? rng.weighted([["SUBSCRIBED", 30], ["NOT_SUBSCRIBED", 55], ["UNSUBSCRIBED", 12], ["PENDING", 3]] as const) : "NOT_SUBSCRIBED";
  const optIn = (state: Consent): OptIn | null => (state === "NOT_SUBSCRIBED" ? null : rng.weighted([["SINGLE_OPT_IN", 70], ["CONFIRMED_OPT_IN", 25], ["UNKNOWN", 5]] as const));
  const consentAt = (state: Consent): Date | null => (state === "NOT_SUBSCRIBED" ? null : between(rng, createdAt, now));
  const tags = TAGS.filter(() => rng.chance(0.12));

  const customer: GenCustomer = {
    gid, firstName, lastName, email, phone, emailState, smsState,
    emailOptIn: optIn(emailState), emailConsentAt: consentAt(emailState),
    smsOptIn: optIn(smsState), smsConsentAt: consentAt(smsState),
    tags, countryCode: place.country, provinceCode: place.province, city: place.city, zip: place.zip,
    address1: `${rng.int(1, 999)} ${rng.pick(["Main", "Oak", "Maple", "Cedar", "Elm", "King"])} St`,
    locale: place.locale,
    accountState: rng.weighted([["DISABLED", 60], ["ENABLED", 30], ["INVITED", 8], ["DECLINED", 2]] as const),
    verifiedEmail: hasEmail && rng.chance(0.9),
    createdAt, updatedAt: createdAt,
  };

  const orders: GenOrder[] = [];
  const orderCount = rng.chance(0.25) ? 0 : rng.skewedCount(2.2, 60) + 1;
  for (let n = 0; n < orderCount; n++) orders.push(generateOrder(rng, customer, index, n, now, catalog));
  orders.sort((a, b) => a.processedAt.getTime() - b.processedAt.getTime());

  const checkouts: GenCheckout[] = [];
  const checkoutCount = rng.chance(0.18) ? rng.int(1, 2) : 0;
  for (let n = 0; n < checkoutCount; n++) {
    // A share of checkouts is very recent so "abandoned in the last 24 hours" has members.
    const createdAtCheckout = rng.chance(0.15) ? new Date(now.getTime() - rng.int(1, 23 * 60) * 60_000) : between(rng, createdAt, now);
    const token = hex(rng, 32);
    const recovered = rng.chance(0.2);
    const total = rng.int(1500, 25000);
    let recoveredOrderGid: string | null = null;
    let completedAt: Date | null = null;
    if (recovered) {
      completedAt = new Date(Math.min(now.getTime(), createdAtCheckout.getTime() + rng.int(1, 72) * 3_600_000));
      const order = generateOrder(rng, customer, index, orders.length, now, catalog, completedAt, token);
      orders.push(order);
      recoveredOrderGid = order.gid;
    }
    checkouts.push({
      token, gid: `gid://shopify/AbandonedCheckout/${CHECKOUT_BASE + BigInt(index) * 4n + BigInt(n)}`,
      customerGid: gid, email, phone,
      recoveryUrl: `https://paws-and-whiskers.example/checkouts/${token}/recover`,
      currency: "USD", totalPrice: total, createdAt: createdAtCheckout,
      updatedAt: completedAt ?? createdAtCheckout, completedAt, recoveredOrderGid,
    });
  }
  const lastActivity = [...orders.map((o) => o.updatedAt), ...checkouts.map((c) => c.updatedAt), customer.emailConsentAt, customer.smsConsentAt]
    .filter((d): d is Date => d !== null)
    .reduce((a, b) => (b > a ? b : a), createdAt);
  customer.updatedAt = lastActivity;
  return { customer, orders, checkouts };
}

function generateOrder(rng: Rng, customer: GenCustomer, index: number, n: number, now: Date, catalog: Catalog, at?: Date, checkoutToken?: string): GenOrder {
  const processedAt = at ?? seasonalDate(rng, customer.createdAt, now);
  const seq = BigInt(index) * 64n + BigInt(n);
  const lineCount = rng.weighted([[1, 50], [2, 30], [3, 15], [4, 5]] as const);
  const lineItems = [];
  for (let l = 0; l < lineCount; l++) {
    const product = rng.pick(catalog.products);
    lineItems.push({
      gid: `gid://shopify/LineItem/${LINE_BASE + seq * 4n + BigInt(l)}`,
      productGid: product.gid,
      variantGid: product.gid.replace("Product", "ProductVariant"),
      title: product.title,
      quantity: rng.weighted([[1, 70], [2, 20], [3, 10]] as const),
      price: product.price,
    });
  }
  const subtotal = lineItems.reduce((s, li) => s + li.price * li.quantity, 0);
  const shipping = subtotal >= 5000 ? 0 : 599;
  const total = subtotal + shipping;
  const cancelled = rng.chance(0.03);
  const refundKind = cancelled ? "full" : rng.weighted([["none", 93], ["full", 3], ["partial", 4]] as const);
  const totalRefunded = refundKind === "full" ? total : refundKind === "partial" ? Math.round(total * 0.3) : 0;
  const financialStatus = cancelled ? "VOIDED" : refundKind === "full" ? "REFUNDED" : refundKind === "partial" ? "PARTIALLY_REFUNDED" : "PAID";
  const updatedAt = refundKind === "none" && !cancelled ? processedAt : new Date(Math.min(now.getTime(), processedAt.getTime() + rng.int(1, 20) * DAY));
  return {
    gid: `gid://shopify/Order/${ORDER_BASE + seq}`,
    name: `#${1000 + Number(seq % 10_000_000n)}`,
    customerGid: customer.gid, currency: "USD", totalPrice: total, subtotalPrice: subtotal,
    totalRefunded, financialStatus, cancelledAt: cancelled ? updatedAt : null,
    checkoutToken: checkoutToken ?? null, processedAt, updatedAt, lineItems,
  };
}

function seasonalDate(rng: Rng, from: Date, to: Date): Date {
  for (let tries = 0; tries < 8; tries++) {
    const d = between(rng, from, to);
    if (rng.next() * 1.8 < (MONTH_WEIGHT[d.getUTCMonth()] ?? 1)) return d;
  }
  return between(rng, from, to);
}

function between(rng: Rng, from: Date, to: Date): Date {
  return new Date(from.getTime() + Math.floor(rng.next() * Math.max(1, to.getTime() - from.getTime())));
}

/** Unique per customer index (Shopify refuses two customers with one phone), valid in shape. */
function phoneFor(rng: Rng, phone: { cc: string; area: string[] }, index: number): string {
  const area = rng.pick(phone.area);
  if (phone.cc === "1") {
    // NANP exchanges cannot start with 0 or 1.
    const exchange = 200 + (Math.floor(index / 10_000) % 800);
    return `+1${area}${exchange}${String(index % 10_000).padStart(4, "0")}`;
  }
  return `+${phone.cc}${area}${String(index % 100_000_000).padStart(8, "0")}`;
}

function hex(rng: Rng, length: number): string {
  let s = "";
  while (s.length < length) s += rng.int(0, 0xffff).toString(16).padStart(4, "0");
  return s.slice(0, length);
}

function mix(seed: number, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ index, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

function slug(text: string): string {
  return ascii(text).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

function ascii(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^A-Za-z0-9 &'-]/g, "").replace(/['&]/g, "");
}
