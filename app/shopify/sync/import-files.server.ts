// Applies downloaded bulk-operation JSONL files to the store, resource by resource, in the
// order parents need (collections before the products that link to them, customers before
// their orders), then links stragglers and recomputes customer facts.
import { applyJsonlFile, type ApplyProgress } from "./apply-jsonl.server";
import { deferIndexesOfEmptyTables, restoreDeferredIndexes } from "./deferred-indexes.server";
import { recomputeShopFacts } from "./facts.server";
import { RESOURCE_IMPORTS, SYNC_RESOURCES, type SyncResource } from "./resources";
import type { SqlRunner } from "../../db/sql-runner.server";
import { createSyncRun, findUnfinishedRun, updateSyncRun, type SyncRunRow } from "./sync-runs.server";

export interface ApplyResourceOptions {
  runner: SqlRunner;
  shop: string;
  resource: SyncResource;
  file: string;
  now: () => Date;
  /** The run to continue; by default the resource's unfinished run, else a new one. */
  run?: SyncRunRow;
  batchSize?: number;
  onBatch?: (resource: SyncResource, progress: ApplyProgress) => void;
}

/** Applies one resource's JSONL file under a SyncRun, resuming from its checkpoint. */
export async function applyResourceFile(options: ApplyResourceOptions): Promise<ApplyProgress> {
  const { runner, shop, resource, file } = options;
  const run =
    options.run ??
    (await findUnfinishedRun(runner, shop, resource)) ??
    (await createSyncRun(runner, shop, resource, { status: "applying", startedAt: options.now(), resultUrl: file }));
  await updateSyncRun(runner, shop, run.id, { status: "applying" });
  try {
    // A first import into an empty table builds its secondary indexes once, at the end.
    await deferIndexesOfEmptyTables(runner, resource);
    const progress = await applyJsonlFile({
      runner,
      shop,
      file,
      resource: RESOURCE_IMPORTS[resource],
      runId: run.id,
      checkpoint: run.checkpoint,
      doneCount: run.doneCount,
      batchSize: options.batchSize,
      onBatch: options.onBatch && ((p) => options.onBatch?.(resource, p)),
    });
    await restoreDeferredIndexes(runner, resource);
    await updateSyncRun(runner, shop, run.id, {
      status: "completed",
      finishedAt: options.now(),
      objectCount: Math.max(run.objectCount, progress.lines),
      lastError: progress.orphans > 0 ? `${progress.orphans} child lines had no parent in the store` : null,
    });
    return progress;
  } catch (error) {
    // The run stays resumable ("applying"); the error is shown on the progress card. The
    // indexes come back now, so the app does not run without them until the retry.
    await restoreDeferredIndexes(runner, resource).catch(() => undefined);
    await updateSyncRun(runner, shop, run.id, { lastError: error instanceof Error ? error.message : String(error) }).catch(() => undefined);
    throw error;
  }
}

export interface ImportFilesOptions {
  runner: SqlRunner;
  shop: string;
  files: Partial<Record<SyncResource, string>>;
  now?: () => Date;
  batchSize?: number;
  onBatch?: (resource: SyncResource, progress: ApplyProgress) => void;
}

export type ImportFilesResult = Partial<Record<SyncResource, ApplyProgress>>;

/** Applies local JSONL files (one per resource), then links rows and recomputes facts. */
export async function importBulkFiles(options: ImportFilesOptions): Promise<ImportFilesResult> {
  const now = options.now ?? (() => new Date());
  const result: ImportFilesResult = {};
  for (const resource of SYNC_RESOURCES) {
    const file = options.files[resource];
    if (!file) continue;
    result[resource] = await applyResourceFile({
      runner: options.runner,
      shop: options.shop,
      resource,
      file,
      now,
      batchSize: options.batchSize,
      onBatch: options.onBatch,
    });
  }
  await recomputeShopFacts(options.runner, options.shop, now());
  return result;
}
