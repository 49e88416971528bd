/**
 * The attribution job's SQL: set-based reads of a batch of orders and of every touch of their
 * customers, the idempotent insert of the chosen attributions, and the per-shop cursor. Raw
 * SQL because the reads need NOT EXISTS and semi-joins Prisma's API cannot express without a
 * read-back per order; every value is a bound parameter and the text is built only from
 * constant names. Runs on SQLite and PostgreSQL alike.
 */
import type { Db } from "~/db/db.server";
import { sqliteParam, toPgPlaceholders, type Dialect, type SqlValue } from "~/db/sql-runner.server";
import {
  AttributionWindows,
  DEFAULT_ATTRIBUTION_WINDOWS,
  TOUCH_EVENT_KINDS,
  touchKindOf,
  type Touch,
  type TouchChannel,
} from "./attribute";

export interface OrderToAttribute {
  id: number;
  customerId: number;
  /** When the customer placed it (Order.processedAt, as customer facts and segments use). */
  placedAt: Date;
  /** Order.totalPrice: shop money, minor units of `currency` (app/shopify/mappers/money.ts). */
  totalPrice: bigint;
  /** Order.currency: the shop's currency when the order was placed (REST `currency`, GraphQL `currencyCode`). */
  currency: string;
}

export interface StoredTouch extends Touch {
  customerId: number;
  campaignId: string | null;
  automationRunId: string | null;
}

export interface Attribution {
  order: OrderToAttribute;
  touch: StoredTouch;
}

// Prisma refuses statements with more bound parameters than SQLite's historical limit of 999.
const MAX_PARAMS = 990;

/** A statement for the dialect: `?` placeholders become `$n` on PostgreSQL, values their wire form. */
function statement(dialect: Dialect, sql: string, params: readonly SqlValue[]): [string, ...unknown[]] {
  const wire = params.map((v) =>
    dialect === "sqlite" ? sqliteParam(v) : v instanceof Date ? v.toISOString() : typeof v === "bigint" ? v.toString() : v,
  );
  return [dialect === "postgres" ? toPgPlaceholders(sql) : sql, ...wire];
}

/** A typed placeholder: PostgreSQL cannot infer the type of a bare parameter in VALUES or comparisons with text. */
const cast = (dialect: Dialect, type: "timestamp" | "integer" | "bigint" | "channel") => {
  if (dialect === "sqlite") return "?";
  return {
    timestamp: "CAST(? AS timestamp(3))",
    integer: "CAST(? AS integer)",
    bigint: "CAST(? AS bigint)",
    channel: `CAST(? AS "Channel")`,
  }[type];
};

/**
 * Order reads go by id range. SQLite's planner would otherwise lead with an index on `shop` and
 * filter every order of the shop by id, once per batch; the unary + keeps it on the primary key.
 * (The late pass keeps (shop, processedAt): its id range is every order below the cursor.)
 */
const byIdRange = (dialect: Dialect) => (dialect === "sqlite" ? `+o.` : `o.`);

const toDate = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)));
const kindList = TOUCH_EVENT_KINDS.map(() => "?").join(", ");

/** The shop's windows (SendingRules; no row means the defaults). Stored nonsense is an error naming the shop. */
export async function readWindows(db: Db, shop: string): Promise<AttributionWindows> {
  const row = await db.sendingRules.findUnique({
    where: { shop },
    select: { attributionClickHours: true, attributionDeliveryHours: true },
  });
  if (!row) return DEFAULT_ATTRIBUTION_WINDOWS;
  const parsed = AttributionWindows.safeParse({ clickHours: row.attributionClickHours, deliveryHours: row.attributionDeliveryHours });
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`SendingRules of ${shop} has unusable attribution windows (${fields})`);
  }
  return parsed.data;
}

export async function readCursor(db: Db, shop: string): Promise<number> {
  return (await db.attributionCursor.findUnique({ where: { shop }, select: { lastOrderId: true } }))?.lastOrderId ?? 0;
}

/** Moves the cursor forward to `orderId`; never back (another worker may be further already). */
export async function advanceCursor(db: Db, dialect: Dialect, shop: string, orderId: number, now: Date): Promise<void> {
  const sql = `INSERT INTO "AttributionCursor" ("shop", "lastOrderId", "updatedAt") VALUES (?, ${cast(dialect, "integer")}, ${cast(dialect, "timestamp")})
    ON CONFLICT ("shop") DO UPDATE SET "lastOrderId" = excluded."lastOrderId", "updatedAt" = excluded."updatedAt"
    WHERE excluded."lastOrderId" > "AttributionCursor"."lastOrderId"`;
  await db.$executeRawUnsafe(...statement(dialect, sql, [shop, orderId, now]));
}

/** The shop's highest order id now: the horizon of one run (orders stored later wait for the next). */
export async function maxOrderId(db: Db, shop: string): Promise<number> {
  return (await db.order.aggregate({ where: { shop }, _max: { id: true } }))._max.id ?? 0;
}

/** Whether the shop has any touch at or after `since` (the job keeps itself scheduled while it does). */
export async function hasTouchesSince(db: Db, dialect: Dialect, shop: string, since: Date): Promise<boolean> {
  const sql = `SELECT 1 AS "one" FROM "MessageEvent" me WHERE me."shop" = ? AND me."kind" IN (${kindList}) AND me."at" >= ${cast(dialect, "timestamp")} LIMIT 1`;
  const rows = await db.$queryRawUnsafe<unknown[]>(...statement(dialect, sql, [shop, ...TOUCH_EVENT_KINDS, since]));
  return rows.length > 0;
}

export interface OrderBatchQuery {
  /** Orders with a greater id … */
  afterId: number;
  /** … and at most this id. */
  throughId: number;
  limit: number;
  /**
   * The late pass: only orders placed at or after this, whose customer has a touch at or after
   * `touchesSince` (a semi-join, so the pass reads only the orders of touched customers).
   */
  late?: { placedSince: Date; touchesSince: Date };
}

/**
 * The next orders to attribute, by id: real (not test, not deleted) orders with a customer and
 * no attribution yet. Cancelled orders are included (see attribute-shop.server.ts).
 */
export async function readOrderBatch(db: Db, dialect: Dialect, shop: string, q: OrderBatchQuery): Promise<OrderToAttribute[]> {
  const notTest = dialect === "sqlite" ? "0" : "false";
  const late = q.late
    ? `AND o."processedAt" >= ${cast(dialect, "timestamp")} AND o."customerId" IN (
         SELECT om."customerId" FROM "MessageEvent" me JOIN "OutboxMessage" om ON om."id" = me."outboxMessageId"
         WHERE me."shop" = ? AND om."shop" = ? AND me."kind" IN (${kindList}) AND me."at" >= ${cast(dialect, "timestamp")})`
    : "";
  const sql = `SELECT o."id" AS "id", o."customerId" AS "customerId", o."processedAt" AS "placedAt", o."totalPrice" AS "totalPrice", o."currency" AS "currency"
    FROM "Order" o
    WHERE ${q.late ? "o." : byIdRange(dialect)}"shop" = ? AND o."id" > ? AND o."id" <= ? AND o."test" = ${notTest} AND o."deletedAt" IS NULL AND o."customerId" IS NOT NULL ${late}
      AND NOT EXISTS (SELECT 1 FROM "OrderAttribution" a WHERE a."shop" = o."shop" AND a."orderId" = o."id")
    ORDER BY o."id" LIMIT ?`;
  const params: SqlValue[] = [shop, q.afterId, q.throughId];
  if (q.late) params.push(q.late.placedSince, shop, shop, ...TOUCH_EVENT_KINDS, q.late.touchesSince);
  params.push(q.limit);
  const rows = await db.$queryRawUnsafe<{ id: unknown; customerId: unknown; placedAt: unknown; totalPrice: unknown; currency: string }[]>(
    ...statement(dialect, sql, params),
  );
  return rows.map((r) => ({
    id: Number(r.id),
    customerId: Number(r.customerId),
    placedAt: toDate(r.placedAt),
    totalPrice: BigInt(r.totalPrice as bigint | number | string),
    currency: r.currency,
  }));
}

/**
 * Every touch in [from, through] of the customers of the shop's orders with ids in
 * [firstOrderId, lastOrderId]: one statement for a whole batch. The customer is the outbox
 * message's recipient, and both the event and the message must belong to the shop.
 */
export async function readTouches(
  db: Db,
  dialect: Dialect,
  shop: string,
  orders: { firstOrderId: number; lastOrderId: number },
  from: Date,
  through: Date,
): Promise<StoredTouch[]> {
  const ts = cast(dialect, "timestamp");
  const sql = `SELECT om."customerId" AS "customerId", om."id" AS "outboxMessageId", om."campaignId" AS "campaignId", om."automationRunId" AS "automationRunId",
      me."channel" AS "channel", me."kind" AS "kind", me."at" AS "at"
    FROM "MessageEvent" me JOIN "OutboxMessage" om ON om."id" = me."outboxMessageId"
    WHERE me."shop" = ? AND om."shop" = ? AND me."kind" IN (${kindList}) AND me."at" >= ${ts} AND me."at" <= ${ts}
      AND om."customerId" IN (SELECT o."customerId" FROM "Order" o WHERE ${byIdRange(dialect)}"shop" = ? AND o."id" >= ? AND o."id" <= ? AND o."customerId" IS NOT NULL)`;
  const params: SqlValue[] = [shop, shop, ...TOUCH_EVENT_KINDS, from, through, shop, orders.firstOrderId, orders.lastOrderId];
  const rows = await db.$queryRawUnsafe<
    {
      customerId: unknown;
      outboxMessageId: string;
      campaignId: string | null;
      automationRunId: string | null;
      channel: string;
      kind: string;
      at: unknown;
    }[]
  >(...statement(dialect, sql, params));
  const touches: StoredTouch[] = [];
  for (const r of rows) {
    const kind = touchKindOf(r.kind);
    if (kind === null || (r.channel !== "SMS" && r.channel !== "EMAIL")) continue;
    touches.push({
      customerId: Number(r.customerId),
      outboxMessageId: r.outboxMessageId,
      campaignId: r.campaignId,
      automationRunId: r.automationRunId,
      channel: r.channel as TouchChannel,
      kind,
      at: toDate(r.at),
    });
  }
  return touches;
}

const INSERT_COLUMNS = [
  "shop",
  "orderId",
  "customerId",
  "outboxMessageId",
  "campaignId",
  "automationRunId",
  "channel",
  "touch",
  "touchAt",
  "orderAt",
  "revenue",
  "currency",
  "createdAt",
] as const;

/**
 * Inserts the attributions; an order already attributed (by another worker, or an earlier try)
 * keeps its row and the new one is dropped: ON CONFLICT (shop, orderId) DO NOTHING. The batch's
 * statements commit together, so a crash leaves no half-written attribution. Returns rows inserted.
 */
export async function insertAttributions(
  db: Db,
  dialect: Dialect,
  shop: string,
  attributions: readonly Attribution[],
  now: Date,
): Promise<number> {
  const types: Record<(typeof INSERT_COLUMNS)[number], string> = {
    shop: "?",
    orderId: cast(dialect, "integer"),
    customerId: cast(dialect, "integer"),
    outboxMessageId: "?",
    campaignId: "?",
    automationRunId: "?",
    channel: cast(dialect, "channel"),
    touch: "?",
    touchAt: cast(dialect, "timestamp"),
    orderAt: cast(dialect, "timestamp"),
    revenue: cast(dialect, "bigint"),
    currency: "?",
    createdAt: cast(dialect, "timestamp"),
  };
  const tuple = `(${INSERT_COLUMNS.map((c) => types[c]).join(", ")})`;
  const perStatement = Math.floor(MAX_PARAMS / INSERT_COLUMNS.length);
  const statements = [];
  for (let start = 0; start < attributions.length; start += perStatement) {
    const chunk = attributions.slice(start, start + perStatement);
    const params: SqlValue[] = [];
    for (const { order, touch } of chunk) {
      params.push(
        shop,
        order.id,
        order.customerId,
        touch.outboxMessageId,
        touch.campaignId,
        touch.automationRunId,
        touch.channel,
        touch.kind,
        touch.at,
        order.placedAt,
        order.totalPrice,
        order.currency,
        now,
      );
    }
    const sql = `INSERT INTO "OrderAttribution" (${INSERT_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${chunk.map(() => tuple).join(", ")} ON CONFLICT ("shop", "orderId") DO NOTHING`;
    statements.push(db.$executeRawUnsafe(...statement(dialect, sql, params)));
  }
  if (statements.length === 0) return 0;
  // One commit per batch rather than per statement (on SQLite each commit is a sync to disk).
  return (await db.$transaction(statements)).reduce((sum, n) => sum + n, 0);
}
