// The `shopify.webhooks.apply` job: applies the shop's unapplied inbox events in arrival
// order. A failing event is recorded (attempts, lastError) and skipped so one bad body
// cannot block the shop; it is retried by the next run, up to MAX_EVENT_ATTEMPTS.
import { applyInboxRow, type AppliedChange, type ApplyDeps } from "./apply.server";
import { markFailed, nextInboxRows } from "./inbox.server";

export interface DrainResult {
  applied: number;
  failed: number;
}

const PAGE = 200;

/** Gathers what a drain changed, so segment memberships can be refreshed once afterwards. */
export class ChangeCollector {
  readonly customers = new Set<number>();
  storeWide = false;

  add(change: AppliedChange): void {
    if ("storeWide" in change) this.storeWide = true;
    else for (const id of change.customers) this.customers.add(id);
  }
}

export async function drainShopInbox(deps: ApplyDeps, shop: string, signal?: AbortSignal, changes?: ChangeCollector): Promise<DrainResult> {
  const result: DrainResult = { applied: 0, failed: 0 };
  let after = 0;
  for (;;) {
    const rows = await nextInboxRows(deps.db, shop, after, PAGE);
    if (rows.length === 0) return result;
    for (const row of rows) {
      signal?.throwIfAborted();
      after = row.id;
      // better-sqlite3 answers synchronously, so without this a long drain would only ever
      // await microtasks and starve the event loop (in dev the worker shares it with the
      // webhook routes and the inbox writer).
      await new Promise<void>((resolve) => setImmediate(resolve));
      try {
        // Not `changes?.add(await …)`: optional chaining would skip the apply itself.
        const change = await applyInboxRow(deps, shop, row);
        changes?.add(change);
        result.applied += 1;
      } catch (error) {
        await markFailed(deps.db, row.id, error);
        result.failed += 1;
      }
    }
  }
}
