// Runs the queue contract against every adapter the current test database supports: the
// embedded queue on SQLite or PostgreSQL, and pg-boss only where the database is PostgreSQL.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createLogger } from "~/lib/logger.server";
import { createTestDb, type TestDb } from "../../tests/setup/test-db";
import { describeQueueContract, type QueueHarness } from "./queue-contract";
import type { JobQueue } from "./queue";
import { openTestQueue, TEST_TIMINGS } from "./test-support/test-queues.server";

async function embeddedHarness(): Promise<QueueHarness> {
  const testDb: TestDb = await createTestDb();
  return {
    open: (log) => openTestQueue("embedded", testDb.url, testDb.db, log),
    backoffMs: 200,
    leaseMs: TEST_TIMINGS.embedded.leaseMs,
    crashWorkerArgs: ["embedded", testDb.url],
    dispose: () => testDb.drop(),
  };
}

async function pgBossHarness(): Promise<QueueHarness> {
  const testDb = await createTestDb();
  if (testDb.kind !== "postgres") {
    await testDb.drop();
    throw new Error(
      `TEST_DATABASE is postgres but the test database is ${testDb.kind}: the global setup chose the template ` +
        "from the main process's environment, which a vitest project's `env` does not reach",
    );
  }
  return {
    open: (log) => openTestQueue("pgboss", testDb.url, undefined, log),
    backoffMs: 1000,
    leaseMs: TEST_TIMINGS.pgboss.leaseMs,
    crashWorkerArgs: ["pgboss", testDb.url],
    dispose: () => testDb.drop(),
  };
}

describeQueueContract(`embedded (${process.env.TEST_DATABASE})`, embeddedHarness);

if (process.env.TEST_DATABASE === "postgres") {
  describeQueueContract("pg-boss", pgBossHarness);
}

if (process.env.TEST_DATABASE === "postgres") {
  describe("pg-boss and a process clock that is off from the database's", () => {
    let harness: QueueHarness;
    let queue: JobQueue | undefined;
    beforeAll(async () => {
      harness = await pgBossHarness();
    });
    afterAll(async () => {
      await harness.dispose();
    });
    afterEach(async () => {
      await queue?.stop({ timeoutMs: 500 });
      vi.useRealTimers();
    });

    it("runs a due job at once and a delayed job after its delay, measured on the database's clock", async () => {
      // GIVEN this process believes it is 2030 while PostgreSQL's clock is the real one
      vi.useFakeTimers({ toFake: ["Date"], now: new Date("2030-06-15T12:00:00Z") });
      queue = await harness.open(createLogger({ level: "silent" }));
      const name = `skew.${randomUUID().slice(0, 8)}`;
      const ran: string[] = [];
      await queue.work(name, async (job) => void ran.push(String(job.payload.kind)), { concurrency: 1 });
      // WHEN a job is enqueued now, and another 1.5 s from now
      await queue.enqueue(name, { kind: "now" });
      await queue.enqueue(name, { kind: "later" }, { runAt: new Date(Date.now() + 1500) });
      // THEN the first runs without waiting for 2030, and the second only after its delay
      await vi.waitFor(() => expect(ran).toEqual(["now"]), { timeout: 5_000 });
      await vi.waitFor(() => expect(ran).toEqual(["now", "later"]), { timeout: 8_000 });
    });
  });
}
