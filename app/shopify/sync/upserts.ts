// PURE: the monotonic upsert statements the import applies, one per JSONL line.
//
// Monotonic: a row is changed only when the incoming `updatedAt` is newer than the stored
// `shopifyUpdatedAt`, so a bulk export that finishes after a newer webhook never rolls the row
// back, and re-applying lines after a resume changes nothing (shopify.dev: webhooks arrive out
// of order; https://shopify.dev/docs/apps/build/webhooks/best-practices#ignore-duplicates).
// Parent ids (Order.customerId, LineItem.orderId, …) are resolved from GIDs inside the
// statement, so a batch never needs a read-back.
import type { CheckoutRow } from "~/shopify/mappers/checkout";
import type { CollectionLinkRow, CollectionRow, ProductRow } from "~/shopify/mappers/catalog";
import type { CustomerRow } from "~/shopify/mappers/customer";
import type { LineItemRow, OrderRow } from "~/shopify/mappers/order";
import type { Dialect, SqlValue, Statement } from "../../db/sql-runner.server";

type PgType =
  "text" | "integer" | "bigint" | "boolean" | "timestamp(3)" | '"MarketingState"' | '"MarketingOptInLevel"' | '"CustomerAccountState"';
type Columns = readonly (readonly [string, PgType])[];

const q = (name: string) => `"${name}"`;
/** A placeholder; PostgreSQL gets an explicit cast because `INSERT … SELECT ?` has no target type. */
const ph = (dialect: Dialect, type: PgType) => (dialect === "postgres" ? `CAST(? AS ${type})` : "?");

const CUSTOMER: Columns = [
  ["shop", "text"],
  ["gid", "text"],
  ["email", "text"],
  ["phone", "text"],
  ["firstName", "text"],
  ["lastName", "text"],
  ["emailMarketingState", '"MarketingState"'],
  ["emailMarketingOptIn", '"MarketingOptInLevel"'],
  ["emailConsentUpdatedAt", "timestamp(3)"],
  ["smsMarketingState", '"MarketingState"'],
  ["smsMarketingOptIn", '"MarketingOptInLevel"'],
  ["smsConsentUpdatedAt", "timestamp(3)"],
  ["tags", "text"],
  ["countryCode", "text"],
  ["provinceCode", "text"],
  ["city", "text"],
  ["zip", "text"],
  ["address1", "text"],
  ["address2", "text"],
  ["locale", "text"],
  ["accountState", '"CustomerAccountState"'],
  ["verifiedEmail", "boolean"],
  ["shopifyAmountSpent", "bigint"],
  ["shopifyNumberOfOrders", "integer"],
  ["note", "text"],
  ["shopifyCreatedAt", "timestamp(3)"],
  ["shopifyUpdatedAt", "timestamp(3)"],
];
const ORDER: Columns = [
  ["shop", "text"],
  ["gid", "text"],
  ["name", "text"],
  ["customerGid", "text"],
  ["currency", "text"],
  ["totalPrice", "bigint"],
  ["subtotalPrice", "bigint"],
  ["totalRefunded", "bigint"],
  ["financialStatus", "text"],
  ["fulfillmentStatus", "text"],
  ["cancelledAt", "timestamp(3)"],
  ["checkoutToken", "text"],
  ["sourceName", "text"],
  ["appGid", "text"],
  ["locationGid", "text"],
  ["test", "boolean"],
  ["processedAt", "timestamp(3)"],
  ["shopifyCreatedAt", "timestamp(3)"],
  ["shopifyUpdatedAt", "timestamp(3)"],
];
const LINE_ITEM: Columns = [
  ["shop", "text"],
  ["gid", "text"],
  ["productGid", "text"],
  ["variantGid", "text"],
  ["title", "text"],
  ["quantity", "integer"],
  ["price", "bigint"],
];
const PRODUCT: Columns = [
  ["shop", "text"],
  ["gid", "text"],
  ["title", "text"],
  ["handle", "text"],
  ["status", "text"],
  ["vendor", "text"],
  ["productType", "text"],
  ["tags", "text"],
  ["shopifyUpdatedAt", "timestamp(3)"],
];
const COLLECTION: Columns = [
  ["shop", "text"],
  ["gid", "text"],
  ["title", "text"],
  ["handle", "text"],
  ["kind", "text"],
  ["shopifyUpdatedAt", "timestamp(3)"],
];
const CHECKOUT: Columns = [
  ["shop", "text"],
  ["token", "text"],
  ["gid", "text"],
  ["customerGid", "text"],
  ["email", "text"],
  ["phone", "text"],
  ["recoveryUrl", "text"],
  ["currency", "text"],
  ["totalPrice", "bigint"],
  ["shopifyCreatedAt", "timestamp(3)"],
  ["shopifyUpdatedAt", "timestamp(3)"],
  ["completedAt", "timestamp(3)"],
];

function names(columns: Columns): string[] {
  return columns.map(([name]) => name);
}

/** `INSERT … VALUES … ON CONFLICT (shop, key) DO UPDATE … WHERE newer`, with an optional looked-up customer id. */
function monotonicUpsert(dialect: Dialect, table: string, columns: Columns, key: string, withCustomerId: boolean): string {
  const cols = names(columns).map(q);
  const values = columns.map(([, type]) => ph(dialect, type));
  if (withCustomerId) {
    cols.push(q("customerId"));
    values.push(`(SELECT c."id" FROM "Customer" c WHERE c."shop" = ${ph(dialect, "text")} AND c."gid" = ${ph(dialect, "text")})`);
  }
  const updates = names(columns)
    .filter((n) => n !== "shop" && n !== key)
    .map((n) => `${q(n)} = excluded.${q(n)}`);
  if (withCustomerId) updates.push(`"customerId" = COALESCE(excluded."customerId", ${q(table)}."customerId")`);
  return `INSERT INTO ${q(table)} (${cols.join(", ")}) VALUES (${values.join(", ")}) ON CONFLICT ("shop", ${q(key)}) DO UPDATE SET ${updates.join(", ")} WHERE excluded."shopifyUpdatedAt" > ${q(table)}."shopifyUpdatedAt"`;
}

function memo(build: (dialect: Dialect) => string): (dialect: Dialect) => string {
  const cache = new Map<Dialect, string>();
  return (dialect) => {
    let sql = cache.get(dialect);
    if (sql === undefined) {
      sql = build(dialect);
      cache.set(dialect, sql);
    }
    return sql;
  };
}

const customerSql = memo((d) => monotonicUpsert(d, "Customer", CUSTOMER, "gid", false));
const orderSql = memo((d) => monotonicUpsert(d, "Order", ORDER, "gid", true));
const productSql = memo((d) => monotonicUpsert(d, "Product", PRODUCT, "gid", false));
const collectionSql = memo((d) => monotonicUpsert(d, "Collection", COLLECTION, "gid", false));

// A line item has no updatedAt of its own: it is rewritten whenever seen. Its order must
// already be stored (the join yields no row otherwise, and the line is counted as an orphan).
const lineItemSql = memo((d) => {
  const cols = names(LINE_ITEM);
  const select = LINE_ITEM.map(([, type]) => ph(d, type));
  const updates = cols.filter((n) => n !== "shop" && n !== "gid").map((n) => `${q(n)} = excluded.${q(n)}`);
  return `INSERT INTO "LineItem" (${cols.map(q).join(", ")}, "orderId") SELECT ${select.join(", ")}, o."id" FROM "Order" o WHERE o."shop" = ${ph(d, "text")} AND o."gid" = ${ph(d, "text")} ON CONFLICT ("shop", "gid") DO UPDATE SET ${updates.join(", ")}, "orderId" = excluded."orderId"`;
});

const collectionLinkSql = memo(
  (d) =>
    `INSERT INTO "CollectionProduct" ("shop", "collectionId", "productId") SELECT ${ph(d, "text")}, c."id", p."id" FROM "Collection" c, "Product" p WHERE c."shop" = ${ph(d, "text")} AND c."gid" = ${ph(d, "text")} AND p."shop" = ${ph(d, "text")} AND p."gid" = ${ph(d, "text")} ON CONFLICT DO NOTHING`,
);

// Checkouts meet from two sources (webhook and bulk export; see mappers/checkout.ts), so each
// column is taken from the newer source, and a GID or recovery URL already known is kept when
// the newer source lacks it.
const checkoutSql = memo((d) => {
  const cols = names(CHECKOUT);
  const values = CHECKOUT.map(([, type]) => ph(d, type));
  const newer = `excluded."shopifyUpdatedAt" > "AbandonedCheckout"."shopifyUpdatedAt"`;
  const pick = (n: string) => `CASE WHEN ${newer} THEN excluded.${q(n)} ELSE "AbandonedCheckout".${q(n)} END`;
  const sticky = new Set(["gid", "customerGid", "recoveryUrl"]);
  const updates = cols
    .filter((n) => n !== "shop" && n !== "token")
    .map((n) => (sticky.has(n) ? `${q(n)} = COALESCE(${pick(n)}, excluded.${q(n)}, "AbandonedCheckout".${q(n)})` : `${q(n)} = ${pick(n)}`));
  updates.push(`"customerId" = COALESCE("AbandonedCheckout"."customerId", excluded."customerId")`);
  return `INSERT INTO "AbandonedCheckout" (${cols.map(q).join(", ")}, "customerId") VALUES (${values.join(", ")}, (SELECT c."id" FROM "Customer" c WHERE c."shop" = ${ph(d, "text")} AND c."gid" = ${ph(d, "text")})) ON CONFLICT ("shop", "token") DO UPDATE SET ${updates.join(", ")}`;
});

export function upsertCustomer(d: Dialect, shop: string, r: CustomerRow): Statement {
  const params: SqlValue[] = [
    shop,
    r.gid,
    r.email,
    r.phone,
    r.firstName,
    r.lastName,
    r.emailMarketingState,
    r.emailMarketingOptIn,
    r.emailConsentUpdatedAt,
    r.smsMarketingState,
    r.smsMarketingOptIn,
    r.smsConsentUpdatedAt,
    r.tags,
    r.countryCode,
    r.provinceCode,
    r.city,
    r.zip,
    r.address1,
    r.address2,
    r.locale,
    r.accountState,
    r.verifiedEmail,
    r.shopifyAmountSpent,
    r.shopifyNumberOfOrders,
    r.note,
    r.shopifyCreatedAt,
    r.shopifyUpdatedAt,
  ];
  return { sql: customerSql(d), params };
}

export function upsertOrder(d: Dialect, shop: string, r: OrderRow): Statement {
  const params: SqlValue[] = [
    shop,
    r.gid,
    r.name,
    r.customerGid,
    r.currency,
    r.totalPrice,
    r.subtotalPrice,
    r.totalRefunded,
    r.financialStatus,
    r.fulfillmentStatus,
    r.cancelledAt,
    r.checkoutToken,
    r.sourceName,
    r.appGid,
    r.locationGid,
    r.test,
    r.processedAt,
    r.shopifyCreatedAt,
    r.shopifyUpdatedAt,
    shop,
    r.customerGid,
  ];
  return { sql: orderSql(d), params };
}

export function upsertLineItem(d: Dialect, shop: string, r: LineItemRow): Statement {
  return { sql: lineItemSql(d), params: [shop, r.gid, r.productGid, r.variantGid, r.title, r.quantity, r.price, shop, r.orderGid] };
}

export function upsertProduct(d: Dialect, shop: string, r: ProductRow): Statement {
  return { sql: productSql(d), params: [shop, r.gid, r.title, r.handle, r.status, r.vendor, r.productType, r.tags, r.shopifyUpdatedAt] };
}

export function upsertCollection(d: Dialect, shop: string, r: CollectionRow): Statement {
  return { sql: collectionSql(d), params: [shop, r.gid, r.title, r.handle, r.kind, r.shopifyUpdatedAt] };
}

export function linkCollectionProduct(d: Dialect, shop: string, r: CollectionLinkRow): Statement {
  return { sql: collectionLinkSql(d), params: [shop, shop, r.collectionGid, shop, r.productGid] };
}

export function upsertCheckout(d: Dialect, shop: string, r: CheckoutRow): Statement {
  const params: SqlValue[] = [
    shop,
    r.token,
    r.gid,
    r.customerGid,
    r.email,
    r.phone,
    r.recoveryUrl,
    r.currency,
    r.totalPrice,
    r.shopifyCreatedAt,
    r.shopifyUpdatedAt,
    r.completedAt,
    shop,
    r.customerGid,
  ];
  return { sql: checkoutSql(d), params };
}
