// Coalesced "apply the inbox" jobs. A burst of webhooks for one shop must not become a burst
// of jobs, so the job's unique key names the shop and a one-second bucket and the job may not
// start before the bucket has closed (plus a margin for clock skew between processes). Every
// row stored during bucket b is therefore committed before the bucket-b job starts: a request
// that finds the key already held knows that job will still see its row. Each process also
// remembers the buckets it has enqueued, so a burst costs one enqueue per shop per second.
import type { JobQueue } from "~/jobs/queue";

export const APPLY_JOB = "shopify.webhooks.apply";
const BUCKET_MS = 1_000;
const SKEW_MARGIN_MS = 1_000;

export const RECONCILE_JOB = "shopify.reconcile";
const HOUR_MS = 3_600_000;

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
      await queue.enqueue(APPLY_JOB, { shop }, { uniqueKey: applyJobKey(shop, bucket), runAt: new Date((bucket + 1) * BUCKET_MS + SKEW_MARGIN_MS) });
      enqueued.set(shop, bucket);
    },
    async scheduleReconcile(shop, now = new Date()) {
      const next = Math.floor(now.getTime() / HOUR_MS) + 1;
      await queue.enqueue(RECONCILE_JOB, { shop }, { uniqueKey: `${RECONCILE_JOB}:${shop}:${next}`, runAt: new Date(next * HOUR_MS), attempts: 3, backoffMs: 60_000 });
    },
  };
}
