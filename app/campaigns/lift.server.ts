/**
 * Reads the two groups of a campaign's lift report (definitions in lift.ts): the customers it
 * queued a message for, and the held-out customers with an address for its channel, each with
 * the net revenue of every customer who ordered within the window. The window starts when the
 * audience was frozen and lasts the shop's click attribution window (7 days unless changed in
 * Sending rules), the longest window in which Flock credits an order to a message.
 */
import type { Db } from "~/db/db.server";
import { forShop } from "~/db/shop-scope.server";
import { readWindows } from "~/messaging/attribution/attribution-store.server";
import { sqliteParam, toPgPlaceholders, type SqlValue } from "~/db/sql-runner.server";
import { dbDialect } from "~/db/dialect.server";
import { liftReport, type LiftGroup, type LiftReport } from "./lift";

const HOUR_MS = 3_600_000;

async function rows<T>(db: Db, sql: string, params: readonly SqlValue[]): Promise<T[]> {
  const dialect = dbDialect(db);
  if (dialect === "postgres")
    return db.$queryRawUnsafe<T[]>(toPgPlaceholders(sql), ...params.map((v) => (v instanceof Date ? v.toISOString() : v)));
  return db.$queryRawUnsafe<T[]>(sql, ...params.map(sqliteParam));
}

/** Net revenue per customer of `members` (a subquery with its own parameters) who ordered in the window. */
async function converterRevenues(
  db: Db,
  shop: string,
  currency: string,
  members: { sql: string; params: readonly SqlValue[] },
  from: Date,
  to: Date,
): Promise<number[]> {
  const notTest = dbDialect(db) === "sqlite" ? "0" : "false";
  const found = await rows<{ revenue: unknown }>(
    db,
    `SELECT CAST(SUM(CASE WHEN o."currency" = ? THEN o."totalPrice" - o."totalRefunded" ELSE 0 END) AS BIGINT) AS "revenue"
      FROM "Order" o
      WHERE o."shop" = ? AND o."deletedAt" IS NULL AND o."cancelledAt" IS NULL AND o."test" = ${notTest}
        AND o."processedAt" >= ? AND o."processedAt" <= ? AND o."customerId" IN (${members.sql})
      GROUP BY o."customerId"`,
    [currency, shop, from, to, ...members.params],
  );
  return found.map((r) => Number(r.revenue ?? 0));
}

async function countOf(db: Db, members: { sql: string; params: readonly SqlValue[] }): Promise<number> {
  const [row] = await rows<{ n: unknown }>(db, `SELECT COUNT(*) AS "n" FROM (${members.sql}) m`, members.params);
  return Number(row?.n ?? 0);
}

async function groupOf(
  db: Db,
  shop: string,
  currency: string,
  members: { sql: string; params: readonly SqlValue[] },
  from: Date,
  to: Date,
): Promise<LiftGroup> {
  const [customers, revenues] = await Promise.all([countOf(db, members), converterRevenues(db, shop, currency, members, from, to)]);
  return { customers, converterRevenues: revenues };
}

/** The campaign's lift report at `now`, or null when the campaign is not found or has not started sending. */
export async function campaignLift(db: Db, shop: string, campaignId: string, now: Date): Promise<LiftReport | null> {
  const campaign = await forShop(db, shop).campaign.findFirst({
    where: { id: campaignId },
    select: { holdoutPercent: true, frozenAt: true, channel: true },
  });
  if (!campaign || campaign.frozenAt === null) return null;
  if (campaign.holdoutPercent <= 0) return { state: "no_holdout" };
  const [windows, shopRow] = await Promise.all([
    readWindows(db, shop),
    db.shop.findUnique({ where: { shop }, select: { currency: true } }),
  ]);
  const currency = shopRow?.currency ?? "USD";
  const start = campaign.frozenAt;
  const end = new Date(start.getTime() + windows.clickHours * HOUR_MS);
  const upTo = now < end ? now : end;
  const address = campaign.channel === "SMS" ? `c."phone"` : `c."email"`;
  const sent = {
    sql: `SELECT DISTINCT m."customerId" FROM "OutboxMessage" m WHERE m."shop" = ? AND m."campaignId" = ? AND m."customerId" IS NOT NULL`,
    params: [shop, campaignId],
  };
  const held = {
    sql: `SELECT h."customerId" FROM "CampaignHoldout" h JOIN "Customer" c ON c."id" = h."customerId" AND c."shop" = h."shop" WHERE h."shop" = ? AND h."campaignId" = ? AND ${address} IS NOT NULL AND ${address} <> ''`,
    params: [shop, campaignId],
  };
  const [sentGroup, holdoutGroup, cancelledUnsent] = await Promise.all([
    groupOf(db, shop, currency, sent, start, upTo),
    groupOf(db, shop, currency, held, start, upTo),
    forShop(db, shop).outboxMessage.count({ where: { campaignId, status: "SKIPPED", skipReason: "cancelled" } }),
  ]);
  return liftReport({
    holdoutPercent: campaign.holdoutPercent,
    sent: sentGroup,
    holdout: holdoutGroup,
    window: { start, end },
    now,
    currency,
    cancelledUnsent,
  });
}
