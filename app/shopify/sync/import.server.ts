// The bulk import (install and "Resync"): one bulk operation per resource, started in
// parallel; each result file downloaded, then applied in dependency order with checkpoints;
// then out-of-order rows are linked and customer facts recomputed.
//
// Crash safety: the shop is marked importing (Shop.importingSince) before anything is written
// and unmarked only after the facts, so calling this again after a crash — the worker retrying
// its job, or the demo restarting — resumes: resources already completed since the mark are
// kept, unfinished SyncRuns continue from their checkpoint, and a run whose bulk operation or
// result file was lost with the process (the demo's stand-in restarts on a new port; result
// URLs expire) is started again — the upserts are idempotent, so re-applying lines is safe.
import { existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Db } from "~/db/db.server";
import { createAdminClient, type AdminClient, type AdminGraphql } from "~/shopify/admin-client.server";
import type { ShopSettingsRow } from "~/shopify/mappers/shop";
import type { ApplyProgress } from "./apply-jsonl.server";
import { downloadJsonl, startBulkQuery, waitForBulkOperation } from "./bulk-operations.server";
import { recomputeShopFacts } from "./facts.server";
import { applyResourceFile } from "./import-files.server";
import { beginImport, endImport } from "./import-state.server";
import { HEARTBEAT_MS } from "./progress";
import { RESOURCE_IMPORTS, SYNC_RESOURCES, type SyncResource } from "./resources";
import { syncShop } from "./shop.server";
import { prismaRunner, type SqlRunner } from "../../db/sql-runner.server";
import { createSyncRun, findLatestRun, touchUnfinishedRuns, UNFINISHED, updateSyncRun, type SyncRunRow } from "./sync-runs.server";

export interface ImportStoreOptions {
  /** `admin.graphql` from shopify-app-remix, or createFetchGraphql for the sandbox. */
  graphql: AdminGraphql;
  db: Db;
  /** The myshopify domain. */
  shop: string;
  /** Where result files are kept until applied (default: the OS temp dir). */
  dataDir?: string;
  /** Write path; default Prisma raw SQL on `db`. Pass openSqliteRunner(file) for the fast SQLite path. */
  runner?: SqlRunner;
  /** Subset to import ("retry" re-runs one resource); default all five. */
  resources?: readonly SyncResource[];
  pollIntervalMs?: number;
  batchSize?: number;
  fetch?: typeof fetch;
  now?: () => Date;
  onBatch?: (resource: SyncResource, progress: ApplyProgress) => void;
  /**
   * Stops the import between batches when aborted: the job's signal fires when the worker lost
   * its lease, so the worker that took the job over is the only one still writing.
   */
  signal?: AbortSignal;
  /** Runs after the facts, before the shop stops counting as importing (the job refreshes segments here). */
  afterFacts?: () => Promise<void>;
}

export interface ImportStoreResult {
  settings: ShopSettingsRow;
  resources: Partial<Record<SyncResource, ApplyProgress | null>>;
}

/** Thrown after the facts when a resource could not be imported: the job retries it. */
export class ImportIncompleteError extends Error {
  constructor(
    shop: string,
    readonly failed: readonly SyncResource[],
  ) {
    super(`Import of ${shop} did not finish: ${failed.join(", ")} failed`);
    this.name = "ImportIncompleteError";
  }
}

/**
 * Imports the shop's store from the Admin API through bulk operations (the single entry point).
 * Resolves once the store is complete; throws ImportIncompleteError (after the facts) when a
 * resource failed, leaving the shop marked importing for the next attempt.
 */
export async function importStoreFromAdmin(options: ImportStoreOptions): Promise<ImportStoreResult> {
  const { graphql, db, shop } = options;
  const now = options.now ?? (() => new Date());
  const runner = options.runner ?? (await prismaRunner(db));
  const client = createAdminClient(graphql);
  const signal = options.signal;
  const settings = await syncShop(graphql, db, shop);
  signal?.throwIfAborted();
  const since = await beginImport(db, shop, now());
  const requested = SYNC_RESOURCES.filter((r) => (options.resources ?? SYNC_RESOURCES).includes(r));

  // What is left of this import: a resource completed since the mark is done; an unfinished
  // run is continued; anything else gets a new bulk operation. New operations start together,
  // so Shopify runs them in parallel.
  const runs = new Map<SyncResource, SyncRunRow>();
  const fresh: SyncResource[] = [];
  for (const resource of requested) {
    const latest = await findLatestRun(runner, shop, resource);
    if (latest?.status === "completed" && latest.startedAt.getTime() >= since.getTime()) continue;
    if (latest && UNFINISHED.includes(latest.status)) runs.set(resource, latest);
    else fresh.push(resource);
  }
  const start = async (resource: SyncResource) => startRun(client, runner, shop, resource, now());
  await Promise.all(fresh.map(async (resource) => runs.set(resource, await start(resource))));
  signal?.throwIfAborted();
  const onBatch = (resource: SyncResource, progress: ApplyProgress) => {
    signal?.throwIfAborted();
    options.onBatch?.(resource, progress);
  };

  const heartbeat = setInterval(() => void touchUnfinishedRuns(runner, shop, now()).catch(() => undefined), HEARTBEAT_MS);
  const result: ImportStoreResult = { settings, resources: {} };
  const dataDir = options.dataDir ?? join(tmpdir(), "flock-bulk");
  try {
    const prepare = {
      client,
      runner,
      shop,
      dataDir,
      now,
      start,
      pollIntervalMs: options.pollIntervalMs ?? 2_000,
      fetch: options.fetch,
      signal,
    };
    const ready = new Map(
      [...runs].map(([resource, run]) => {
        const prepared = prepareFile(prepare, resource, run);
        prepared.catch(() => undefined); // awaited below, in order
        return [resource, prepared] as const;
      }),
    );
    for (const resource of SYNC_RESOURCES) {
      const prepared = ready.get(resource);
      if (!prepared) continue;
      const { run, file } = await prepared;
      signal?.throwIfAborted();
      if (run.status === "failed") {
        result.resources[resource] = null;
        continue;
      }
      if (file === null) {
        // A completed export with no objects has no file.
        await updateSyncRun(runner, shop, run.id, { status: "completed", finishedAt: now() });
        result.resources[resource] = { checkpoint: 0, doneCount: 0, lines: 0, orphans: 0 };
        continue;
      }
      result.resources[resource] = await applyResourceFile({
        runner,
        shop,
        resource,
        file,
        run,
        now,
        batchSize: options.batchSize,
        onBatch,
      });
      // Kept until applied so a resume needs no new download (result URLs expire after a week).
      rmSync(file, { force: true });
    }
  } finally {
    clearInterval(heartbeat);
  }

  signal?.throwIfAborted();
  await recomputeShopFacts(runner, shop, now());
  const failed: SyncResource[] = [];
  for (const resource of SYNC_RESOURCES) {
    const latest = await findLatestRun(runner, shop, resource);
    if (latest && latest.status !== "completed") failed.push(resource);
  }
  // Fresh statistics, or both databases plan against tables they never analysed (PostgreSQL's
  // first index build; SQLite picks the shop index over id look-ups).
  await runner.run({ sql: "ANALYZE", params: [] });
  if (failed.length > 0) throw new ImportIncompleteError(shop, failed);
  await options.afterFacts?.();
  await endImport(db, shop, since);
  return result;
}

/** Where a run's result file is kept until applied. */
export function resultFile(dataDir: string, shop: string, runId: string): string {
  return join(dataDir, shop, `${runId}.jsonl`);
}

async function startRun(
  client: AdminClient,
  runner: SqlRunner,
  shop: string,
  resource: SyncResource,
  startedAt: Date,
): Promise<SyncRunRow> {
  const id = await startBulkQuery(client, RESOURCE_IMPORTS[resource].query);
  return createSyncRun(runner, shop, resource, { status: "running", startedAt, bulkOperationGid: id });
}

interface PrepareContext {
  client: AdminClient;
  runner: SqlRunner;
  shop: string;
  dataDir: string;
  now: () => Date;
  start: (resource: SyncResource) => Promise<SyncRunRow>;
  pollIntervalMs: number;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

/**
 * Waits for the run's operation and downloads its file; `file` is null for an empty export.
 * A run whose operation or result is gone (unknown operation, a download that fails) is
 * marked failed and the resource started over once.
 */
async function prepareFile(
  ctx: PrepareContext,
  resource: SyncResource,
  initial: SyncRunRow,
  restarted = false,
): Promise<{ run: SyncRunRow; file: string | null }> {
  const { runner, shop } = ctx;
  const file = resultFile(ctx.dataDir, shop, initial.id);
  // Already downloaded before a crash: apply from the checkpoint, no new request.
  if (initial.status === "applying" && existsSync(file)) return { run: initial, file };
  try {
    const run =
      initial.status === "running"
        ? await waitForBulkOperation(ctx.client, runner, shop, initial, { pollIntervalMs: ctx.pollIntervalMs, signal: ctx.signal })
        : initial;
    if (run.status === "failed") return { run, file: null };
    if (!run.resultUrl) return { run, file: null };
    await downloadJsonl(run.resultUrl, file, ctx.fetch);
    return { run, file };
  } catch (error) {
    if (ctx.signal?.aborted) throw error;
    const message = error instanceof Error ? error.message : String(error);
    await updateSyncRun(runner, shop, initial.id, {
      status: "failed",
      finishedAt: ctx.now(),
      lastError: restarted ? message : `${message} (started again)`,
    });
    if (restarted) return { run: { ...initial, status: "failed", lastError: message }, file: null };
    return prepareFile(ctx, resource, await ctx.start(resource), true);
  }
}
