// The bulk import (install and "Resync"): one bulk operation per resource, started in
// parallel; each result file downloaded, then applied in dependency order with checkpoints;
// then out-of-order rows are linked and customer facts recomputed. Calling it again after a
// crash resumes: unfinished SyncRuns are picked up where they stopped (waiting, downloading or
// applying from their checkpoint) instead of starting new operations.
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Db } from "~/db.server";
import { createAdminClient, type AdminGraphql } from "~/shopify/admin-client.server";
import type { ShopSettingsRow } from "~/shopify/mappers/shop";
import type { ApplyProgress } from "./apply-jsonl.server";
import { downloadJsonl, startBulkQuery, waitForBulkOperation } from "./bulk-operations.server";
import { recomputeShopFacts } from "./facts.server";
import { applyResourceFile } from "./import-files.server";
import { RESOURCE_IMPORTS, SYNC_RESOURCES, type SyncResource } from "./resources";
import { syncShop } from "./shop.server";
import { prismaRunner, type SqlRunner } from "./sql-runner.server";
import { createSyncRun, findUnfinishedRun, updateSyncRun, type SyncRunRow } from "./sync-runs.server";

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
}

export interface ImportStoreResult {
  settings: ShopSettingsRow;
  resources: Partial<Record<SyncResource, ApplyProgress | null>>;
}

/** Imports the shop's store from the Admin API through bulk operations (the single entry point). */
export async function importStoreFromAdmin(options: ImportStoreOptions): Promise<ImportStoreResult> {
  const { graphql, db, shop } = options;
  const now = options.now ?? (() => new Date());
  const runner = options.runner ?? (await prismaRunner(db));
  const client = createAdminClient(graphql);
  let wanted = SYNC_RESOURCES.filter((r) => (options.resources ?? SYNC_RESOURCES).includes(r));
  const settings = await syncShop(graphql, db, shop);

  // An interrupted import is resumed, not restarted: if any wanted resource has an unfinished
  // run, only those runs are continued (the others finished in that same import). Otherwise
  // this is a fresh import or a "Resync": every operation starts now, so Shopify runs them in
  // parallel.
  const unfinished = new Map<SyncResource, SyncRunRow>();
  for (const resource of wanted) {
    const run = await findUnfinishedRun(runner, shop, resource);
    if (run) unfinished.set(resource, run);
  }
  const runs = new Map<SyncResource, SyncRunRow>(unfinished);
  if (unfinished.size > 0) wanted = wanted.filter((r) => unfinished.has(r));
  else {
    await Promise.all(
      wanted.map(async (resource) => {
        const startedAt = now();
        const id = await startBulkQuery(client, RESOURCE_IMPORTS[resource].query);
        runs.set(resource, await createSyncRun(runner, shop, resource, { status: "running", startedAt, bulkOperationGid: id }));
      }),
    );
  }

  const waited = new Map(
    wanted.map((resource) => {
      const run = runs.get(resource);
      if (!run) throw new Error(`No SyncRun for ${resource}`);
      const ready = run.status === "running" ? waitForBulkOperation(client, runner, shop, run, { pollIntervalMs: options.pollIntervalMs ?? 2_000 }) : Promise.resolve(run);
      ready.catch(() => undefined); // awaited below, in order
      return [resource, ready] as const;
    }),
  );

  const result: ImportStoreResult = { settings, resources: {} };
  const dataDir = options.dataDir ?? join(tmpdir(), "flock-bulk");
  for (const resource of wanted) {
    const run = await waited.get(resource);
    if (!run || run.status === "failed") {
      result.resources[resource] = null;
      continue;
    }
    if (!run.resultUrl) {
      // A completed export with no objects has no file.
      await updateSyncRun(runner, shop, run.id, { status: "completed", finishedAt: now() });
      result.resources[resource] = { checkpoint: 0, doneCount: 0, lines: 0, orphans: 0 };
      continue;
    }
    const file = join(dataDir, shop, `${run.id}.jsonl`);
    try {
      await downloadJsonl(run.resultUrl, file, options.fetch);
    } catch (error) {
      await updateSyncRun(runner, shop, run.id, { status: "failed", lastError: error instanceof Error ? error.message : String(error) });
      result.resources[resource] = null;
      continue;
    }
    result.resources[resource] = await applyResourceFile({ runner, shop, resource, file, run, now, batchSize: options.batchSize, onBatch: options.onBatch });
    // Kept until applied so a resume needs no new download (result URLs expire after a week).
    rmSync(file, { force: true });
  }
  await recomputeShopFacts(runner, shop, now());
  // Fresh statistics, or both databases plan against tables they never analysed (PostgreSQL's
  // first index build; SQLite picks the shop index over id look-ups).
  await runner.run({ sql: "ANALYZE", params: [] });
  return result;
}
