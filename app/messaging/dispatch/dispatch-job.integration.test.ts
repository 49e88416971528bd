// The dispatch job: woken when rows are enqueued, re-enqueued (under its other key) while rows
// remain — now when due rows are left, at the next row's time when they wait.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EnqueueOptions, JobPayload } from "~/jobs/queue";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { enqueueOutboxMessages } from "../outbox/outbox-store.server";
import { ManualClock } from "./clock";
import { dispatchJobHandler, dispatchJobKey, DISPATCH_JOB, enqueueAndWake } from "./dispatch-job.server";
import { createCustomer, createShop, fakeDeps, smsRow } from "./test-support/dispatch-fixtures";

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => {
  await testDb.drop();
});

/** A queue that honours unique keys and records what was enqueued. */
class RecordingQueue {
  readonly jobs: { name: string; payload: JobPayload; options: EnqueueOptions }[] = [];
  readonly held = new Set<string>();
  async enqueue(name: string, payload: JobPayload, options: EnqueueOptions = {}): Promise<string | null> {
    if (options.uniqueKey && this.held.has(options.uniqueKey)) return null;
    if (options.uniqueKey) this.held.add(options.uniqueKey);
    this.jobs.push({ name, payload, options });
    return String(this.jobs.length);
  }
}

const job = (payload: JobPayload) => ({ id: "1", name: DISPATCH_JOB, payload, attempt: 1, signal: new AbortController().signal });

describe("messaging.dispatch", () => {
  it("is woken once per shop when rows are enqueued, under the shop's key", async () => {
    const clock = new ManualClock(new Date("2026-12-07T17:00:00Z"));
    const shop = await createShop(testDb.db);
    const people = [await createCustomer(testDb.db, shop), await createCustomer(testDb.db, shop)];
    const queue = new RecordingQueue();
    expect(
      await enqueueAndWake(
        testDb.db,
        queue,
        people.map((p) => smsRow(shop, p, clock.now())),
        clock.now(),
      ),
    ).toBe(2);
    expect(queue.jobs).toEqual([
      { name: DISPATCH_JOB, payload: { shop, slot: 0 }, options: expect.objectContaining({ uniqueKey: dispatchJobKey(shop, 0) }) },
    ]);
  });

  it("re-enqueues itself under its other key: now while due rows remain, at the next row's time when they wait", async () => {
    const clock = new ManualClock(new Date("2026-12-07T17:00:00Z"));
    const shop = await createShop(testDb.db);
    const people = [await createCustomer(testDb.db, shop), await createCustomer(testDb.db, shop)];
    const queue = new RecordingQueue();
    await enqueueAndWake(
      testDb.db,
      queue,
      people.map((p) => smsRow(shop, p, clock.now())),
      clock.now(),
    );
    const { deps, sms } = fakeDeps(testDb.db, clock);
    const handler = dispatchJobHandler(
      async () => deps,
      async () => queue,
      { batchSize: 1, budgetMs: 0 },
    );

    // WHEN the job runs with room for one row only
    await handler(job({ shop, slot: 0 }));
    // THEN one text went and a follow-up is due now under key 1
    expect(sms.sent).toHaveLength(1);
    expect(queue.jobs[1]).toEqual({
      name: DISPATCH_JOB,
      payload: { shop, slot: 1 },
      options: expect.objectContaining({ uniqueKey: dispatchJobKey(shop, 1), runAt: clock.now() }),
    });

    // WHEN the follow-up runs at night in New York with a new row waiting for 08:00
    queue.held.clear();
    clock.set(new Date("2026-12-08T07:00:00Z"));
    const third = await createCustomer(testDb.db, shop);
    await enqueueOutboxMessages(testDb.db, [smsRow(shop, third, clock.now())], clock.now());
    await handler(job({ shop, slot: 1 }));
    // (one row per run: the first run left a due row and queued its follow-up, which runs now)
    expect(queue.jobs.at(-1)?.options.runAt).toEqual(clock.now());
    queue.held.clear();
    await handler(job({ shop, slot: 0 }));
    // THEN the rows left (yesterday's second and the new one) wait, and the next job is due at 08:00 New York time
    expect(sms.sent).toHaveLength(1);
    expect(await testDb.db.outboxMessage.count({ where: { shop, status: "QUEUED", notBefore: new Date("2026-12-08T13:00:00Z") } })).toBe(2);
    expect(queue.jobs.at(-1)).toEqual({
      name: DISPATCH_JOB,
      payload: { shop, slot: 1 },
      options: expect.objectContaining({ runAt: new Date("2026-12-08T13:00:00Z") }),
    });
  });

  it("is registered with the worker", { timeout: 30_000 }, async () => {
    const { jobHandlers } = await import("~/jobs/handlers/index.server");
    expect(jobHandlers[DISPATCH_JOB]?.concurrency).toBeGreaterThan(0);
  });
});
