// SyncRun rows (one per resource per import) written through the import's SQL runner, so the
// fast SQLite path keeps the checkpoint on the same connection and in the same transaction
// as the rows it covers. Statuses: running (bulk operation in progress) → ready (result file
// known) → applying → completed | failed.
import { randomUUID } from "node:crypto";
import type { SqlRunner, SqlValue } from "../../db/sql-runner.server";

export type SyncRunStatus = "running" | "ready" | "applying" | "completed" | "failed";
export const UNFINISHED: readonly SyncRunStatus[] = ["running", "ready", "applying"];

export interface SyncRunRow {
  id: string;
  resource: string;
  status: SyncRunStatus;
  bulkOperationGid: string | null;
  resultUrl: string | null;
  objectCount: number;
  doneCount: number;
  checkpoint: number;
  startedAt: Date;
  finishedAt: Date | null;
  lastError: string | null;
}

const COLUMNS = `"id", "resource", "status", "bulkOperationGid", "resultUrl", "objectCount", "doneCount", "checkpoint", "startedAt", "finishedAt", "lastError"`;

type RawRun = Omit<SyncRunRow, "startedAt" | "finishedAt" | "objectCount" | "doneCount" | "checkpoint"> & {
  startedAt: string | Date;
  finishedAt: string | Date | null;
  objectCount: number | bigint;
  doneCount: number | bigint;
  checkpoint: number | bigint;
};

function toRow(raw: RawRun): SyncRunRow {
  return {
    ...raw,
    objectCount: Number(raw.objectCount),
    doneCount: Number(raw.doneCount),
    checkpoint: Number(raw.checkpoint),
    startedAt: new Date(raw.startedAt),
    finishedAt: raw.finishedAt === null ? null : new Date(raw.finishedAt),
  };
}

export async function createSyncRun(
  runner: SqlRunner,
  shop: string,
  resource: string,
  fields: { status: SyncRunStatus; startedAt: Date; bulkOperationGid?: string | null; resultUrl?: string | null },
): Promise<SyncRunRow> {
  const id = randomUUID();
  const ts = runner.dialect === "postgres" ? "CAST(? AS timestamp(3))" : "?";
  await runner.run({
    sql: `INSERT INTO "SyncRun" ("id", "shop", "resource", "kind", "status", "bulkOperationGid", "resultUrl", "startedAt", "heartbeatAt") VALUES (?, ?, ?, 'bulk', ?, ?, ?, ${ts}, ${ts})`,
    params: [
      id,
      shop,
      resource,
      fields.status,
      fields.bulkOperationGid ?? null,
      fields.resultUrl ?? null,
      fields.startedAt,
      fields.startedAt,
    ],
  });
  return {
    id,
    resource,
    status: fields.status,
    bulkOperationGid: fields.bulkOperationGid ?? null,
    resultUrl: fields.resultUrl ?? null,
    objectCount: 0,
    doneCount: 0,
    checkpoint: 0,
    startedAt: fields.startedAt,
    finishedAt: null,
    lastError: null,
  };
}

/** The newest bulk run of the resource, whatever its status. */
export async function findLatestRun(runner: SqlRunner, shop: string, resource: string): Promise<SyncRunRow | null> {
  const rows = await runner.query<RawRun>({
    sql: `SELECT ${COLUMNS} FROM "SyncRun" WHERE "shop" = ? AND "resource" = ? AND "kind" = 'bulk' ORDER BY "startedAt" DESC LIMIT 1`,
    params: [shop, resource],
  });
  return rows[0] ? toRow(rows[0]) : null;
}

/**
 * Moves the heartbeat of the shop's unfinished runs: the progress card takes a run whose
 * heartbeat stopped for a run whose process died (see progress.ts).
 */
export async function touchUnfinishedRuns(runner: SqlRunner, shop: string, at: Date): Promise<void> {
  const ts = runner.dialect === "postgres" ? "CAST(? AS timestamp(3))" : "?";
  await runner.run({
    sql: `UPDATE "SyncRun" SET "heartbeatAt" = ${ts} WHERE "shop" = ? AND "kind" = 'bulk' AND "status" IN ('running', 'ready', 'applying')`,
    params: [at, shop],
  });
}

/**
 * Marks failed the unfinished runs that depend on a bulk operation of an earlier process: still
 * running, or finished but not yet downloaded (`isDownloaded` says which result files are on
 * disk). The demo calls it because its stand-in restarts empty, with operation ids counted
 * from the same start; the resumed import then starts those resources again.
 */
export async function abandonRemoteRuns(
  runner: SqlRunner,
  shop: string,
  isDownloaded: (run: SyncRunRow) => boolean,
  at: Date,
): Promise<number> {
  const rows = await runner.query<RawRun>({
    sql: `SELECT ${COLUMNS} FROM "SyncRun" WHERE "shop" = ? AND "kind" = 'bulk' AND "status" IN ('running', 'ready', 'applying')`,
    params: [shop],
  });
  let abandoned = 0;
  for (const run of rows.map(toRow)) {
    if (run.status !== "running" && isDownloaded(run)) continue;
    await updateSyncRun(runner, shop, run.id, {
      status: "failed",
      finishedAt: at,
      lastError: "Its bulk operation belonged to a process that ended (started again)",
    });
    abandoned += 1;
  }
  return abandoned;
}

/** The newest unfinished bulk run for the resource: an interrupted import resumes it. */
export async function findUnfinishedRun(runner: SqlRunner, shop: string, resource: string): Promise<SyncRunRow | null> {
  const rows = await runner.query<RawRun>({
    sql: `SELECT ${COLUMNS} FROM "SyncRun" WHERE "shop" = ? AND "resource" = ? AND "kind" = 'bulk' AND "status" IN ('running', 'ready', 'applying') ORDER BY "startedAt" DESC LIMIT 1`,
    params: [shop, resource],
  });
  return rows[0] ? toRow(rows[0]) : null;
}

export async function findRunByOperation(runner: SqlRunner, shop: string, bulkOperationGid: string): Promise<SyncRunRow | null> {
  const rows = await runner.query<RawRun>({
    sql: `SELECT ${COLUMNS} FROM "SyncRun" WHERE "shop" = ? AND "bulkOperationGid" = ?`,
    params: [shop, bulkOperationGid],
  });
  return rows[0] ? toRow(rows[0]) : null;
}

/** Runs of the shop, newest first (the progress card reads the newest per resource). */
export async function listRuns(runner: SqlRunner, shop: string, limit = 50): Promise<(SyncRunRow & { shop: string })[]> {
  const rows = await runner.query<RawRun>({
    sql: `SELECT ${COLUMNS} FROM "SyncRun" WHERE "shop" = ? ORDER BY "startedAt" DESC LIMIT ${Math.trunc(limit)}`,
    params: [shop],
  });
  return rows.map((r) => ({ ...toRow(r), shop }));
}

export interface SyncRunUpdate {
  status?: SyncRunStatus;
  resultUrl?: string | null;
  objectCount?: number;
  finishedAt?: Date | null;
  lastError?: string | null;
}

export async function updateSyncRun(runner: SqlRunner, shop: string, id: string, update: SyncRunUpdate): Promise<void> {
  const sets: string[] = [];
  const params: SqlValue[] = [];
  const ts = runner.dialect === "postgres" ? "CAST(? AS timestamp(3))" : "?";
  for (const [key, value] of Object.entries(update) as [keyof SyncRunUpdate, SqlValue][]) {
    if (value === undefined) continue;
    sets.push(`"${key}" = ${key === "finishedAt" ? ts : "?"}`);
    params.push(value);
  }
  if (sets.length === 0) return;
  await runner.run({ sql: `UPDATE "SyncRun" SET ${sets.join(", ")} WHERE "id" = ? AND "shop" = ?`, params: [...params, id, shop] });
}
