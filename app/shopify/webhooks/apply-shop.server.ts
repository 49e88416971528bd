// What the apply job does for one shop, holding the shop's drain lease: apply events a few
// thousand at a time and re-evaluate the customers they touched after each round, so
// memberships move during a long burst instead of after it, until the inbox and the pending
// list are both empty.
import type { SegmentDeps } from "~/segments/segment-service.server";
import type { ApplyDeps } from "./apply.server";
import { tryDrainLease, waitForDrainLease, type DrainLease } from "./drain-lease.server";
import { drainLeased, type DrainResult } from "./drain.server";
import { refreshPendingSegments } from "./segment-refresh.server";

/** Events applied between two membership refreshes during a burst. */
export const REFRESH_EVERY = 2_000;

export interface ShopApplyDeps {
  apply: ApplyDeps;
  segments: SegmentDeps;
  now: () => Date;
}

async function applyLeased(deps: ShopApplyDeps, shop: string, lease: DrainLease, signal?: AbortSignal): Promise<DrainResult> {
  const total: DrainResult = { applied: 0, failed: 0 };
  for (;;) {
    const round = await drainLeased(deps.apply, shop, { signal, lease, limit: REFRESH_EVERY });
    total.applied += round.applied;
    total.failed += round.failed;
    await refreshPendingSegments(deps.segments, shop, deps.now, signal);
    if (!round.more) return total;
  }
}

/**
 * Applies the shop's inbox and refreshes the memberships it changed. Null when another worker
 * holds the shop right now: the caller schedules a follow-up, since that worker may already
 * have read past the caller's events.
 */
export async function applyShop(deps: ShopApplyDeps, shop: string, signal?: AbortSignal): Promise<DrainResult | null> {
  const lease = await tryDrainLease(deps.apply.db, deps.apply.dialect, shop);
  if (!lease) return null;
  try {
    return await applyLeased(deps, shop, lease, signal);
  } finally {
    await lease.release();
  }
}

/**
 * Runs `work` holding the shop's lease, waiting up to `waitMs` for it; throws when it stays
 * taken (the job is retried). Used by the clock refresh, which must not interleave its writes
 * with an apply's.
 */
export async function withShopLease<T>(
  deps: ShopApplyDeps,
  shop: string,
  waitMs: number,
  work: () => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  const lease = await waitForDrainLease(deps.apply.db, deps.apply.dialect, shop, waitMs, 200, signal);
  if (!lease) throw new Error(`Shop ${shop} stayed busy for ${waitMs} ms; will retry`);
  try {
    return await work();
  } finally {
    await lease.release();
  }
}
