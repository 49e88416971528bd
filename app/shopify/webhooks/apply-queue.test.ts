// A burst of webhooks makes one apply job per shop per bucket (a quarter second), which cannot
// start before the bucket has closed (so every row stored in it is committed before it runs).
import { describe, expect, it } from "vitest";
import type { EnqueueOptions, JobPayload, JobQueue } from "~/jobs/queue";
import { APPLY_BUCKET_MS, APPLY_JOB, applyJobKey, createApplyJobScheduler } from "./apply-queue.server";

function recordingQueue() {
  const calls: { name: string; payload: JobPayload; options: EnqueueOptions }[] = [];
  const queue = {
    enqueue: async (name: string, payload: JobPayload, options: EnqueueOptions = {}) => (calls.push({ name, payload, options }), "id"),
  } as unknown as JobQueue;
  return { queue, calls };
}

describe("apply job coalescing", () => {
  it("enqueues once per shop and bucket, keyed by both, to run soon after the bucket", async () => {
    const { queue, calls } = recordingQueue();
    const scheduler = createApplyJobScheduler(queue);
    const t = Date.parse("2026-11-23T12:00:00.250Z");
    const bucket = Math.floor(t / APPLY_BUCKET_MS);
    for (let i = 0; i < 20; i++) await scheduler.ensureApplyJob("a.myshopify.com", new Date(t + i * 10));
    await scheduler.ensureApplyJob("b.myshopify.com", new Date(t));
    await scheduler.ensureApplyJob("a.myshopify.com", new Date(t + APPLY_BUCKET_MS));
    expect(calls.map((c) => [c.payload.shop, c.options.uniqueKey])).toEqual([
      ["a.myshopify.com", applyJobKey("a.myshopify.com", bucket)],
      ["b.myshopify.com", applyJobKey("b.myshopify.com", bucket)],
      ["a.myshopify.com", applyJobKey("a.myshopify.com", bucket + 1)],
    ]);
    expect(calls[0]?.name).toBe(APPLY_JOB);
    const runAt = calls[0]?.options.runAt?.getTime() ?? 0;
    // Not before the bucket has closed, and well inside the 5 s lag budget after the delivery.
    expect(runAt).toBeGreaterThanOrEqual((bucket + 1) * APPLY_BUCKET_MS);
    expect(runAt - t).toBeLessThanOrEqual(1_000);
  });

  it("schedules reconciliation at the next hour, one per shop and hour", async () => {
    const { queue, calls } = recordingQueue();
    await createApplyJobScheduler(queue).scheduleReconcile("a.myshopify.com", new Date("2026-11-23T12:34:00Z"));
    expect(calls[0]?.options).toMatchObject({
      runAt: new Date("2026-11-23T13:00:00Z"),
      uniqueKey: expect.stringContaining("a.myshopify.com"),
    });
  });
});
