// Deterministic store generator (pure: the seed and `now` fully decide the output).
// Customers stream one by one with their orders and abandoned checkouts, so a million-customer
// store never has to fit in memory.
import { EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, PLACES, PRODUCT_FAMILIES, TAGS } from "./catalog";
import {
  betweenMs,
  buildOrderContext,
  DAY,
  generateCheckouts,
  generateOrder,
  HISTORY_DAYS,
  type OrderContext,
  orderCountFor,
  type OrderOwner,
} from "./generate-orders";
import { Rng, WeightedTable } from "./rng";
import type { Catalog, Consent, CustomerChunk, GenCustomer, GenOrder, GenShop, OptIn } from "./types";

const STREETS = ["Main", "Oak", "Maple", "Cedar", "Elm", "King"] as const;
// Tables built once: the hot loop runs a million times for the benchmark store.
const PLACE_TABLE = new WeightedTable(PLACES);
const EMAIL_DOMAIN_TABLE = new WeightedTable(EMAIL_DOMAINS);
const EMAIL_CONSENT = new WeightedTable([
  ["SUBSCRIBED", 45],
  ["NOT_SUBSCRIBED", 35],
  ["UNSUBSCRIBED", 15],
  ["PENDING", 5],
] as const);
const SMS_CONSENT = new WeightedTable([
  ["SUBSCRIBED", 30],
  ["NOT_SUBSCRIBED", 55],
  ["UNSUBSCRIBED", 12],
  ["PENDING", 3],
] as const);
const OPT_IN = new WeightedTable([
  ["SINGLE_OPT_IN", 70],
  ["CONFIRMED_OPT_IN", 25],
  ["UNKNOWN", 5],
] as const);
const ACCOUNT_STATE = new WeightedTable([
  ["DISABLED", 60],
  ["ENABLED", 30],
  ["INVITED", 8],
  ["DECLINED", 2],
] as const);
// Unicode normalisation is slow; do it once per name, not once per customer.
const NAMES_FIRST = FIRST_NAMES.map((name) => ({ name, ascii: ascii(name).toLowerCase() }));
const NAMES_LAST = LAST_NAMES.map((name) => ({ name, ascii: ascii(name).toLowerCase() }));

export interface GenerateOptions {
  seed: number;
  customers: number;
  now: Date;
  /** Customer index to start at (resuming or sharding a large store). */
  from?: number;
}

export function demoShop(shop: string): GenShop {
  return {
    shop,
    name: "Paws & Whiskers",
    email: "owner@paws-and-whiskers.example",
    ianaTimezone: "America/New_York",
    currency: "USD",
    countryCode: "US",
  };
}

export function generateCatalog(seed: number, now: Date): Catalog {
  const rng = new Rng(seed ^ 0x5eed);
  const collections: Catalog["collections"] = [];
  const products: Catalog["products"] = [];
  let productSeq = 8_200_000_000_000n;
  PRODUCT_FAMILIES.forEach((family, i) => {
    const handle = slug(family.collection);
    const gid = `gid://shopify/Collection/${4_100_000_000_000n + BigInt(i)}`;
    collections.push({
      gid,
      title: family.collection,
      handle,
      kind: i % 2 === 0 ? "CUSTOM" : "SMART",
      updatedAt: new Date(now.getTime() - 200 * DAY),
    });
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
  collections.push({
    gid: bestGid,
    title: "Best Sellers",
    handle: "best-sellers",
    kind: "SMART",
    updatedAt: new Date(now.getTime() - 30 * DAY),
  });
  products.forEach((p, i) => {
    if (i % 4 === 0) p.collectionGids.push(bestGid);
  });
  return { collections, products };
}

export function* generateCustomers(options: GenerateOptions, catalog: Catalog): Generator<CustomerChunk> {
  const ctx = buildOrderContext(catalog, options.now);
  const end = (options.from ?? 0) + options.customers;
  for (let i = options.from ?? 0; i < end; i++) {
    // One RNG stream per customer: any customer can be regenerated alone, and shards agree.
    yield generateCustomer(new Rng(options.seed, i), i, ctx);
  }
}

function generateCustomer(rng: Rng, index: number, ctx: OrderContext): CustomerChunk {
  const nowMs = ctx.nowMs;
  const place = PLACE_TABLE.pick(rng);
  const first = rng.pick(NAMES_FIRST);
  const last = rng.pick(NAMES_LAST);
  const key = String(index).padStart(9, "0");
  // 7_100_000_000_000 + index for the first 10^11 customers, spelled as digits (see OrderOwner).
  const gid = `gid://shopify/Customer/71${String(index).padStart(11, "0")}`;
  // Growth: more customers joined recently (the power skews toward now).
  const ageDays = Math.floor(HISTORY_DAYS * rng.next() ** 1.25) + 1;
  const createdMs = nowMs - ageDays * DAY - rng.int(0, DAY - 1);
  const hasEmail = rng.chance(0.95);
  const hasPhone = rng.chance(0.7);
  const email = hasEmail ? `${first.ascii}.${last.ascii}.${index}@${EMAIL_DOMAIN_TABLE.pick(rng)}` : null;
  const phone = hasPhone ? phoneFor(rng, place.phone, index) : null;
  const emailState: Consent = hasEmail ? EMAIL_CONSENT.pick(rng) : "NOT_SUBSCRIBED";
  const smsState: Consent = hasPhone ? SMS_CONSENT.pick(rng) : "NOT_SUBSCRIBED";
  const optIn = (state: Consent): OptIn | null => (state === "NOT_SUBSCRIBED" ? null : OPT_IN.pick(rng));
  const consentAt = (state: Consent): Date | null => (state === "NOT_SUBSCRIBED" ? null : new Date(betweenMs(rng, createdMs, nowMs)));
  const tags = TAGS.filter(() => rng.chance(0.12));

  const createdAt = new Date(createdMs);
  const customer: GenCustomer = {
    gid,
    firstName: first.name,
    lastName: last.name,
    email,
    phone,
    emailState,
    smsState,
    emailOptIn: optIn(emailState),
    emailConsentAt: consentAt(emailState),
    smsOptIn: optIn(smsState),
    smsConsentAt: consentAt(smsState),
    tags,
    countryCode: place.country,
    provinceCode: place.province,
    city: place.city,
    zip: place.zip,
    address1: `${rng.int(1, 999)} ${rng.pick(STREETS)} St`,
    locale: place.locale,
    accountState: ACCOUNT_STATE.pick(rng),
    verifiedEmail: hasEmail && rng.chance(0.9),
    createdAt,
    updatedAt: createdAt,
  };

  const owner: OrderOwner = { customer, key, nameStem: String(index + 1) };
  const orders: GenOrder[] = [];
  const orderCount = orderCountFor(rng, ageDays);
  for (let n = 0; n < orderCount; n++) orders.push(generateOrder(rng, ctx, owner, n));
  const checkouts = generateCheckouts(rng, ctx, owner, orders);
  orders.sort((a, b) => a.processedAt.getTime() - b.processedAt.getTime());

  let lastActivity = createdMs;
  for (const o of orders) lastActivity = Math.max(lastActivity, o.updatedAt.getTime());
  for (const k of checkouts) lastActivity = Math.max(lastActivity, k.updatedAt.getTime());
  for (const d of [customer.emailConsentAt, customer.smsConsentAt]) if (d) lastActivity = Math.max(lastActivity, d.getTime());
  if (lastActivity !== createdMs) customer.updatedAt = new Date(lastActivity);
  return { customer, orders, checkouts };
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

function slug(text: string): string {
  return ascii(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function ascii(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9 &'-]/g, "")
    .replace(/['&]/g, "");
}
