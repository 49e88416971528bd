/**
 * The outbox table: one row per (source, recipient), keyed `campaign:<id>:<customer>`,
 * `checkout:<token>:<step>`, `test:<id>`, `optin:<id>`. The unique (shop, idempotencyKey) index is
 * what makes "never the same message twice" hold: writing a key again is a no-op, whoever writes it.
 *
 * Rows move only forward (status.ts): every write below is conditional on the row being in a lower
 * rank, so a late or repeated callback, a dispatcher that lost its claim, or a retried job can
 * never move a row back.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { Db } from "~/db/db.server";
import { dbDialect } from "~/db/dialect.server";
import { sqliteParam, toPgPlaceholders, type Dialect } from "~/db/sql-runner.server";
import { jsonRowsSource } from "~/db/json-rows.server";
import { orderedIdParts, orderedIdsOf } from "./ordered-id";
import { orderedIdSql } from "./ordered-id-sql";
import { groupByShared } from "./shared-columns";
import { OUTBOX_STATES, stateRank, type OutboxState, type SkipReason } from "./status";

export type Channel = "SMS" | "EMAIL";

export interface NewOutboxMessage {
  shop: string;
  idempotencyKey: string;
  channel: Channel;
  customerId?: number | null;
  recipient: string;
  subject?: string | null;
  body: string;
  notBefore: Date;
  deadline?: Date | null;
  campaignId?: string | null;
  automationRunId?: string | null;
}

export interface ClaimedMessage {
  id: string;
  shop: string;
  idempotencyKey: string;
  channel: Channel;
  customerId: number | null;
  recipient: string;
  subject: string | null;
  body: string;
  attempts: number;
  deadline: Date | null;
  claimToken: string;
}

/** What came of one attempt, as the dispatcher records it. */
export type AttemptOutcome =
  | { kind: "sent"; providerMessageId: string }
  | { kind: "retry"; at: Date; error: string }
  /** Not attempted (quiet hours, the cap): back in the queue, the claim's attempt not counted. */
  | { kind: "wait"; at: Date }
  | { kind: "failed"; error: string }
  | { kind: "unknown"; error: string }
  | { kind: "skipped"; reason: SkipReason };

/**
 * Each row's own values, in its JSON tuple, by place: its place in the batch (the database builds
 * its id from it, ordered-id-sql.ts), then its columns. The key is left out (null) when it is the
 * statement's key prefix + the customer id, as a campaign's `campaign:<id>:<customer>` keys are:
 * the database joins it. Trailing nulls are left out (`->>` past the end is NULL), so an SMS
 * carries four values: ~50 bytes fewer per row than the id and key in full.
 */
const TUPLE = { seq: 0, customerId: 1, recipient: 2, body: 3, idempotencyKey: 4, subject: 5 } as const;
/** Columns bound once per statement: the rows of a statement share them (shared-columns.ts). */
const SHARED_COLUMNS = ["shop", "channel", "notBefore", "deadline", "campaignId", "automationRunId"] as const;
type Column = keyof typeof TUPLE | "id" | (typeof SHARED_COLUMNS)[number];
// Rows per statement: each statement binds its rows as one JSON parameter (a few MB at most).
const ROWS_PER_STATEMENT = 5_000;

const toEnum = (state: OutboxState) => state.toUpperCase() as Uppercase<OutboxState>;
/** The stored statuses ranked below `state`: the only ones a write to `state` may replace. */
const below = (state: OutboxState) => OUTBOX_STATES.filter((s) => stateRank(s) < stateRank(state)).map(toEnum);

/** PostgreSQL's cast of a text value into `column`'s type (SQLite stores the text as it is). */
function typed(dialect: Dialect, column: Column, text: string): string {
  if (dialect === "sqlite") return text;
  if (column === "channel") return `CAST(${text} AS "Channel")`;
  if (column === "notBefore" || column === "deadline") return `CAST(${text} AS timestamp(3))`;
  if (column === "customerId" || column === "seq") return `CAST(${text} AS integer)`;
  if (column === "id" || column === "idempotencyKey") return `CAST(${text} AS text)`;
  return text;
}

/** Tuple value `column` of the JSON row `j.value`. SQLite's `->>` reuses the row's parsed JSON; `json_extract` per field was 2.5× slower. */
const field = (dialect: Dialect, column: keyof typeof TUPLE) =>
  typed(dialect, column, dialect === "sqlite" ? `j.value ->> ${TUPLE[column]}` : `(j.value ->> ${TUPLE[column]})`);

/** The statement; its parameters in order: id head and tail, key prefix, the shared columns, createdAt, the rows' JSON. */
function insertSql(dialect: Dialect): string {
  const columns = ["id", "idempotencyKey", "customerId", "recipient", "subject", "body", ...SHARED_COLUMNS, "status", "createdAt"];
  const values = [
    orderedIdSql(dialect, field(dialect, "seq")),
    `COALESCE(${field(dialect, "idempotencyKey")}, ${typed(dialect, "id", "?")} || (j.value ->> ${TUPLE.customerId}))`,
    field(dialect, "customerId"),
    field(dialect, "recipient"),
    field(dialect, "subject"),
    field(dialect, "body"),
    ...SHARED_COLUMNS.map((c) => typed(dialect, c, "?")),
    "'QUEUED'",
    typed(dialect, "notBefore", "?"),
  ];
  // `WHERE true`: SQLite otherwise reads `ON CONFLICT` as the join's ON (https://sqlite.org/lang_upsert.html, "parsing ambiguity").
  const sql = `INSERT INTO "OutboxMessage" (${columns.map((c) => `"${c}"`).join(", ")})
    SELECT ${values.join(", ")} FROM ${jsonRowsSource(dialect)}
    WHERE true ON CONFLICT ("shop", "idempotencyKey") DO NOTHING`;
  return dialect === "postgres" ? toPgPlaceholders(sql) : sql;
}

/** The part of `row`'s key before its customer id, when the key ends with it; else null. */
function keyPrefix(row: NewOutboxMessage): string | null {
  const id = row.customerId;
  if (id == null || !Number.isSafeInteger(id)) return null;
  const digits = String(id);
  return row.idempotencyKey.endsWith(digits) ? row.idempotencyKey.slice(0, -digits.length) : null;
}

/** Row `i`'s JSON tuple (TUPLE's layout, trailing nulls left out). */
function tupleOf(row: NewOutboxMessage, i: number, prefix: string | null): unknown[] {
  const customerId = row.customerId ?? null;
  const derived = prefix !== null && customerId !== null && prefix + String(customerId) === row.idempotencyKey;
  const tuple: unknown[] = [i, customerId, row.recipient, row.body];
  if (row.subject != null) tuple.push(derived ? null : row.idempotencyKey, row.subject);
  else if (!derived) tuple.push(row.idempotencyKey);
  return tuple;
}

/**
 * Writes the rows; a key already in the outbox keeps its row and the new one is dropped (also
 * when the batch repeats a key: the first is kept). Returns how many rows were new.
 */
export async function enqueueOutboxMessages(db: Db, rows: readonly NewOutboxMessage[], now: Date): Promise<number> {
  return (await insertOutboxRows(db, rows, now)).inserted;
}

/**
 * `enqueueOutboxMessages`, also giving the id each row was written with (`ids[i]` for `rows[i]`;
 * a row that was dropped for its key has no row under that id).
 *
 * Each statement is `INSERT … SELECT` over its rows bound as ONE JSON parameter (app/db/json-rows.server.ts
 * explains the style), with the columns its rows share bound once (shared-columns.ts): Prisma and
 * the driver then map a few values per 5,000 rows instead of fourteen per row, which was the cost
 * of the 70-row multi-VALUES statements (~10,000 rows/s). Ids increase through the batch
 * (ordered-id.ts). Callers wanting all-or-nothing wrap it in a transaction, as
 * enqueueTrackedMessages does.
 */
export async function insertOutboxRows(
  db: Db,
  rows: readonly NewOutboxMessage[],
  now: Date,
): Promise<{ inserted: number; ids: readonly string[] }> {
  if (rows.length === 0) return { inserted: 0, ids: [] };
  const dialect = dbDialect(db);
  // Each distinct time formatted once: a campaign's 300,000 rows share one or a few.
  const texts = new Map<number, string>();
  const at = (date: Date | null | undefined) => {
    if (date == null) return null;
    let text = texts.get(date.getTime());
    if (text === undefined) {
      text = String(dialect === "sqlite" ? sqliteParam(date) : date.toISOString());
      texts.set(date.getTime(), text);
    }
    return text;
  };
  const sql = insertSql(dialect);
  const parts = orderedIdParts(Date.now(), randomBytes(6));
  const ids = orderedIdsOf(rows.length, parts);
  const groups = groupByShared(rows, (row) => [
    row.shop,
    row.channel,
    at(row.notBefore),
    at(row.deadline),
    row.campaignId ?? null,
    row.automationRunId ?? null,
  ]);
  // Split into groups, a key repeated in a later group would be written before its first row.
  const firsts = groups.length > 1 ? firstOfEachKey(rows) : null;
  let inserted = 0;
  for (const { values: shared, indexes } of groups) {
    const kept = firsts ? indexes.filter((i) => firsts.has(i)) : indexes;
    for (let start = 0; start < kept.length; start += ROWS_PER_STATEMENT) {
      const chunk = kept.slice(start, start + ROWS_PER_STATEMENT);
      const prefix = keyPrefix(rows[chunk[0] as number] as NewOutboxMessage);
      const tuples = chunk.map((i) => tupleOf(rows[i] as NewOutboxMessage, i, prefix));
      inserted += await db.$executeRawUnsafe(sql, parts.head, parts.tail, prefix, ...shared, at(now), JSON.stringify(tuples));
    }
  }
  return { inserted, ids };
}

/** The indexes of the rows that are the first with their (shop, key). */
function firstOfEachKey(rows: readonly NewOutboxMessage[]): Set<number> {
  const seen = new Set<string>();
  const firsts = new Set<number>();
  rows.forEach((row, i) => {
    const key = `${row.shop}\n${row.idempotencyKey}`;
    if (seen.has(key)) return;
    seen.add(key);
    firsts.add(i);
  });
  return firsts;
}

export interface ClaimOptions {
  shop: string;
  now: Date;
  limit: number;
  leaseMs: number;
}

/**
 * Claims up to `limit` due rows of one shop for one dispatcher: QUEUED rows whose `notBefore` has
 * come, oldest first, become SENDING under a fresh token. Two dispatchers never claim one row
 * (SQLite has one writer; PostgreSQL skips rows another transaction has locked). One statement:
 * the rows claimed come back from the UPDATE itself (RETURNING), not from a second read.
 */
export async function claimDueMessages(db: Db, { shop, now, limit, leaseMs }: ClaimOptions): Promise<ClaimedMessage[]> {
  const token = randomUUID();
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const dialect = dbDialect(db);
  const at = (date: Date) => (dialect === "sqlite" ? sqliteParam(date) : date.toISOString());
  const stamp = dialect === "sqlite" ? "?" : "CAST(? AS timestamp(3))";
  // PostgreSQL: rows another dispatcher's claim has locked are skipped, not waited for.
  let sql = `UPDATE "OutboxMessage" SET "status" = 'SENDING', "claimToken" = ?, "leaseUntil" = ${stamp}, "statusAt" = ${stamp}, "attempts" = "attempts" + 1
    WHERE "id" IN (SELECT "id" FROM "OutboxMessage" WHERE "shop" = ? AND "status" = 'QUEUED' AND "notBefore" <= ${stamp}
      ORDER BY "notBefore" LIMIT ${dialect === "sqlite" ? "?" : "CAST(? AS integer)"}${dialect === "postgres" ? " FOR UPDATE SKIP LOCKED" : ""})
    RETURNING "id", "idempotencyKey", "channel", "customerId", "recipient", "subject", "body", "attempts", "deadline", "notBefore"`;
  if (dialect === "postgres") sql = toPgPlaceholders(sql);
  const rows = await db.$queryRawUnsafe<ClaimedRow[]>(sql, token, at(leaseUntil), at(now), shop, at(now), limit);
  // RETURNING gives the rows in no particular order; the oldest go first.
  const claimed = rows.map((row) => ({ row, notBefore: toMs(row.notBefore) }));
  claimed.sort((a, b) => a.notBefore - b.notBefore);
  return claimed.map(({ row }) => ({
    id: row.id,
    shop,
    idempotencyKey: row.idempotencyKey,
    channel: row.channel,
    customerId: row.customerId === null ? null : Number(row.customerId),
    recipient: row.recipient,
    subject: row.subject,
    body: row.body,
    attempts: Number(row.attempts),
    deadline: row.deadline === null ? null : new Date(toMs(row.deadline)),
    claimToken: token,
  }));
}

interface ClaimedRow {
  id: string;
  idempotencyKey: string;
  channel: Channel;
  customerId: number | bigint | null;
  recipient: string;
  subject: string | null;
  body: string;
  attempts: number | bigint;
  deadline: Date | string | null;
  notBefore: Date | string;
}

/** A DateTime read by raw SQL: a Date from Prisma, or SQLite's stored text. */
function toMs(value: Date | string): number {
  if (value instanceof Date) return value.getTime();
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`OutboxMessage: unreadable date ${JSON.stringify(value)}`);
  return ms;
}

/**
 * Records what came of an attempt, only while the claim is still this dispatcher's: a
 * dispatcher whose lease ran out (and whose row was handed on) changes nothing.
 * Returns whether the row was updated.
 */
export async function settleAttempt(
  db: Db,
  message: Pick<ClaimedMessage, "id" | "claimToken">,
  outcome: AttemptOutcome,
  now: Date,
): Promise<boolean> {
  return (await settleAttemptGroup(db, [message.id], message.claimToken, outcome, now)) === 1;
}

/** settleAttempt for many rows of one claim with the same outcome (one email request): one statement. Returns how many moved. */
export async function settleAttemptGroup(
  db: Db,
  ids: readonly string[],
  claimToken: string,
  outcome: AttemptOutcome,
  now: Date,
): Promise<number> {
  const held = { id: { in: [...ids] }, claimToken, status: "SENDING" as const };
  const release = { claimToken: null, leaseUntil: null, statusAt: now };
  const data = (() => {
    switch (outcome.kind) {
      case "sent":
        return { ...release, status: "SENT" as const, providerMessageId: outcome.providerMessageId, sentAt: now, lastError: null };
      case "retry":
        return { ...release, status: "QUEUED" as const, notBefore: outcome.at, lastError: outcome.error };
      case "wait":
        return { ...release, status: "QUEUED" as const, notBefore: outcome.at, attempts: { decrement: 1 } };
      case "failed":
        return { ...release, status: "FAILED" as const, lastError: outcome.error };
      case "unknown":
        return { ...release, status: "UNKNOWN" as const, lastError: outcome.error };
      case "skipped":
        return { ...release, status: "SKIPPED" as const, skipReason: outcome.reason };
    }
  })();
  const { count } = await db.outboxMessage.updateMany({ where: held, data });
  return count;
}

/**
 * Claims whose dispatcher died: the request may or may not have reached the provider, so the
 * row becomes UNKNOWN (to be reconciled with the provider's records), never QUEUED again.
 * One shop at a time: the (shop, status, notBefore) index finds its SENDING rows.
 */
export async function expireClaims(db: Db, now: Date, shop: string): Promise<number> {
  const { count } = await db.outboxMessage.updateMany({
    where: { shop, status: "SENDING", leaseUntil: { lt: now } },
    data: {
      status: "UNKNOWN",
      claimToken: null,
      leaseUntil: null,
      statusAt: now,
      lastError: "The dispatcher stopped before recording the outcome",
    },
  });
  return count;
}

/**
 * Applies a provider's status callback or event to the row it names. Returns whether the row
 * moved; a duplicate or a callback that would move the row back changes nothing.
 */
export async function applyProviderState(db: Db, shop: string, providerMessageId: string, state: OutboxState, at: Date): Promise<boolean> {
  const { count } = await db.outboxMessage.updateMany({
    where: { shop, providerMessageId, status: { in: below(state) } },
    data: { status: toEnum(state), statusAt: at },
  });
  return count > 0;
}
