// The `shopify.webhooks.apply` job's work: apply the shop's unapplied inbox events in batches
// (one transaction per batch, facts recomputed per batch of customers), each row read once.
// A batch that fails is applied again row by row, so one bad body fails only itself: it is
// recorded (attempts, lastError) and skipped, and retried by a later drain up to
// MAX_EVENT_ATTEMPTS. Only one drain per shop runs at a time (drain-lease.server.ts).
import { applyInboxBatch, applyInboxRow, type AppliedChange, type ApplyDeps } from "./apply.server";
import { markEventFailed, nextInboxBatch } from "./apply-inbox.server";
import { tryDrainLease, type DrainLease } from "./drain-lease.server";
import type { InboxRow } from "./inbox.server";

export interface DrainResult {
  applied: number;
  failed: number;
}

/** Events per transaction: large enough to amortise the commit, small enough to keep it short. */
export const BATCH = 250;
/** On SQLite a batch transaction stops taking events after this long (the rest go in the next one). */
export const BATCH_BUDGET_MS = 150;

/** Gathers what a drain changed (tests and callers that refresh in memory). */
export class ChangeCollector {
  readonly customers = new Set<number>();
  storeWide = false;

  add(change: AppliedChange): void {
    if ("storeWide" in change) this.storeWide = true;
    else for (const id of change.customers) this.customers.add(id);
  }
}

export interface DrainOptions {
  signal?: AbortSignal;
  changes?: ChangeCollector;
  /** Stop after about this many events (the caller refreshes memberships, then drains on). */
  limit?: number;
  /** Renewed between batches; the drain stops when it is lost. */
  lease?: DrainLease;
}

// better-sqlite3 answers synchronously, so a long drain would otherwise only await microtasks
// and starve the event loop (in dev the worker shares it with the webhook routes).
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Applies rows one by one (a batch that failed, or bulk_operations/finish, which calls Shopify). */
async function applyOneByOne(
  deps: ApplyDeps,
  shop: string,
  rows: readonly InboxRow[],
  result: DrainResult,
  changes?: ChangeCollector,
): Promise<void> {
  for (const row of rows) {
    try {
      // Not `changes?.add(await …)`: optional chaining would skip the apply itself.
      const change = await applyInboxRow(deps, shop, row);
      changes?.add(change);
      result.applied += 1;
    } catch (error) {
      await markEventFailed(deps.db, row, error);
      result.failed += 1;
    }
  }
}

/** Applies the shop's unapplied events in order. The caller holds the shop's drain lease. */
export async function drainLeased(deps: ApplyDeps, shop: string, options: DrainOptions = {}): Promise<DrainResult & { more: boolean }> {
  const { signal, changes, limit = Infinity, lease } = options;
  const result: DrainResult = { applied: 0, failed: 0 };
  let after = 0;
  while (result.applied + result.failed < limit) {
    signal?.throwIfAborted();
    if (lease && !(await lease.renew())) throw new Error(`Drain of ${shop} lost its lease`);
    const rows = await nextInboxBatch(deps.db, shop, after, BATCH);
    if (rows.length === 0) return { ...result, more: false };
    after = Math.max(...rows.map((r) => r.id));
    await yieldToEventLoop();
    // A bulk_operations/finish splits the batch: it talks to Shopify outside any transaction.
    let run: InboxRow[] = [];
    for (const row of [...rows, null]) {
      if (row !== null && row.topic !== "bulk_operations/finish") {
        run.push(row);
        continue;
      }
      while (run.length > 0) {
        try {
          // PostgreSQL's per-shop lock blocks no other shop and no receiver: no budget there.
          const change = await applyInboxBatch(deps, shop, run, deps.dialect === "sqlite" ? BATCH_BUDGET_MS : Infinity);
          changes?.add(change);
          result.applied += change.consumed;
          run = run.slice(change.consumed);
          if (run.length > 0) await yieldToEventLoop();
        } catch {
          await applyOneByOne(deps, shop, run, result, changes);
          run = [];
        }
      }
      run = [];
      if (row !== null) await applyOneByOne(deps, shop, [row], result, changes);
    }
  }
  return { ...result, more: true };
}

/**
 * Applies the shop's unapplied events, unless another worker is draining the shop right now
 * (then returns null: that drain, or the follow-up job the caller schedules, applies them).
 */
export async function drainShopInbox(
  deps: ApplyDeps,
  shop: string,
  signal?: AbortSignal,
  changes?: ChangeCollector,
): Promise<DrainResult | null> {
  const lease = await tryDrainLease(deps.db, deps.dialect, shop);
  if (!lease) return null;
  try {
    const { applied, failed } = await drainLeased(deps, shop, { signal, changes, lease });
    return { applied, failed };
  } finally {
    await lease.release();
  }
}
