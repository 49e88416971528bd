// The home page's sync card and its retry button.
import type { Db } from "~/db/db.server";
import { forShop } from "~/db/shop-scope.server";
import type { JobQueue } from "~/jobs/queue";
import { requestImport, type ImportRequest } from "./import-job.server";
import { summarizeSyncRuns, type ResourceProgress } from "./progress";
import type { SyncResource } from "./resources";

/** Sync state per resource, from the newest SyncRuns of the shop. */
export async function loadSyncProgress(db: Db, shop: string, now: Date): Promise<ResourceProgress[]> {
  const runs = await forShop(db, shop).syncRun.findMany({
    orderBy: { startedAt: "desc" },
    take: 100,
    select: {
      resource: true,
      status: true,
      objectCount: true,
      doneCount: true,
      startedAt: true,
      finishedAt: true,
      lastError: true,
      heartbeatAt: true,
    },
  });
  return summarizeSyncRuns(runs, now);
}

export type RetryResult = ImportRequest | { ok: false; reason: "no_admin_api"; message: string };

/**
 * The card's Retry: queues the resource's import as a job (refused, with the reason, while
 * another import of the shop is queued or running). The card polls the progress.
 */
export async function retrySyncResource(options: {
  hasAdminApi: boolean;
  queue: () => Promise<Pick<JobQueue, "enqueue">>;
  db: Db;
  shop: string;
  resource: SyncResource;
  now: Date;
}): Promise<RetryResult> {
  if (!options.hasAdminApi) return { ok: false, reason: "no_admin_api", message: "The Admin API is not available for this shop" };
  return requestImport(await options.queue(), options.db, options.shop, [options.resource], options.now);
}
