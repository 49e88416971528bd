/**
 * Re-reads given customers' facts into a sink (the index's incremental path, after webhooks
 * changed them): the full build's queries (facts-bulk-load.server.ts) restricted to an id list,
 * as raw statements through Prisma, so rows arrive as plain values instead of model objects
 * (the model API's per-row cost was most of a membership refresh). Every statement binds the
 * shop, so it cannot leave it. Same rules as loadFacts: purchases and orders from orders that
 * are neither deleted nor test orders, lines of unknown products left out.
 */
import type { Db } from "~/db/db.server";
import { dbDialect } from "~/db/dialect.server";
import { cityKey, emailDomainOf, optionalShopifyId, regionKey } from "../engine/facts";
import { splitTags, type FactsSink, type ShopInfo } from "./facts-loader.server";

/** Ids per round: three lists of them stay far below SQLite's bound-parameter limit. */
const ID_BATCH = 900;

type Row = Record<string, unknown>;
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const optNum = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function statements(pg: boolean, ids: number) {
  const epoch = (column: string) => (pg ? `FLOOR(EXTRACT(EPOCH FROM ${column}))::bigint` : `CAST(strftime('%s', ${column}) AS INTEGER)`);
  const list = Array.from({ length: ids }, () => "?").join(", ");
  // SQLite's unary + keeps the planner on the customer-id indexes rather than the shop's.
  const shop = (column: string) => `${pg ? "" : "+"}${column} = ?`;
  const notTest = pg ? "false" : "0";
  return {
    customers: `SELECT c."id" AS "id", c."email" AS "email", c."tags" AS "tags", c."countryCode" AS "country", c."provinceCode" AS "province", c."city" AS "city",
      c."locale" AS "locale", c."accountState" AS "accountState", c."emailMarketingState" AS "emailState", c."smsMarketingState" AS "smsState",
      ${epoch('c."shopifyCreatedAt"')} AS "createdAt", CASE WHEN c."deletedAt" IS NULL AND c."redactedAt" IS NULL THEN 0 ELSE 1 END AS "gone",
      f."amountSpent" AS "amountSpent", f."orderCount" AS "orderCount", ${epoch('f."firstOrderAt"')} AS "firstAt", ${epoch('f."lastOrderAt"')} AS "lastAt",
      f."averageOrderValue" AS "average", ${epoch('f."lastAbandonedAt"')} AS "abandonedAt"
      FROM "Customer" c LEFT JOIN "CustomerFacts" f ON f."customerId" = c."id" WHERE c."id" IN (${list}) AND ${shop('c."shop"')} ORDER BY c."id"`,
    purchases: `SELECT o."customerId" AS "customerId", li."productGid" AS "productGid", li."orderId" AS "orderId", ${epoch('o."processedAt"')} AS "at", li."quantity" AS "quantity"
      FROM "Order" o JOIN "LineItem" li ON li."orderId" = o."id"
      WHERE o."customerId" IN (${list}) AND ${shop('o."shop"')} AND li."productGid" IS NOT NULL AND o."deletedAt" IS NULL AND o."test" = ${notTest}`,
    orders: `SELECT "customerId" AS "customerId", ${epoch('"processedAt"')} AS "at", "totalPrice" AS "total", "totalRefunded" AS "refunded",
      CASE WHEN "cancelledAt" IS NULL THEN 0 ELSE 1 END AS "cancelled", "appGid" AS "appGid", "locationGid" AS "locationGid"
      FROM "Order" WHERE "customerId" IN (${list}) AND ${shop('"shop"')} AND "deletedAt" IS NULL AND "test" = ${notTest}`,
    checkouts: `SELECT "customerId" AS "customerId", ${epoch('"shopifyCreatedAt"')} AS "at", "totalPrice" AS "total",
      CASE WHEN "completedAt" IS NULL AND "recoveredOrderId" IS NULL THEN 0 ELSE 1 END AS "recovered"
      FROM "AbandonedCheckout" WHERE "customerId" IN (${list}) AND ${shop('"shop"')} AND "deletedAt" IS NULL`,
    messages: `SELECT "customerId" AS "customerId", "channel" AS "channel", "kind" AS "kind", "campaignId" AS "campaignId", ${epoch('"at"')} AS "at"
      FROM "MessageEvent" WHERE "customerId" IN (${list}) AND ${shop('"shop"')}`,
    memberships: `SELECT "customerId" AS "customerId", "segmentId" AS "segmentId" FROM "SegmentMembership" WHERE "customerId" IN (${list}) AND ${shop('"shop"')}`,
  };
}

/** Streams these customers of the shop (ids ascending) and their rows into `sink`. */
export async function rereadFacts(
  db: Db,
  shop: string,
  info: ShopInfo,
  sink: FactsSink,
  customerIds: readonly number[],
  withOrders: boolean,
  /** False when the caller's stored memberships are known to be the database's (no read needed). */
  withMemberships = true,
): Promise<void> {
  const pg = dbDialect(db) === "postgres";
  const sorted = [...new Set(customerIds)].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; i += ID_BATCH) {
    const ids = sorted.slice(i, i + ID_BATCH);
    const sql = statements(pg, ids.length);
    const run = async (text: string): Promise<Row[]> => {
      let n = 0;
      return db.$queryRawUnsafe<Row[]>(pg ? text.replace(/\?/g, () => `$${++n}`) : text, ...ids, shop);
    };
    const positions = new Map<number, number>();
    for (const r of await run(sql.customers)) {
      const orderCount = num(r.orderCount);
      const country = str(r.country);
      const province = str(r.province);
      const id = num(r.id);
      positions.set(
        id,
        sink.customer(
          {
            id,
            amountSpent: num(r.amountSpent),
            orderCount,
            averageOrderValue: orderCount === 0 ? null : num(r.average),
            createdAt: num(r.createdAt),
            firstOrderAt: optNum(r.firstAt),
            lastOrderAt: optNum(r.lastAt),
            lastAbandonedAt: optNum(r.abandonedAt),
            accountState: String(r.accountState),
            emailState: String(r.emailState),
            smsState: String(r.smsState),
            emailDomain: emailDomainOf(str(r.email)),
            language: str(r.locale),
            country,
            region: regionKey(country, province),
            city: cityKey(country, province, str(r.city)),
          },
          splitTags(String(r.tags ?? "")),
          num(r.gone) === 1,
        ),
      );
    }
    if (positions.size === 0) continue;
    const at = (r: Row) => positions.get(num(r.customerId));
    for (const r of await run(sql.purchases)) {
      const p = at(r);
      const product = info.productsByGid.get(String(r.productGid));
      if (p !== undefined && product !== undefined)
        sink.purchaseLine(p, { product, order: num(r.orderId), at: num(r.at), quantity: num(r.quantity) });
    }
    if (withOrders) {
      for (const r of await run(sql.orders)) {
        const p = at(r);
        if (p !== undefined)
          sink.order(p, {
            at: num(r.at),
            amount: num(r.cancelled) === 1 ? 0 : num(r.total) - num(r.refunded),
            app: optionalShopifyId(str(r.appGid)),
            location: optionalShopifyId(str(r.locationGid)),
          });
      }
    }
    for (const r of await run(sql.checkouts)) {
      const p = at(r);
      if (p !== undefined) sink.checkout(p, { at: num(r.at), amount: num(r.total), recovered: num(r.recovered) === 1 });
    }
    for (const r of await run(sql.messages)) {
      const p = at(r);
      if (p !== undefined)
        sink.message(p, { channel: String(r.channel).toLowerCase(), event: String(r.kind), campaignId: str(r.campaignId), at: num(r.at) });
    }
    if (!withMemberships) continue;
    for (const r of await run(sql.memberships)) {
      const p = at(r);
      if (p !== undefined) sink.membership(p, String(r.segmentId));
    }
  }
}
