// orders/create, orders/updated and orders/cancelled for a run of consecutive events, set-based:
// the same outcome as applyOrderUpsert (apply-orders.server.ts) event after event, in a handful
// of statements per few hundred orders instead of about ten per event.
// - Coalesced per order: the event with the newest `updated_at` wins (the first of equals, as
//   the per-event monotonic upsert keeps the first), and the upsert still changes a stored row
//   only when the event is newer than it.
// - Line items are rewritten only for orders the upsert changed (RETURNING names them), lines a
//   newer version dropped are deleted, and a line seen in several orders goes to the last.
// - The customers of changed orders, before and after, get their facts recomputed; an order
//   stored before its customer is linked by the customer's applier, as before.
import type { DbTx } from "~/db/db.server";
import type { Json } from "~/shopify/mappers/fields";
import type { LineItemRow, OrderRow } from "~/shopify/mappers/order";
import type { Dialect, SqlValue } from "~/db/sql-runner.server";
import { upsertOrder } from "~/shopify/sync/upserts";
import { multiRowInsert, placeholders, plainStatement, rowsPerStatement, type BoundStatement } from "./apply-batch-sql";
import type { Affected } from "./context";
import { mapOrderPayload } from "./payload-mappers";

export interface BatchContext {
  tx: DbTx;
  shop: string;
  dialect: Dialect;
}

interface MappedOrder {
  order: OrderRow;
  lineItems: LineItemRow[];
  /** Position of the winning event in the run (later lines win a line item shared by orders). */
  seq: number;
}

/** Orders per round of statements, and their line items (bound again in the delete of dropped lines). */
const ORDER_CHUNK = 500;
const LINE_CHUNK = 20_000;

const LINE_ITEM_SQL = (d: Dialect) => {
  const c = (type: string) => (d === "postgres" ? `CAST(? AS ${type})` : "?");
  return (
    `INSERT INTO "LineItem" ("shop", "gid", "productGid", "variantGid", "title", "quantity", "price", "orderId") ` +
    `VALUES (${c("text")}, ${c("text")}, ${c("text")}, ${c("text")}, ${c("text")}, ${c("integer")}, ${c("bigint")}, ${c("integer")}) ` +
    `ON CONFLICT ("shop", "gid") DO UPDATE SET "productGid" = excluded."productGid", "variantGid" = excluded."variantGid", ` +
    `"title" = excluded."title", "quantity" = excluded."quantity", "price" = excluded."price", "orderId" = excluded."orderId"`
  );
};

async function exec(ctx: BatchContext, s: BoundStatement): Promise<number> {
  return ctx.tx.$executeRawUnsafe(s.sql, ...s.params);
}

async function query<T>(ctx: BatchContext, s: BoundStatement): Promise<T[]> {
  return ctx.tx.$queryRawUnsafe<T[]>(s.sql, ...s.params);
}

/** Per order GID, the version the run ends with (throws on a bad payload: the caller retries row by row). */
export function coalesceOrders(payloads: readonly Json[]): MappedOrder[] {
  const byGid = new Map<string, MappedOrder>();
  payloads.forEach((payload, seq) => {
    const { order, lineItems } = mapOrderPayload(payload);
    const held = byGid.get(order.gid);
    if (!held || held.order.shopifyUpdatedAt < order.shopifyUpdatedAt) byGid.set(order.gid, { order, lineItems, seq });
  });
  return [...byGid.values()].sort((a, b) => a.seq - b.seq);
}

/** Applies a run of order upsert events (in Shopify-timestamp order) and adds the customers they touched. */
export async function applyOrderUpsertRun(ctx: BatchContext, payloads: readonly Json[], affected: Affected): Promise<void> {
  let chunk: MappedOrder[] = [];
  let lines = 0;
  for (const order of coalesceOrders(payloads)) {
    if (chunk.length > 0 && (chunk.length >= ORDER_CHUNK || lines + order.lineItems.length > LINE_CHUNK)) {
      await applyChunk(ctx, chunk, affected);
      chunk = [];
      lines = 0;
    }
    chunk.push(order);
    lines += order.lineItems.length;
  }
  if (chunk.length > 0) await applyChunk(ctx, chunk, affected);
}

async function applyChunk(ctx: BatchContext, orders: readonly MappedOrder[], affected: Affected): Promise<void> {
  const { shop, dialect } = ctx;
  const gids = orders.map((o) => o.order.gid);
  const before = await query<{ gid: string; customerId: number | bigint | null }>(
    ctx,
    plainStatement(dialect, `SELECT "gid", "customerId" FROM "Order" WHERE "shop" = ? AND "gid" IN (${placeholders(gids.length)})`, [
      shop,
      ...gids,
    ]),
  );
  const customerBefore = new Map(before.map((r) => [r.gid, r.customerId === null ? null : Number(r.customerId)]));

  const statement = upsertOrder(dialect, shop, orders[0]?.order as OrderRow).sql;
  const changed = await query<{ id: number | bigint; gid: string; customerId: number | bigint | null }>(
    ctx,
    multiRowInsert(
      dialect,
      statement,
      orders.map((o) => upsertOrder(dialect, shop, o.order).params),
      ` RETURNING "id", "gid", "customerId"`,
    ),
  );
  if (changed.length === 0) return;
  const idOf = new Map(changed.map((r) => [r.gid, Number(r.id)]));
  for (const r of changed) {
    const was = customerBefore.get(r.gid);
    if (was) affected.add(was);
    if (r.customerId !== null) affected.add(Number(r.customerId));
  }

  // Lines of the changed orders; a line GID met twice goes to the later order.
  const lines = new Map<string, SqlValue[]>();
  for (const o of orders) {
    const orderId = idOf.get(o.order.gid);
    if (orderId === undefined) continue;
    for (const l of o.lineItems) {
      lines.delete(l.gid);
      lines.set(l.gid, [shop, l.gid, l.productGid, l.variantGid, l.title, l.quantity, l.price, orderId]);
    }
  }
  const lineRows = [...lines.values()];
  const perStatement = rowsPerStatement(8);
  for (let i = 0; i < lineRows.length; i += perStatement)
    await exec(ctx, multiRowInsert(dialect, LINE_ITEM_SQL(dialect), lineRows.slice(i, i + perStatement)));
  // An order edit can remove lines; each changed order's payload is its whole current state.
  const orderIds = [...idOf.values()];
  const kept = [...lines.keys()];
  const keptClause = kept.length === 0 ? "" : ` AND "gid" NOT IN (${placeholders(kept.length)})`;
  await exec(
    ctx,
    plainStatement(dialect, `DELETE FROM "LineItem" WHERE "shop" = ? AND "orderId" IN (${placeholders(orderIds.length)})${keptClause}`, [
      shop,
      ...orderIds,
      ...kept,
    ]),
  );

  await linkRecoveries(
    ctx,
    orders.filter((o) => idOf.has(o.order.gid)).flatMap((o) => (o.order.checkoutToken ? [o.order.checkoutToken] : [])),
  );
}

/** A recovered checkout's order carries the checkout's token: the first such order recovers it. */
async function linkRecoveries(ctx: BatchContext, tokens: readonly string[]): Promise<void> {
  const unique = [...new Set(tokens)];
  if (unique.length === 0) return;
  const first = `(SELECT MIN(o."id") FROM "Order" o WHERE o."shop" = ? AND o."checkoutToken" = "AbandonedCheckout"."token")`;
  await exec(
    ctx,
    plainStatement(
      ctx.dialect,
      `UPDATE "AbandonedCheckout" SET "recoveredOrderId" = ${first} WHERE "shop" = ? AND "token" IN (${placeholders(unique.length)}) ` +
        `AND "recoveredOrderId" IS NULL AND "completedAt" IS NOT NULL AND ${first} IS NOT NULL`,
      [ctx.shop, ctx.shop, ...unique, ctx.shop],
    ),
  );
}
