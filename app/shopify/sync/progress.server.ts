// The home page's sync card and its retry button.
import type { Db } from "~/db.server";
import { forShop } from "~/lib/shop-scope.server";
import type { AdminGraphql } from "~/shopify/admin-client.server";
import { importStoreFromAdmin } from "./import.server";
import { summarizeSyncRuns, type ResourceProgress } from "./progress";
import type { SyncResource } from "./resources";

/** Sync state per resource, from the newest SyncRuns of the shop. */
export async function loadSyncProgress(db: Db, shop: string, now: Date): Promise<ResourceProgress[]> {
  const runs = await forShop(db, shop).syncRun.findMany({
    orderBy: { startedAt: "desc" },
    take: 100,
    select: { resource: true, status: true, objectCount: true, doneCount: true, startedAt: true, finishedAt: true, lastError: true },
  });
  return summarizeSyncRuns(runs, now);
}

export type RetryResult = { ok: true } | { ok: false; reason: "no_admin_api" };

/**
 * Re-runs one resource's import in the background and returns at once; the card polls the
 * progress. (It moves onto the job queue once app/jobs has a handler for it.)
 */
export function retrySyncResource(options: { graphql: AdminGraphql | null; db: Db; shop: string; resource: SyncResource; onError: (error: unknown) => void }): RetryResult {
  const { graphql } = options;
  if (!graphql) return { ok: false, reason: "no_admin_api" };
  importStoreFromAdmin({ graphql, db: options.db, shop: options.shop, resources: [options.resource] }).catch(options.onError);
  return { ok: true };
}
