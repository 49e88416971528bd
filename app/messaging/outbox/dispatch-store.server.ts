/**
 * The outbox queries the dispatcher needs beyond claiming and settling one row: settling a whole
 * batch in one transaction, the UNKNOWN rows to reconcile, a person's recent marketing history
 * for the frequency cap, and what is left to do.
 */
import type { Db } from "~/db.server";
import { dbDialect } from "~/shopify/webhooks/dialect.server";
import { sqliteParam, toPgPlaceholders } from "~/shopify/sync/sql-runner.server";
import { settleAttemptGroup, type AttemptOutcome, type Channel, type ClaimedMessage } from "./outbox-store.server";

/**
 * Settles many attempts in one transaction (one commit on SQLite instead of one per row); rows of
 * one claim with the same outcome — an email request's recipients — in one statement.
 */
export async function settleAttempts(db: Db, settled: readonly { message: Pick<ClaimedMessage, "id" | "claimToken">; outcome: AttemptOutcome }[], now: Date): Promise<void> {
  if (settled.length === 0) return;
  const groups = new Map<string, { ids: string[]; claimToken: string; outcome: AttemptOutcome }>();
  const sent: { id: string; claimToken: string; providerMessageId: string }[] = [];
  for (const { message, outcome } of settled) {
    if (outcome.kind === "sent") {
      sent.push({ id: message.id, claimToken: message.claimToken, providerMessageId: outcome.providerMessageId });
      continue;
    }
    const key = `${message.claimToken}\n${JSON.stringify(outcome)}`;
    const group = groups.get(key) ?? { ids: [], claimToken: message.claimToken, outcome };
    group.ids.push(message.id);
    groups.set(key, group);
  }
  await db.$transaction(async (tx) => {
    for (let start = 0; start < sent.length; start += 300) await settleSent(tx as Db, sent.slice(start, start + 300), now);
    for (const { ids, claimToken, outcome } of groups.values()) {
      // Prisma binds each id; SQLite allows 999 parameters per statement.
      for (let start = 0; start < ids.length; start += 500) await settleAttemptGroup(tx as Db, ids.slice(start, start + 500), claimToken, outcome, now);
    }
  }, { timeout: 60_000 });
}

/**
 * SENT with each row's own provider id, for many rows in one statement (texts: one id each).
 * The same conditions as settleAttempt: only rows still SENDING under their claim move.
 */
async function settleSent(db: Db, rows: readonly { id: string; claimToken: string; providerMessageId: string }[], now: Date): Promise<void> {
  const dialect = dbDialect(db);
  const at = dialect === "sqlite" ? sqliteParam(now) : now.toISOString();
  const stamp = dialect === "sqlite" ? "?" : "CAST(? AS timestamp(3))";
  const tokens = [...new Set(rows.map((r) => r.claimToken))];
  // A claim token is unique to one claim, so a row matches only if it is still under its own.
  let sql = `UPDATE "OutboxMessage" SET "status" = 'SENT', "providerMessageId" = CASE "id" ${rows.map(() => "WHEN ? THEN ?").join(" ")} END,
      "sentAt" = ${stamp}, "statusAt" = ${stamp}, "lastError" = NULL, "claimToken" = NULL, "leaseUntil" = NULL
    WHERE "id" IN (${rows.map(() => "?").join(", ")}) AND "claimToken" IN (${tokens.map(() => "?").join(", ")}) AND "status" = 'SENDING'`;
  if (dialect === "postgres") sql = toPgPlaceholders(sql);
  await db.$executeRawUnsafe(sql, ...rows.flatMap((r) => [r.id, r.providerMessageId]), at, at, ...rows.map((r) => r.id), ...tokens);
}

export interface UnknownSms {
  id: string;
  recipient: string;
  body: string;
  createdAt: Date;
}

export async function listUnknownSms(db: Db, shop: string, limit: number): Promise<UnknownSms[]> {
  return db.outboxMessage.findMany({
    where: { shop, channel: "SMS", status: "UNKNOWN" },
    select: { id: true, recipient: true, body: true, createdAt: true },
    orderBy: { statusAt: "asc" },
    take: limit,
  });
}

/**
 * Settles an UNKNOWN text once the provider's records have been read: SENT with the provider's id
 * when it holds the message, else QUEUED again (nothing left, so sending is not sending twice).
 * Only a row still UNKNOWN changes, so a status callback that settled it meanwhile wins.
 */
export async function resolveUnknownSms(db: Db, id: string, found: { providerMessageId: string } | null, now: Date): Promise<boolean> {
  const data = found
    ? { status: "SENT" as const, providerMessageId: found.providerMessageId, sentAt: now, statusAt: now, lastError: null }
    : { status: "QUEUED" as const, notBefore: now, statusAt: now, lastError: "Reconciled: the provider holds no such message" };
  const { count } = await db.outboxMessage.updateMany({ where: { id, status: "UNKNOWN", channel: "SMS" }, data });
  return count === 1;
}

/** Provider ids already recorded on other rows of the shop: a found message can settle only one row. */
export async function knownProviderIds(db: Db, shop: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.outboxMessage.findMany({ where: { shop, providerMessageId: { in: [...ids] } }, select: { providerMessageId: true } });
  return new Set(rows.flatMap((r) => (r.providerMessageId ? [r.providerMessageId] : [])));
}

/**
 * Emails whose outcome is unknown, per shop, for the UI: SendGrid keeps no record this app can
 * query, so they are never resent and stay UNKNOWN until an Event Webhook event settles them.
 */
export async function countUnknownEmails(db: Db, shop: string): Promise<number> {
  return db.outboxMessage.count({ where: { shop, channel: "EMAIL", status: "UNKNOWN" } });
}

export interface HistoryRow {
  customerId: number;
  channel: Channel;
  idempotencyKey: string;
  sentAt: Date;
}

/** The customers' SENT and DELIVERED rows on both channels since `since` (the cap's window). */
export async function sentHistory(db: Db, shop: string, customerIds: readonly number[], since: Date): Promise<HistoryRow[]> {
  if (customerIds.length === 0) return [];
  const rows = await db.outboxMessage.findMany({
    where: { shop, customerId: { in: [...customerIds] }, status: { in: ["SENT", "DELIVERED"] }, sentAt: { gte: since } },
    select: { customerId: true, channel: true, idempotencyKey: true, sentAt: true },
  });
  return rows.flatMap((r) => (r.customerId !== null && r.sentAt !== null ? [{ customerId: r.customerId, channel: r.channel, idempotencyKey: r.idempotencyKey, sentAt: r.sentAt }] : []));
}

/** The earliest `notBefore` of the shop's QUEUED rows, or null when nothing waits. */
export async function nextDueAt(db: Db, shop: string): Promise<Date | null> {
  const row = await db.outboxMessage.findFirst({ where: { shop, status: "QUEUED" }, orderBy: { notBefore: "asc" }, select: { notBefore: true } });
  return row?.notBefore ?? null;
}
