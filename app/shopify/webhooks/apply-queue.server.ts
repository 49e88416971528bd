// Coalesced "apply the inbox" jobs. A burst of webhooks for one shop must not become a burst
// of jobs, so the job's unique key names the shop and a quarter-second bucket and the job may
// not start before the bucket has closed (plus a margin for clock skew between processes; NTP
// keeps hosts within a few milliseconds). Every row stored during bucket b is therefore
// committed before the bucket-b job starts: a request that finds the key already held knows
// that job will still see its row. Each process also remembers the buckets it has enqueued, so
// a burst costs one enqueue per shop per bucket. Short buckets matter: the first event of a
// burst waits for its bucket, the margin and the worker's poll before anything applies it.
import type { JobQueue } from "~/jobs/queue";
import { nextShopClockRun } from "~/jobs/schedule";

export const APPLY_JOB = "shopify.webhooks.apply";
export const APPLY_BUCKET_MS = 250;
const BUCKET_MS = APPLY_BUCKET_MS;
const SKEW_MARGIN_MS = 250;
const FOLLOW_UP_MS = 1_000;

export const RECONCILE_JOB = "shopify.reconcile";
const HOUR_MS = 3_600_000;

/** Re-evaluates a shop's memberships on its own clock (hourly and at local midnight). */
export const SEGMENT_CLOCK_JOB = "segments.clock";

export interface ApplyJobScheduler {
  ensureApplyJob(shop: string, now?: Date): Promise<void>;
  /** Makes sure the shop's reconciliation runs at the start of the next hour (once). */
  scheduleReconcile(shop: string, now?: Date): Promise<void>;
}

export function applyJobKey(shop: string, bucket: number): string {
  return `${APPLY_JOB}:${shop}:${bucket}`;
}

export function createApplyJobScheduler(queue: JobQueue): ApplyJobScheduler {
  const enqueued = new Map<string, number>();
  return {
    async ensureApplyJob(shop, now = new Date()) {
      const bucket = Math.floor(now.getTime() / BUCKET_MS);
      if (enqueued.get(shop) === bucket) return;
      await queue.enqueue(
        APPLY_JOB,
        { shop },
        { uniqueKey: applyJobKey(shop, bucket), runAt: new Date((bucket + 1) * BUCKET_MS + SKEW_MARGIN_MS) },
      );
      enqueued.set(shop, bucket);
    },
    async scheduleReconcile(shop, now = new Date()) {
      const next = Math.floor(now.getTime() / HOUR_MS) + 1;
      await queue.enqueue(
        RECONCILE_JOB,
        { shop },
        { uniqueKey: `${RECONCILE_JOB}:${shop}:${next}`, runAt: new Date(next * HOUR_MS), attempts: 3, backoffMs: 60_000 },
      );
    },
  };
}

/** Makes sure the shop's next clock refresh is scheduled: once, however many workers ask. */
export async function scheduleSegmentClock(queue: JobQueue, shop: string, timeZone: string, now: Date): Promise<void> {
  const runAt = nextShopClockRun(now, timeZone);
  await queue.enqueue(
    SEGMENT_CLOCK_JOB,
    { shop },
    { uniqueKey: `${SEGMENT_CLOCK_JOB}:${shop}:${runAt.toISOString()}`, runAt, attempts: 5, backoffMs: 5_000 },
  );
}

/** Makes sure the shop's next hourly reconciliation is scheduled (once). */
export async function scheduleReconcile(queue: JobQueue, shop: string, now: Date): Promise<void> {
  await createApplyJobScheduler(queue).scheduleReconcile(shop, now);
}

/** An apply job for the shop a little later: events a busy drain may have read past get applied. */
export async function scheduleApplyFollowUp(queue: JobQueue, shop: string, now: Date): Promise<void> {
  // Whole seconds (as before the buckets shrank): a follow-up that finds the shop still busy
  // schedules the next, so shorter steps would only spin while a long drain runs.
  const second = Math.floor(now.getTime() / FOLLOW_UP_MS) + 1;
  await queue.enqueue(
    APPLY_JOB,
    { shop },
    { uniqueKey: `${APPLY_JOB}:${shop}:s${second}:follow-up`, runAt: new Date((second + 1) * FOLLOW_UP_MS) },
  );
}
