/**
 * One run of attribution for a shop: batches of orders (thousands per batch, three statements
 * each: the orders, every touch of their customers, the inserts), the choice made by the pure
 * `chooseTouch`, so the job and the tests share one rule.
 *
 * Which orders a run reads:
 * - New orders: ids above the shop's cursor, up to the highest id when the run starts. The
 *   cursor moves forward after each batch, never back, so a crash repeats at most one batch.
 * - Late orders: orders at or below the cursor, placed within the longest window before now,
 *   still unattributed, whose customer has a touch recent enough to qualify. This is how an
 *   order whose customer was linked after the fact (the order webhook came before
 *   customers/create) or whose touch was reported late (a delivery receipt or an open arriving
 *   after the order) is still attributed. An order whose customer is linked only after that
 *   longer than the longest window is not revisited.
 *
 * Decisions:
 * - Test orders and deleted orders are never attributed; orders without a customer cannot be.
 * - Cancelled orders are attributed like any other (the message did bring the order); the totals
 *   report them apart and leave them out of revenue (totals.server.ts).
 * - Revenue is the order's total in shop money as stored (Order.totalPrice, minor units, with
 *   Order.currency, the shop's currency when the order was placed), never presentment money.
 * - An order is attributed once: whoever inserts first wins (ON CONFLICT DO NOTHING), and a
 *   touch reported after that does not move the attribution.
 */
import type { Db } from "~/db/db.server";
import { dbDialect } from "~/db/dialect.server";
import { chooseTouch, longestWindowHours, type AttributionWindows } from "./attribute";
import {
  advanceCursor,
  insertAttributions,
  maxOrderId,
  readCursor,
  readOrderBatch,
  readTouches,
  readWindows,
  type Attribution,
  type OrderToAttribute,
  type StoredTouch,
} from "./attribution-store.server";

const HOUR_MS = 3_600_000;

export interface AttributeShopOptions {
  /** Orders per batch. */
  batchSize: number;
  /** Stops between batches when aborted (the job gave up); the cursor keeps what was done. */
  signal?: AbortSignal;
}

export interface AttributeShopReport {
  /** Orders read (new and late). */
  scanned: number;
  /** Attribution rows this run inserted. */
  attributed: number;
  windows: AttributionWindows;
}

const DEFAULT_OPTIONS: AttributeShopOptions = { batchSize: 2_000 };

/** Chooses a touch for each order of the batch from one read of their customers' touches. */
async function attributeBatch(
  db: Db,
  shop: string,
  orders: readonly OrderToAttribute[],
  windows: AttributionWindows,
  now: Date,
): Promise<number> {
  const first = orders[0];
  const last = orders[orders.length - 1];
  if (!first || !last) return 0;
  let earliest = first.placedAt.getTime();
  let latest = earliest;
  for (const o of orders) {
    earliest = Math.min(earliest, o.placedAt.getTime());
    latest = Math.max(latest, o.placedAt.getTime());
  }
  const dialect = dbDialect(db);
  const from = new Date(earliest - longestWindowHours(windows) * HOUR_MS);
  const touches = await readTouches(db, dialect, shop, { firstOrderId: first.id, lastOrderId: last.id }, from, new Date(latest));
  const byCustomer = new Map<number, StoredTouch[]>();
  for (const t of touches) {
    const list = byCustomer.get(t.customerId);
    if (list) list.push(t);
    else byCustomer.set(t.customerId, [t]);
  }
  const chosen: Attribution[] = [];
  for (const order of orders) {
    const touch = chooseTouch(order.placedAt, byCustomer.get(order.customerId) ?? [], windows);
    if (touch) chosen.push({ order, touch });
  }
  return insertAttributions(db, dialect, shop, chosen, now);
}

/**
 * Attributes the shop's new and late orders (see the file comment). Idempotent: running it
 * twice, or in two workers at once, leaves one row per order.
 */
export async function attributeShop(
  db: Db,
  shop: string,
  now: Date,
  options: Partial<AttributeShopOptions> = {},
): Promise<AttributeShopReport> {
  const { batchSize, signal } = { ...DEFAULT_OPTIONS, ...options };
  const dialect = dbDialect(db);
  const windows = await readWindows(db, shop);
  const cursor = await readCursor(db, shop);
  const horizon = await maxOrderId(db, shop);
  let scanned = 0;
  let attributed = 0;

  // Late orders first, below the cursor as it was: the new ones are read next anyway.
  const longestMs = longestWindowHours(windows) * HOUR_MS;
  const late = { placedSince: new Date(now.getTime() - longestMs), touchesSince: new Date(now.getTime() - 2 * longestMs) };
  for (let after = 0; after < cursor && !signal?.aborted;) {
    const orders = await readOrderBatch(db, dialect, shop, { afterId: after, throughId: cursor, limit: batchSize, late });
    scanned += orders.length;
    attributed += await attributeBatch(db, shop, orders, windows, now);
    const last = orders[orders.length - 1];
    if (!last || orders.length < batchSize) break;
    after = last.id;
  }

  for (let after = cursor; after < horizon && !signal?.aborted;) {
    const orders = await readOrderBatch(db, dialect, shop, { afterId: after, throughId: horizon, limit: batchSize });
    scanned += orders.length;
    attributed += await attributeBatch(db, shop, orders, windows, now);
    // A short batch means every order up to the horizon was read (the rest were filtered out).
    const last = orders[orders.length - 1];
    after = last && orders.length === batchSize ? last.id : horizon;
    await advanceCursor(db, dialect, shop, after, now);
  }
  return { scanned, attributed, windows };
}
