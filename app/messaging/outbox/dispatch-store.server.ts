/**
 * The outbox queries the dispatcher needs beyond claiming and settling one row: settling a whole
 * batch in one transaction, the UNKNOWN rows to reconcile, a person's recent marketing history
 * for the frequency cap, and what is left to do.
 */
import { HELD_NOT_BEFORE, stateFromTwilioStatus, TWILIO_STATUS_WORDS } from "./status";
import type { Db } from "~/db/db.server";
import { dbDialect } from "~/db/dialect.server";
import { sqliteParam, toPgPlaceholders } from "~/db/sql-runner.server";
import { jsonField, jsonItem, jsonRowsSource } from "~/db/json-rows.server";
import { applyProviderState, type AttemptOutcome, type Channel, type ClaimedMessage } from "./outbox-store.server";

type SettleKind = AttemptOutcome["kind"];

/**
 * What each outcome writes, beside releasing the claim. `v."a"` and `v."b"` are the row's own
 * values (see `settleValues`); `?` is the settle time.
 */
function settleSet(kind: SettleKind, ts: (sql: string) => string): string {
  switch (kind) {
    case "sent":
      return `"status" = 'SENT', "providerMessageId" = v."a", "sentAt" = ${ts("?")}, "lastError" = NULL`;
    case "retry":
      return `"status" = 'QUEUED', "notBefore" = ${ts('v."a"')}, "lastError" = v."b"`;
    // Not attempted: the claim's attempt is given back.
    case "wait":
      return `"status" = 'QUEUED', "notBefore" = ${ts('v."a"')}, "attempts" = "attempts" - 1`;
    case "failed":
      return `"status" = 'FAILED', "lastError" = v."a"`;
    case "unknown":
      return `"status" = 'UNKNOWN', "lastError" = v."a"`;
    case "skipped":
      return `"status" = 'SKIPPED', "skipReason" = v."a"`;
  }
}

function settleValues(outcome: AttemptOutcome, at: (date: Date) => string): [string | null, string | null] {
  switch (outcome.kind) {
    case "sent":
      return [outcome.providerMessageId, null];
    case "retry":
      return [at(outcome.at), outcome.error];
    case "wait":
      return [at(outcome.at), null];
    case "failed":
    case "unknown":
      return [outcome.error, null];
    case "skipped":
      return [outcome.reason, null];
  }
}

/**
 * Settles many attempts at once, each row only while it is still SENDING under its own claim (as
 * settleAttempt): one statement per kind of outcome, the rows and their own values (provider id,
 * next time, error) bound as one JSON list, all in one transaction (one commit on SQLite).
 */
export async function settleAttempts(
  db: Db,
  settled: readonly { message: Pick<ClaimedMessage, "id" | "claimToken">; outcome: AttemptOutcome }[],
  now: Date,
): Promise<void> {
  if (settled.length === 0) return;
  const dialect = dbDialect(db);
  const at = (date: Date) => (dialect === "sqlite" ? String(sqliteParam(date)) : date.toISOString());
  const ts = (sql: string) => (dialect === "sqlite" ? sql : `CAST(${sql} AS timestamp(3))`);
  // One statement per kind of outcome and claim (a batch is one claim).
  const groups = new Map<string, { kind: SettleKind; claimToken: string; rows: [string, string | null, string | null][] }>();
  for (const { message, outcome } of settled) {
    const key = `${outcome.kind}\n${message.claimToken}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { kind: outcome.kind, claimToken: message.claimToken, rows: [] }));
    group.rows.push([message.id, ...settleValues(outcome, at)]);
  }
  // SQLite would otherwise walk the status index's SENDING rows and scan the list for each (n²);
  // the unary + keeps that index out, so the list drives and each row is found by id.
  const held = dialect === "sqlite" ? `+"OutboxMessage"."status" = 'SENDING'` : `"OutboxMessage"."status" = 'SENDING'`;
  const statements = [...groups.values()].map(({ kind, claimToken, rows }) => {
    let sql = `UPDATE "OutboxMessage" SET ${settleSet(kind, ts)}, "claimToken" = NULL, "leaseUntil" = NULL, "statusAt" = ${ts("?")}
      FROM (SELECT ${jsonField(dialect, 0)} AS "id", ${jsonField(dialect, 1)} AS "a", ${jsonField(dialect, 2)} AS "b" FROM ${jsonRowsSource(dialect)}) AS v
      WHERE "OutboxMessage"."id" = v."id" AND "OutboxMessage"."claimToken" = ? AND ${held}`;
    if (dialect === "postgres") sql = toPgPlaceholders(sql);
    const stamps = kind === "sent" ? [at(now), at(now)] : [at(now)];
    return db.$executeRawUnsafe(sql, ...stamps, JSON.stringify(rows), claimToken);
  });
  // One statement is atomic by itself; several share one transaction (one commit on SQLite).
  if (statements.length === 1) await statements[0];
  else await db.$transaction(statements);
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
  const rows = await db.outboxMessage.findMany({
    where: { shop, providerMessageId: { in: [...ids] } },
    select: { providerMessageId: true },
  });
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
  const dialect = dbDialect(db);
  let sql = `SELECT o."customerId", o."channel", o."idempotencyKey", o."sentAt" FROM ${jsonRowsSource(dialect)} CROSS JOIN "OutboxMessage" AS o
    WHERE o."customerId" = ${jsonItem(dialect, "integer")} AND o."shop" = ? AND o."status" IN ('SENT', 'DELIVERED')
      AND o."sentAt" >= ${dialect === "sqlite" ? "?" : "CAST(? AS timestamp(3))"}`;
  if (dialect === "postgres") sql = toPgPlaceholders(sql);
  const rows = await db.$queryRawUnsafe<{ customerId: number | bigint; channel: Channel; idempotencyKey: string; sentAt: Date | string }[]>(
    sql,
    JSON.stringify([...new Set(customerIds)]),
    shop,
    dialect === "sqlite" ? sqliteParam(since) : since.toISOString(),
  );
  return rows.map((r) => ({
    customerId: Number(r.customerId),
    channel: r.channel,
    idempotencyKey: r.idempotencyKey,
    sentAt: r.sentAt instanceof Date ? r.sentAt : new Date(r.sentAt),
  }));
}

/**
 * When the shop's dispatcher must run again, or null when nothing is left: the earliest
 * `notBefore` of its QUEUED rows; the earliest lease of a claim still open (a dispatcher killed
 * mid-batch leaves its rows SENDING: they must be expired and reconciled even when nothing else
 * is queued); and, with `unknownSms` (the shop can look texts up), at once while texts wait
 * UNKNOWN, since one run reconciles only some of them. Without the last two, a crash's unsettled
 * texts were never sent once the queue ran dry.
 */
export async function nextDueAt(db: Db, shop: string, options: { unknownSms?: boolean } = {}): Promise<Date | null> {
  const [queued, claimed, unknown] = await Promise.all([
    db.outboxMessage.findFirst({
      where: { shop, status: "QUEUED", notBefore: { lt: HELD_NOT_BEFORE } },
      orderBy: { notBefore: "asc" },
      select: { notBefore: true },
    }),
    db.outboxMessage.findFirst({
      where: { shop, status: "SENDING", leaseUntil: { not: null } },
      orderBy: { leaseUntil: "asc" },
      select: { leaseUntil: true },
    }),
    options.unknownSms
      ? db.outboxMessage.findFirst({
          where: { shop, channel: "SMS", status: "UNKNOWN" },
          orderBy: { statusAt: "asc" },
          select: { statusAt: true },
        })
      : null,
  ]);
  const times = [queued?.notBefore, claimed?.leaseUntil, unknown ? (unknown.statusAt ?? new Date(0)) : null].filter(
    (t): t is Date => t instanceof Date,
  );
  return times.length === 0 ? null : new Date(Math.min(...times.map((t) => t.getTime())));
}

/**
 * Twilio can call back before the dispatcher has recorded the message's sid (a batch settles
 * after its last text): such a status event was stored without its outbox row and moved nothing.
 * Once the sids are recorded, link those events to their rows and apply the states they carry.
 */
export async function applyEarlyTwilioStatuses(
  db: Db,
  shop: string,
  sent: readonly { id: string; providerMessageId: string }[],
): Promise<number> {
  const texts = await withEarlyEvents(
    db,
    shop,
    sent.filter((s) => /^(SM|MM)[0-9a-f]{32}$/.test(s.providerMessageId)),
  );
  let applied = 0;
  for (let i = 0; i < texts.length; i += 50) {
    const chunk = texts.slice(i, i + 50);
    // Exact ids (the receiver stores `twilio:<sid>:<status>`), so the unique index finds them.
    const ids = chunk.flatMap((s) => TWILIO_STATUS_WORDS.map((status) => `twilio:${s.providerMessageId}:${status}`));
    const events = await db.messageEvent.findMany({
      where: { shop, outboxMessageId: null, providerEventId: { in: ids } },
      select: { id: true, providerEventId: true, at: true },
      orderBy: { at: "asc" },
    });
    if (events.length === 0) continue;
    const rows = await db.outboxMessage.findMany({
      where: { shop, id: { in: chunk.map((s) => s.id) } },
      select: { id: true, customerId: true, campaignId: true, providerMessageId: true },
    });
    const bySid = new Map(rows.map((r) => [r.providerMessageId, r]));
    for (const event of events) {
      const [, sid = "", status = ""] = (event.providerEventId ?? "").split(":");
      const row = bySid.get(sid);
      if (!row) continue;
      await db.messageEvent.update({
        where: { id: event.id },
        data: { outboxMessageId: row.id, customerId: row.customerId, campaignId: row.campaignId },
      });
      const state = stateFromTwilioStatus(status);
      if (state && (await applyProviderState(db, shop, sid, state, event.at))) applied += 1;
    }
  }
  return applied;
}

/**
 * The texts an early status event is stored for, found in one statement over the whole batch
 * (all sids' event ids bound as one JSON list, each looked up by the unique index): usually none,
 * and asking 50 texts at a time cost 20 Prisma queries per 1,000 texts (~150–400 ms of the
 * dispatcher's event loop, which delayed the next batch's texts).
 */
async function withEarlyEvents<T extends { providerMessageId: string }>(db: Db, shop: string, texts: readonly T[]): Promise<T[]> {
  if (texts.length === 0) return [];
  const dialect = dbDialect(db);
  const ids = texts.flatMap((s) => TWILIO_STATUS_WORDS.map((status) => `twilio:${s.providerMessageId}:${status}`));
  let sql = `SELECT e."providerEventId" FROM ${jsonRowsSource(dialect)} CROSS JOIN "MessageEvent" AS e
    WHERE e."shop" = ? AND e."providerEventId" = ${jsonItem(dialect)} AND e."outboxMessageId" IS NULL`;
  if (dialect === "postgres") sql = toPgPlaceholders(sql);
  const rows = await db.$queryRawUnsafe<{ providerEventId: string }[]>(sql, JSON.stringify(ids), shop);
  const sids = new Set(rows.map((r) => r.providerEventId.split(":")[1]));
  return texts.filter((s) => sids.has(s.providerMessageId));
}
