// The rows a generated store becomes, as plain value arrays in a fixed column order (pure).
// write.server.ts (Prisma) and the bulk writers (better-sqlite3, PostgreSQL COPY) share the
// derived rows, so the three write the same store. The bulk writers assign ids themselves,
// which is what lets them skip Prisma's write-then-read-back of every batch.
import { computeCustomerFacts } from "~/facts/customer-facts";
import type { Catalog, CustomerChunk, GenCheckout } from "./types";

export type CellValue = string | number | boolean | Date | null;
export type Row = CellValue[];

/** Columns written per table; the rest take their schema defaults. */
export const STORE_COLUMNS = {
  Collection: ["id", "shop", "gid", "title", "handle", "kind", "shopifyUpdatedAt"],
  Product: ["id", "shop", "gid", "title", "handle", "vendor", "productType", "shopifyUpdatedAt"],
  CollectionProduct: ["shop", "collectionId", "productId"],
  Customer: [
    "id",
    "shop",
    "gid",
    "email",
    "phone",
    "firstName",
    "lastName",
    "emailMarketingState",
    "emailMarketingOptIn",
    "emailConsentUpdatedAt",
    "smsMarketingState",
    "smsMarketingOptIn",
    "smsConsentUpdatedAt",
    "tags",
    "countryCode",
    "provinceCode",
    "city",
    "zip",
    "address1",
    "locale",
    "accountState",
    "verifiedEmail",
    "shopifyCreatedAt",
    "shopifyUpdatedAt",
  ],
  Order: [
    "id",
    "shop",
    "gid",
    "name",
    "customerId",
    "customerGid",
    "currency",
    "totalPrice",
    "subtotalPrice",
    "totalRefunded",
    "financialStatus",
    "cancelledAt",
    "checkoutToken",
    "processedAt",
    "shopifyCreatedAt",
    "shopifyUpdatedAt",
    "sourceName",
    "appGid",
    "locationGid",
  ],
  LineItem: ["id", "shop", "gid", "orderId", "productGid", "variantGid", "title", "quantity", "price"],
  AbandonedCheckout: [
    "id",
    "shop",
    "token",
    "gid",
    "customerId",
    "customerGid",
    "email",
    "phone",
    "recoveryUrl",
    "currency",
    "totalPrice",
    "shopifyCreatedAt",
    "shopifyUpdatedAt",
    "completedAt",
    "recoveredOrderId",
  ],
  CustomerFacts: [
    "customerId",
    "shop",
    "amountSpent",
    "orderCount",
    "firstOrderAt",
    "lastOrderAt",
    "averageOrderValue",
    "lastAbandonedAt",
    "updatedAt",
  ],
} as const;

export type StoreTable = keyof typeof STORE_COLUMNS;
/** Tables with an autoincrement `id` the writers assign explicitly. */
export type IdTable = "Collection" | "Product" | "Customer" | "Order" | "LineItem" | "AbandonedCheckout";
export const ID_TABLES: readonly IdTable[] = ["Collection", "Product", "Customer", "Order", "LineItem", "AbandonedCheckout"];
/** Children first, so clearing a shop never trips a foreign key. */
export const CLEAR_ORDER: readonly StoreTable[] = [
  "CustomerFacts",
  "LineItem",
  "AbandonedCheckout",
  "Order",
  "Customer",
  "CollectionProduct",
  "Product",
  "Collection",
];

/**
 * Non-unique indexes whose keys arrive in random order (emails, phones, timestamps): inserting
 * into them touches pages all over a B-tree far larger than the cache, while building one after
 * the load is a single sort, so throwaway loads drop and rebuild them. The others grow at their
 * right edge as ids do; unique indexes always stay, so a duplicate fails its own batch rather
 * than the final index build.
 */
export const RANDOM_ORDER_INDEXES = [
  "Customer_shop_email_idx",
  "Customer_shop_phone_idx",
  "Customer_shop_shopifyUpdatedAt_idx",
  "Order_shop_processedAt_idx",
  "Order_shop_checkoutToken_idx",
  "AbandonedCheckout_shop_shopifyCreatedAt_idx",
];

export type RowSink = (table: StoreTable, row: Row) => void;

export interface RowCounts {
  customers: number;
  orders: number;
  lineItems: number;
  checkouts: number;
  facts: number;
}

/** Emits the catalog's rows; returns product ids by GID for the customer rows. */
export function emitCatalogRows(shop: string, catalog: Catalog, nextId: Record<IdTable, number>, sink: RowSink): Map<string, number> {
  const collectionIds = new Map<string, number>();
  for (const c of catalog.collections) {
    const id = nextId.Collection++;
    collectionIds.set(c.gid, id);
    sink("Collection", [id, shop, c.gid, c.title, c.handle, c.kind, c.updatedAt]);
  }
  const productIds = new Map<string, number>();
  for (const p of catalog.products) {
    const id = nextId.Product++;
    productIds.set(p.gid, id);
    sink("Product", [id, shop, p.gid, p.title, p.handle, p.vendor, p.productType, p.updatedAt]);
  }
  for (const p of catalog.products) {
    for (const cg of p.collectionGids) sink("CollectionProduct", [shop, need(collectionIds, cg), need(productIds, p.gid)]);
  }
  return productIds;
}

/** Emits one customer's rows (customer, orders, line items, checkouts, facts). */
export function emitCustomerRows(
  shop: string,
  chunk: CustomerChunk,
  productIds: Map<string, number>,
  nextId: Record<IdTable, number>,
  writtenAt: Date,
  sink: RowSink,
  counts: RowCounts,
): void {
  const c = chunk.customer;
  const customerId = nextId.Customer++;
  sink("Customer", [
    customerId,
    shop,
    c.gid,
    c.email,
    c.phone,
    c.firstName,
    c.lastName,
    c.emailState,
    c.emailOptIn,
    c.emailConsentAt,
    c.smsState,
    c.smsOptIn,
    c.smsConsentAt,
    c.tags.join(", "),
    c.countryCode,
    c.provinceCode,
    c.city,
    c.zip,
    c.address1,
    c.locale,
    c.accountState,
    c.verifiedEmail,
    c.createdAt,
    c.updatedAt,
  ]);
  const orderIds: number[] = [];
  for (const o of chunk.orders) {
    const orderId = nextId.Order++;
    orderIds.push(orderId);
    sink("Order", [
      orderId,
      shop,
      o.gid,
      o.name,
      customerId,
      o.customerGid,
      o.currency,
      o.totalPrice,
      o.subtotalPrice,
      o.totalRefunded,
      o.financialStatus,
      o.cancelledAt,
      o.checkoutToken,
      o.processedAt,
      o.processedAt,
      o.updatedAt,
      o.sourceName,
      o.appGid,
      o.locationGid,
    ]);
    for (const li of o.lineItems) {
      sink("LineItem", [nextId.LineItem++, shop, li.gid, orderId, li.productGid, li.variantGid, li.title, li.quantity, li.price]);
    }
    counts.lineItems += o.lineItems.length;
  }
  for (const k of chunk.checkouts) {
    const recovered = k.recoveredOrderGid === null ? -1 : chunk.orders.findIndex((o) => o.gid === k.recoveredOrderGid);
    if (k.recoveredOrderGid !== null && recovered < 0)
      throw new Error(`Checkout ${k.token} refers to unknown order ${k.recoveredOrderGid}`);
    sink("AbandonedCheckout", [
      nextId.AbandonedCheckout++,
      shop,
      k.token,
      k.gid,
      customerId,
      k.customerGid,
      k.email,
      k.phone,
      k.recoveryUrl,
      k.currency,
      k.totalPrice,
      k.createdAt,
      k.updatedAt,
      k.completedAt,
      recovered < 0 ? null : (orderIds[recovered] ?? null),
    ]);
  }
  const facts = computeCustomerFacts(chunk.orders);
  sink("CustomerFacts", [
    customerId,
    shop,
    facts.amountSpent,
    facts.orderCount,
    facts.firstOrderAt,
    facts.lastOrderAt,
    facts.averageOrderValue,
    lastAbandonedAt(chunk.checkouts),
    writtenAt,
  ]);
  counts.customers += 1;
  counts.orders += chunk.orders.length;
  counts.checkouts += chunk.checkouts.length;
  counts.facts += 1;
}

export function lastAbandonedAt(checkouts: readonly GenCheckout[]): Date | null {
  return checkouts.reduce<Date | null>((m, k) => (m === null || k.createdAt > m ? k.createdAt : m), null);
}

export function need<K, V>(map: Map<K, V>, key: K): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`Generated store refers to unknown id ${String(key)}`);
  return value;
}
