/**
 * Reads a shop's customer facts from the database, in customer-id batches, into a
 * sink: the columns builder for a full build, or plain records for the customers
 * that changed. Every query goes through `forShop`, so it cannot leave the shop.
 */
import { segmentEventOf } from "~/messaging/event-kinds";
import type { Db } from "~/db/db.server";
import { dbDialect } from "~/db/dialect.server";
import { dialectSql } from "~/db/sql-runner.server";
import { forShop } from "~/db/shop-scope.server";
import type { CustomerScalars } from "../engine/columns-builder";
import {
  cityKey,
  emailDomainOf,
  optionalShopifyId,
  regionKey,
  shopifyIdOf,
  type CheckoutFact,
  type MessageFact,
  type OrderFact,
  type PurchaseLineFact,
  type ShopCatalog,
} from "../engine/facts";

export interface FactsSink {
  /** Returns the position given to the customer. */
  customer(c: CustomerScalars, tags: string[], deleted: boolean): number;
  /** A line item of one of the customer's orders (the sink adds up lines of one order and product). */
  purchaseLine(position: number, line: PurchaseLineFact): void;
  order(position: number, o: OrderFact): void;
  checkout(position: number, k: CheckoutFact): void;
  message(position: number, m: MessageFact): void;
  membership(position: number, segmentId: string): void;
}

export interface ShopInfo {
  catalog: ShopCatalog;
  /** Product GID → dense product id. */
  productsByGid: Map<string, number>;
}

const BATCH = 20_000;
// An explicit id list is bound as parameters: Prisma's SQLite adapter refuses statements with
// more than 999 of them, so re-reads of given customers go in smaller batches.
const ID_LIST_BATCH = 900;
const seconds = (d: Date | null | undefined): number | null => (d ? Math.floor(d.getTime() / 1000) : null);

/** The shop's time zone, currency and catalog (products and collections as they are now). */
export async function loadShopInfo(root: Db, shop: string): Promise<ShopInfo> {
  const db = forShop(root, shop);
  const row = await root.shop.findUnique({ where: { shop }, select: { ianaTimezone: true, currency: true } });
  const currency = row?.currency ?? "USD";
  // Deleted products stay (customers did buy them), so dense product ids never shift.
  const products = await db.product.findMany({ select: { id: true, gid: true, tags: true, productType: true }, orderBy: { id: "asc" } });
  const productPositions = new Map(products.map((p, i) => [p.id, i]));
  const productsByGid = new Map(products.map((p, i) => [p.gid, i]));
  const links = await db.collectionProduct.findMany({
    select: { productId: true, collection: { select: { gid: true, deletedAt: true } } },
  });
  const collections = new Map<string, number[]>();
  for (const link of links) {
    if (link.collection.deletedAt) continue;
    const position = productPositions.get(link.productId);
    const id = shopifyIdOf(link.collection.gid);
    const list = collections.get(id) ?? [];
    if (position !== undefined) list.push(position);
    collections.set(id, list);
  }
  return {
    productsByGid,
    catalog: {
      timeZone: row?.ianaTimezone ?? "UTC",
      currencyDigits: new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2,
      products: products.map((p) => ({ shopifyId: shopifyIdOf(p.gid), tags: splitTags(p.tags), category: p.productType || null })),
      collections,
    },
  };
}

/** Changes whenever products, collections or collection memberships change. */
export async function catalogStamp(root: Db, shop: string): Promise<string> {
  return (await catchUpProbe(root, shop)).catalogStamp;
}

export interface CatchUpProbe {
  catalogStamp: string;
  /** Some facts row of the shop is past this version (false when no watermark was given). */
  factsChanged: boolean;
  /** Some message event of a customer of the shop is past this id (false when no watermark was given). */
  messagesChanged: boolean;
}

/**
 * What every catch-up (every editor request) asks first, in one raw statement: the catalog
 * stamp and whether any facts version or message event lies past the watermark, so the
 * usual request, where nothing changed, does not run the reads that would return nothing.
 * (Through the model API these were five queries and ~15–25 ms of a request under load.)
 * The EXISTS reads walk the (shop, version) index and the MessageEvent key from the watermark.
 */
export async function catchUpProbe(root: Db, shop: string, watermark?: { factsVersion: bigint; messageId: number }): Promise<CatchUpProbe> {
  const where = (table: string) => `FROM "${table}" WHERE "shop" = ?`;
  const wm = watermark ?? { factsVersion: -1n, messageId: -1 };
  const sql = `SELECT (SELECT COUNT(*) ${where("Product")}) AS "products", (SELECT MAX("shopifyUpdatedAt") ${where("Product")}) AS "productsAt",
    (SELECT COUNT(*) ${where("Collection")}) AS "collections", (SELECT MAX("shopifyUpdatedAt") ${where("Collection")}) AS "collectionsAt",
    (SELECT COUNT(*) ${where("CollectionProduct")}) AS "links",
    EXISTS (SELECT 1 ${where("CustomerFacts")} AND "version" > ?) AS "facts",
    EXISTS (SELECT 1 ${where("MessageEvent")} AND "id" > ? AND "customerId" IS NOT NULL) AS "messages"`;
  const [row] = await root.$queryRawUnsafe<Record<string, unknown>[]>(
    dialectSql(dbDialect(root), sql),
    // Five catalog subqueries, then the facts and message checks, in the statement's order.
    shop,
    shop,
    shop,
    shop,
    shop,
    shop,
    wm.factsVersion,
    shop,
    wm.messageId,
  );
  if (!row) throw new Error(`catch-up probe of ${shop} returned no row`);
  const at = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string | Date));
  return {
    // The same text as the model API's aggregates gave (snapshots store it).
    catalogStamp: JSON.stringify([
      Number(row.products),
      at(row.productsAt),
      Number(row.collections),
      at(row.collectionsAt),
      Number(row.links),
    ]),
    factsChanged: watermark !== undefined && Number(row.facts) === 1,
    messagesChanged: watermark !== undefined && Number(row.messages) === 1,
  };
}

export function splitTags(tags: string): string[] {
  return tags
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}

export interface LoadOptions {
  /** Only these customers (incremental); all of the shop's when absent. */
  customerIds?: readonly number[];
  /** Per-order rows for `orders_placed`; loaded only when a rule needs them. */
  withOrders: boolean;
}

/** Streams the shop's customers and their rows into `sink`, in ascending customer id. */
export async function loadFacts(root: Db, shop: string, info: ShopInfo, sink: FactsSink, options: LoadOptions): Promise<void> {
  const db = forShop(root, shop);
  let cursor = 0;
  const only = options.customerIds ? [...options.customerIds].sort((a, b) => a - b) : undefined;
  const size = only ? ID_LIST_BATCH : BATCH;
  for (let batchNo = 0; ; batchNo++) {
    const idFilter = only ? { id: { in: only.slice(batchNo * size, (batchNo + 1) * size) } } : { id: { gt: cursor } };
    if (only && batchNo * size >= only.length) return;
    const customers = await db.customer.findMany({
      where: idFilter,
      orderBy: { id: "asc" },
      take: size,
      select: {
        id: true,
        email: true,
        tags: true,
        countryCode: true,
        provinceCode: true,
        city: true,
        locale: true,
        accountState: true,
        emailMarketingState: true,
        smsMarketingState: true,
        shopifyCreatedAt: true,
        deletedAt: true,
        redactedAt: true,
        facts: {
          select: {
            amountSpent: true,
            orderCount: true,
            firstOrderAt: true,
            lastOrderAt: true,
            averageOrderValue: true,
            lastAbandonedAt: true,
          },
        },
      },
    });
    if (customers.length === 0) return;
    const positions = new Map<number, number>();
    for (const c of customers) {
      const f = c.facts;
      const orderCount = f?.orderCount ?? 0;
      positions.set(
        c.id,
        sink.customer(
          {
            id: c.id,
            amountSpent: Number(f?.amountSpent ?? 0),
            orderCount,
            averageOrderValue: orderCount === 0 ? null : Number(f?.averageOrderValue ?? 0),
            createdAt: seconds(c.shopifyCreatedAt) ?? 0,
            firstOrderAt: seconds(f?.firstOrderAt),
            lastOrderAt: seconds(f?.lastOrderAt),
            lastAbandonedAt: seconds(f?.lastAbandonedAt),
            accountState: c.accountState,
            emailState: c.emailMarketingState,
            smsState: c.smsMarketingState,
            emailDomain: emailDomainOf(c.email),
            language: c.locale,
            country: c.countryCode,
            region: regionKey(c.countryCode, c.provinceCode),
            city: cityKey(c.countryCode, c.provinceCode, c.city),
          },
          splitTags(c.tags),
          c.deletedAt !== null || c.redactedAt !== null,
        ),
      ); // a redacted customer is a tombstone, in no segment
    }
    const first = customers[0]?.id ?? 0;
    const last = customers[customers.length - 1]?.id ?? 0;
    cursor = last;
    const range = only ? { in: customers.map((c) => c.id) } : { gte: first, lte: last };
    await loadChildren(db, info, range, positions, sink, options.withOrders);
    if (!only && customers.length < BATCH) return;
  }
}

type IdRange = { gte: number; lte: number } | { in: number[] };

async function loadChildren(
  db: Db,
  info: ShopInfo,
  range: IdRange,
  positions: Map<number, number>,
  sink: FactsSink,
  withOrders: boolean,
): Promise<void> {
  const at = (id: number | null): number | undefined => (id === null ? undefined : positions.get(id));
  // Purchases come from the line items of the customer's orders that are neither deleted nor
  // test orders; lines of unknown products are left out.
  const orders = await db.order.findMany({
    where: { customerId: range, deletedAt: null },
    select: {
      id: true,
      customerId: true,
      processedAt: true,
      test: true,
      totalPrice: true,
      totalRefunded: true,
      cancelledAt: true,
      appGid: true,
      locationGid: true,
    },
  });
  // Lines through a relation filter (a subquery), not a list of order ids: batches can hold
  // more orders than SQLite takes bound parameters.
  const lines = await db.lineItem.findMany({
    where: { order: { customerId: range, deletedAt: null }, productGid: { not: null } },
    select: { orderId: true, productGid: true, quantity: true },
  });
  const byId = new Map(orders.map((o) => [o.id, o]));
  for (const line of lines) {
    const o = byId.get(line.orderId);
    const position = o ? at(o.customerId) : undefined;
    const product = line.productGid === null ? undefined : info.productsByGid.get(line.productGid);
    if (o && !o.test && position !== undefined && product !== undefined)
      sink.purchaseLine(position, { product, order: o.id, at: seconds(o.processedAt) ?? 0, quantity: line.quantity });
  }
  for (const o of orders) {
    const position = at(o.customerId);
    // As in customer facts: a cancelled order counts as an order but adds nothing to the amount.
    if (withOrders && !o.test && position !== undefined) {
      sink.order(position, {
        at: seconds(o.processedAt) ?? 0,
        amount: o.cancelledAt ? 0 : Number(o.totalPrice - o.totalRefunded),
        app: optionalShopifyId(o.appGid),
        location: optionalShopifyId(o.locationGid),
      });
    }
  }
  const checkouts = await db.abandonedCheckout.findMany({
    where: { customerId: range, deletedAt: null },
    select: { customerId: true, shopifyCreatedAt: true, totalPrice: true, completedAt: true, recoveredOrderId: true },
  });
  for (const k of checkouts) {
    const position = at(k.customerId);
    if (position === undefined) continue;
    sink.checkout(position, {
      at: seconds(k.shopifyCreatedAt) ?? 0,
      amount: Number(k.totalPrice),
      recovered: k.completedAt !== null || k.recoveredOrderId !== null,
    });
  }
  const messages = await db.messageEvent.findMany({
    where: { customerId: range },
    select: { customerId: true, channel: true, kind: true, campaignId: true, at: true },
  });
  for (const m of messages) {
    const position = at(m.customerId);
    const event = segmentEventOf(m.kind);
    if (position === undefined || event === null) continue;
    sink.message(position, { channel: m.channel.toLowerCase(), event, campaignId: m.campaignId, at: seconds(m.at) ?? 0 });
  }
  const memberships = await db.segmentMembership.findMany({ where: { customerId: range }, select: { customerId: true, segmentId: true } });
  for (const m of memberships) {
    const position = at(m.customerId);
    if (position !== undefined) sink.membership(position, m.segmentId);
  }
}
