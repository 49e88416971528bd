/**
 * Attributed orders and revenue for the stats pages: by campaign, by automation (all its runs)
 * or by a list of automation runs.
 *
 * Revenue is shop money in minor units, as the orders stand now: their total net of what was
 * refunded since (Order.totalPrice − Order.totalRefunded). Cancelled orders stay attributed but
 * are counted apart (`cancelledOrders`) and add no revenue; deleted and test orders count
 * nowhere. Only orders in the shop's currency are summed into `revenue`: should a shop change
 * its currency, older orders are counted in `ordersInOtherCurrencies` rather than added up as if
 * they were the same money.
 */
import { z } from "zod";
import type { Db } from "~/db/db.server";
import { sqliteParam, toPgPlaceholders, type SqlValue } from "~/db/sql-runner.server";
import { dbDialect } from "~/db/dialect.server";

export const AttributionFilter = z.union([
  z.object({ campaignId: z.string().min(1) }).strict(),
  z.object({ automationId: z.string().min(1) }).strict(),
  z.object({ automationRunIds: z.array(z.string().min(1)) }).strict(),
]);
export type AttributionFilter = z.infer<typeof AttributionFilter>;

export interface AttributionTotals {
  /** Attributed orders, not cancelled. */
  orders: number;
  /** Their revenue in minor units of `currency`, net of refunds. */
  revenue: number;
  /** The shop's currency. */
  currency: string;
  cancelledOrders: number;
  ordersInOtherCurrencies: number;
}

// Prisma refuses statements with more bound parameters than SQLite's historical limit of 999.
const MAX_RUN_IDS = 900;

type Row = { orders: unknown; revenue: unknown; cancelled: unknown; other: unknown };

async function sumOnce(db: Db, shop: string, currency: string, where: string, whereParams: readonly SqlValue[]): Promise<Row> {
  const dialect = dbDialect(db);
  const notTest = dialect === "sqlite" ? "0" : "false";
  const sql = `SELECT
      COUNT(CASE WHEN o."cancelledAt" IS NULL THEN 1 END) AS "orders",
      CAST(COALESCE(SUM(CASE WHEN o."cancelledAt" IS NULL AND a."currency" = ? THEN o."totalPrice" - o."totalRefunded" ELSE 0 END), 0) AS BIGINT) AS "revenue",
      COUNT(CASE WHEN o."cancelledAt" IS NOT NULL THEN 1 END) AS "cancelled",
      COUNT(CASE WHEN o."cancelledAt" IS NULL AND a."currency" <> ? THEN 1 END) AS "other"
    FROM "OrderAttribution" a JOIN "Order" o ON o."id" = a."orderId" AND o."shop" = a."shop"
    WHERE a."shop" = ? AND o."deletedAt" IS NULL AND o."test" = ${notTest} AND ${where}`;
  const params = [currency, currency, shop, ...whereParams].map((v) => (dialect === "sqlite" ? sqliteParam(v) : v));
  const rows = await db.$queryRawUnsafe<Row[]>(dialect === "postgres" ? toPgPlaceholders(sql) : sql, ...params);
  return rows[0] ?? { orders: 0, revenue: 0, cancelled: 0, other: 0 };
}

function toSafeNumber(value: unknown, what: string): number {
  const n = Number(value ?? 0);
  if (!Number.isSafeInteger(n)) throw new Error(`Attribution totals: ${what} ${String(value)} is out of range`);
  return n;
}

/** Totals of the orders attributed to messages of the campaign, the automation or the runs. */
export async function attributionTotals(db: Db, shop: string, filter: AttributionFilter): Promise<AttributionTotals> {
  const parsed = AttributionFilter.safeParse(filter);
  if (!parsed.success)
    throw new Error(
      `attributionTotals for ${shop}: the filter needs exactly one of campaignId, automationId or automationRunIds (${parsed.error.issues.map((i) => `${i.path.join(".") || "filter"}: ${i.message}`).join("; ")})`,
    );
  const f = parsed.data;
  const currency = (await db.shop.findUnique({ where: { shop }, select: { currency: true } }))?.currency ?? "USD";
  const parts: Row[] = [];
  if ("campaignId" in f) parts.push(await sumOnce(db, shop, currency, `a."campaignId" = ?`, [f.campaignId]));
  else if ("automationId" in f) {
    parts.push(
      await sumOnce(
        db,
        shop,
        currency,
        `a."automationRunId" IN (SELECT r."id" FROM "AutomationRun" r WHERE r."shop" = ? AND r."automationId" = ?)`,
        [shop, f.automationId],
      ),
    );
  } else {
    const ids = [...new Set(f.automationRunIds)];
    for (let i = 0; i < ids.length; i += MAX_RUN_IDS) {
      const chunk = ids.slice(i, i + MAX_RUN_IDS);
      parts.push(await sumOnce(db, shop, currency, `a."automationRunId" IN (${chunk.map(() => "?").join(", ")})`, chunk));
    }
  }
  const total = (key: keyof Row) => parts.reduce((sum, row) => sum + toSafeNumber(row[key], key), 0);
  return {
    orders: total("orders"),
    revenue: total("revenue"),
    currency,
    cancelledOrders: total("cancelled"),
    ordersInOtherCurrencies: total("other"),
  };
}
