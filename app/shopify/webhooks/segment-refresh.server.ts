// Keeps materialised segment memberships in step with the store. Applying webhook events lists
// the customers they touched in SegmentRefreshPending (in the same transaction); the refresh
// re-evaluates them a chunk at a time and unlists each chunk once its memberships committed, so
// a refresh that fails or is killed half way is finished by the next one, and any number of
// customers is refreshed without hitting a database's parameter limit. After a bulk import, a
// reconciliation or on the shop's clock (time-refresh.server.ts) every dynamic segment is.
import type { SegmentDeps } from "~/segments/segment-service.server";
import { refreshAllSegments, refreshCustomers } from "~/segments/segment-service.server";
import type { ChangeCollector } from "./drain.server";
import { clearPending, nextPending, WHOLE_STORE } from "./segment-refresh-pending.server";

/**
 * Customers re-evaluated (and unlisted) together. Each round costs a catch-up of the index and
 * a membership transaction per segment whatever its size, so rounds are large; statements
 * inside still bind at most a few hundred ids each.
 */
export const REFRESH_CHUNK = 2_000;

export async function refreshSegmentsAfterSync(
  deps: SegmentDeps,
  shop: string,
  changes: ChangeCollector | "all",
  now: Date,
): Promise<void> {
  if (changes === "all" || changes.storeWide) {
    await refreshAllSegments(deps, shop, now);
    return;
  }
  await refreshCustomers(deps, shop, [...changes.customers], now);
}

export interface PendingRefreshResult {
  customers: number;
  storeWide: boolean;
}

/**
 * Re-evaluates every listed customer of the shop (or the whole store when so listed) and
 * unlists them chunk by chunk. `signal` stops between chunks; what is left stays listed.
 */
export async function refreshPendingSegments(
  deps: SegmentDeps,
  shop: string,
  now: () => Date,
  signal?: AbortSignal,
  chunkSize = REFRESH_CHUNK,
): Promise<PendingRefreshResult> {
  const result: PendingRefreshResult = { customers: 0, storeWide: false };
  let after = -1;
  for (;;) {
    signal?.throwIfAborted();
    const chunk = await nextPending(deps.db, shop, after, chunkSize);
    if (chunk.length === 0) return result;
    after = chunk[chunk.length - 1]?.customerId ?? after;
    const ids = chunk.filter((p) => p.customerId !== WHOLE_STORE).map((p) => p.customerId);
    if (ids.length < chunk.length) {
      await refreshAllSegments(deps, shop, now());
      result.storeWide = true;
    }
    if (ids.length > 0) await refreshCustomers(deps, shop, ids, now());
    await clearPending(deps.db, shop, chunk);
    result.customers += ids.length;
  }
}
