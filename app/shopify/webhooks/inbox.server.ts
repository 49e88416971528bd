// The durable webhook inbox (WebhookInbox). A webhook is acknowledged only after its row is
// committed, and rows are keyed by X-Shopify-Event-Id so a redelivery is stored once
// (https://shopify.dev/docs/apps/build/webhooks/best-practices#ignore-duplicates).
//
// Group commit: concurrent requests in one process share one multi-row INSERT (one
// transaction, one fsync) instead of paying a commit each; each request still waits for the
// commit that holds its row before it answers, so nothing is acknowledged before it is durable.
// A batch that fails is committed again row by row, so a bad row fails only its own request;
// a duplicate event id (stored before, or twice in one batch) is skipped and acknowledged.
import Database from "better-sqlite3";
import { createRequire } from "node:module";
import { resolve as resolvePath } from "node:path";
import { Worker } from "node:worker_threads";
import type { Db } from "~/db/db.server";
import { sqliteParam, toPgPlaceholders, type Dialect, type SqlValue } from "~/db/sql-runner.server";

export interface InboxEvent {
  shop: string;
  topic: string;
  eventId: string;
  apiVersion: string | null;
  triggeredAt: Date | null;
  /** The raw body text, exactly as signed (64-bit ids intact). */
  payload: string;
  receivedAt: Date;
}

const COLUMNS = ["shop", "topic", "eventId", "apiVersion", "triggeredAt", "payload", "receivedAt"] as const;
/** SQLite allows 32,766 bound parameters; stay far below and keep one statement small. */
const MAX_BATCH = 256;

export function insertInboxSql(dialect: Dialect, rows: number): string {
  const ts = dialect === "postgres" ? "CAST(? AS timestamp(3))" : "?";
  const one = `(?, ?, ?, ?, ${ts}, ?, ${ts})`;
  const sql = `INSERT INTO "WebhookInbox" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${Array.from({ length: rows }, () => one).join(", ")} ON CONFLICT ("eventId") DO NOTHING`;
  return dialect === "postgres" ? toPgPlaceholders(sql) : sql;
}

function params(dialect: Dialect, events: readonly InboxEvent[]): (string | number | bigint | null)[] {
  const bind = (v: SqlValue) => (dialect === "postgres" ? (v instanceof Date ? v.toISOString() : (v as string | null)) : sqliteParam(v));
  return events.flatMap((e) => [e.shop, e.topic, e.eventId, e.apiVersion, e.triggeredAt, e.payload, e.receivedAt].map(bind));
}

export interface InboxWriter {
  /** Resolves once the event's row is committed (or was already stored). */
  store(event: InboxEvent): Promise<void>;
}

/** Commits one batch of rows in one transaction. */
export type InboxCommit = (events: readonly InboxEvent[]) => Promise<void>;

/** Through Prisma (either database). */
export function prismaInboxCommit(db: Db, dialect: Dialect): InboxCommit {
  return async (batch) => {
    await db.$executeRawUnsafe(insertInboxSql(dialect, batch.length), ...params(dialect, batch));
  };
}

/**
 * SQLite's fast path: a better-sqlite3 connection of its own with a prepared statement, as the
 * import's runner does (db/sql-runner.server.ts), on a worker thread: better-sqlite3 is
 * synchronous, and a commit's fsync must not stall the event loop that answers webhooks.
 * WAL with synchronous=FULL fsyncs the log at every commit, so an acknowledged event
 * survives a crash or power loss; WAL also lets the app's own connection read meanwhile.
 */
export function sqliteInboxCommit(file: string): InboxCommit {
  const path = file.replace(/^file:/, "");
  // Switch the file to WAL here, synchronously: done later by the thread, the switch would
  // race with the app's own connection and make its transactions fail with SQLITE_BUSY.
  const setup = new Database(path);
  setup.pragma("busy_timeout = 10000");
  setup.pragma("journal_mode = WAL");
  setup.close();
  const betterSqlite3 = createRequire(resolvePath(process.cwd(), "package.json")).resolve("better-sqlite3");
  const worker = new Worker(SQLITE_WRITER, { eval: true, workerData: { file: path, sql: insertInboxSql("sqlite", 1), betterSqlite3 } });
  worker.unref();
  const waiting = new Map<number, { resolve: () => void; reject: (e: unknown) => void }>();
  let next = 0;
  worker.on("message", (m: { id: number; error?: string }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (waiting.size === 0) worker.unref();
    if (m.error === undefined) w?.resolve();
    else w?.reject(new Error(`Inbox write failed: ${m.error}`));
  });
  worker.on("error", (error) => {
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  });
  return (batch) =>
    new Promise<void>((resolve, reject) => {
      const id = ++next;
      // A commit in flight keeps the process alive; an idle writer does not.
      if (waiting.size === 0) worker.ref();
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, rows: batch.map((e) => params("sqlite", [e])) });
    });
}

/** The writer thread (plain JavaScript, so it needs no TypeScript loader). */
const SQLITE_WRITER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.betterSqlite3);
const db = new Database(workerData.file);
db.pragma("busy_timeout = 10000");
db.pragma("synchronous = FULL");
const insert = db.prepare(workerData.sql);
const all = db.transaction((rows) => { for (const row of rows) insert.run(row); });
parentPort.on("message", ({ id, rows }) => {
  try { all(rows); parentPort.postMessage({ id }); }
  catch (error) { parentPort.postMessage({ id, error: String((error && error.message) || error) }); }
});
`;

interface Waiter {
  event: InboxEvent;
  resolve: () => void;
  reject: (e: unknown) => void;
}

async function commitOneByOne(commit: InboxCommit, batch: readonly Waiter[]): Promise<void> {
  for (const b of batch) {
    try {
      await commit([b.event]);
      b.resolve();
    } catch (error) {
      b.reject(error);
    }
  }
}

/** A group-committing writer; one per process (see receive.server.ts). */
export function createInboxWriter(commit: InboxCommit): InboxWriter {
  let pending: Waiter[] = [];
  let flushing = false;

  const flush = async () => {
    if (flushing || pending.length === 0) return;
    flushing = true;
    const batch = pending.slice(0, MAX_BATCH);
    pending = pending.slice(batch.length);
    try {
      await commit(batch.map((b) => b.event));
      for (const b of batch) b.resolve();
    } catch (error) {
      if (batch.length === 1) batch[0]?.reject(error);
      // One bad row must not fail the requests that merely shared its transaction: the batch
      // rolled back as a whole, so each row is committed again on its own.
      else await commitOneByOne(commit, batch);
    } finally {
      flushing = false;
      // Requests that arrived during the commit form the next batch.
      if (pending.length > 0) void flush();
    }
  };

  return {
    store(event) {
      return new Promise<void>((resolve, reject) => {
        pending.push({ event, resolve, reject });
        if (!flushing) setImmediate(() => void flush());
      });
    },
  };
}

export interface InboxRow {
  id: number;
  topic: string;
  eventId: string;
  payload: string;
  triggeredAt: Date | null;
  receivedAt: Date;
  attempts: number;
}

/** Most attempts an event gets before it is left for an operator (lastError says why). */
export const MAX_EVENT_ATTEMPTS = 5;

/** The shop's unapplied events in arrival order. */
export async function nextInboxRows(db: Db, shop: string, afterId: number, take: number): Promise<InboxRow[]> {
  return db.webhookInbox.findMany({
    where: { shop, processedAt: null, attempts: { lt: MAX_EVENT_ATTEMPTS }, id: { gt: afterId } },
    orderBy: { id: "asc" },
    take,
    select: { id: true, topic: true, eventId: true, payload: true, triggeredAt: true, receivedAt: true, attempts: true },
  });
}

/**
 * Marks an event applied. The body is dropped: it holds personal data that Flock has by now
 * written where redaction finds it, and the row (with its event id) is all deduplication needs.
 */
export async function markApplied(db: Db, id: number, now: Date): Promise<void> {
  await db.webhookInbox.update({ where: { id }, data: { processedAt: now, payload: "", lastError: null } });
}

export async function markFailed(db: Db, id: number, error: unknown): Promise<void> {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  await db.webhookInbox.update({ where: { id }, data: { attempts: { increment: 1 }, lastError: message.slice(0, 2000) } });
}
