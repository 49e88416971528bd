import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createLogger } from "~/lib/logger.server";
import { createTestDb, type TestDb } from "../../tests/setup/test-db";
import { createEmbeddedQueue } from "./embedded-queue.server";
import { pruneFinishedJobs } from "./handlers/jobs-prune.server";
import type { JobQueue } from "./queue";
import { startWorker, type Worker } from "./worker.server";

let testDb: TestDb;
let queue: JobQueue;
let worker: Worker | undefined;
const log = createLogger({ level: "silent" });

beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => {
  await testDb.drop();
});
afterEach(async () => {
  await worker?.stop({ timeoutMs: 500 });
  worker = undefined;
});

function openQueue(): JobQueue {
  queue = createEmbeddedQueue({ db: testDb.db, dialect: testDb.kind, log, timings: { leaseMs: 1500, pollIntervalMs: 50 } });
  return queue;
}

describe("startWorker", () => {
  it("runs every registered job with its own limits", async () => {
    const ran: string[] = [];
    const a = `a.${randomUUID().slice(0, 8)}`;
    const b = `b.${randomUUID().slice(0, 8)}`;
    worker = await startWorker({
      queue: openQueue(),
      log,
      handlers: {
        [a]: { handler: async () => void ran.push(a), concurrency: 1 },
        [b]: { handler: async () => void ran.push(b), concurrency: 2, ratePerSecond: 10 },
      },
    });
    await queue.enqueue(a, {});
    await queue.enqueue(b, {});
    await vi.waitFor(() => expect(ran.sort()).toEqual([a, b].sort()), { timeout: 10_000 });
  });

  it("keeps exactly one run of a daily job scheduled, however many workers start, and schedules the next day when it runs", async () => {
    const name = `daily.${randomUUID().slice(0, 8)}`;
    const runs: number[] = [];
    const handlers = { [name]: { handler: async () => void runs.push(Date.now()), concurrency: 1, daily: { hourUtc: 3 } } };
    // One clock for the queues and the workers, so the date means the same to both whatever today is.
    let clockAt = new Date("2026-11-24T01:00:00Z");
    const now = () => clockAt;
    const openClockedQueue = () => {
      queue = createEmbeddedQueue({ db: testDb.db, dialect: testDb.kind, log, timings: { leaseMs: 1500, pollIntervalMs: 50 }, now });
      return queue;
    };
    // GIVEN two workers starting at 01:00 UTC
    worker = await startWorker({ queue: openClockedQueue(), log, handlers, now });
    const second = await startWorker({ queue: createEmbeddedQueue({ db: testDb.db, dialect: testDb.kind, log, now }), log, handlers, now });
    await second.stop({ timeoutMs: 0 });
    // THEN one run is pending, for today's hour, under today's key, and it does not run early
    await new Promise((resolve) => setTimeout(resolve, 300));
    const pending = await testDb.db.job.findMany({ where: { queue: name } });
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ state: "PENDING", uniqueKey: `${name}:2026-11-24`, runAt: new Date("2026-11-24T03:00:00Z") });
    expect(runs).toHaveLength(0);

    // WHEN the clock reaches 03:00:01
    await worker.stop({ timeoutMs: 0 });
    clockAt = new Date("2026-11-24T03:00:01Z");
    worker = await startWorker({ queue: openClockedQueue(), log, handlers, now });
    await vi.waitFor(() => expect(runs).toHaveLength(1), { timeout: 10_000 });
    // THEN tomorrow's run is scheduled
    await vi.waitFor(async () => {
      const jobs = await testDb.db.job.findMany({ where: { queue: name }, orderBy: { runAt: "asc" } });
      expect(jobs.map((j) => [j.state, j.uniqueKey])).toEqual([
        ["COMPLETED", `${name}:2026-11-24`],
        ["PENDING", `${name}:2026-11-25`],
      ]);
    });
  });
});

describe("pruneFinishedJobs", () => {
  it("deletes completed and cancelled jobs finished over 7 days ago, and keeps the rest", async () => {
    const name = `prune.${randomUUID().slice(0, 8)}`;
    const now = new Date("2026-11-24T03:00:00Z");
    const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 3600 * 1000);
    const make = (state: "COMPLETED" | "CANCELLED" | "FAILED" | "PENDING", completedAt: Date | null) =>
      testDb.db.job.create({ data: { queue: name, payload: "{}", runAt: daysAgo(30), state, completedAt } });
    const oldCompleted = await make("COMPLETED", daysAgo(8));
    const oldCancelled = await make("CANCELLED", daysAgo(10));
    const recent = await make("COMPLETED", daysAgo(6));
    const failed = await make("FAILED", daysAgo(30));
    const pending = await make("PENDING", null);

    expect(await pruneFinishedJobs(testDb.db, now)).toBeGreaterThanOrEqual(2);

    const left = await testDb.db.job.findMany({ where: { queue: name }, select: { id: true } });
    expect(left.map((j) => j.id).sort()).toEqual([recent.id, failed.id, pending.id].sort());
    expect(left.map((j) => j.id)).not.toContain(oldCompleted.id);
    expect(left.map((j) => j.id)).not.toContain(oldCancelled.id);
  });
});
