// Runs the queue contract against every adapter the current test database supports: the
// embedded queue on SQLite or PostgreSQL, and pg-boss only where the database is PostgreSQL.
import { createTestDb, type TestDb } from "../../tests/setup/test-db";
import { describeQueueContract, type QueueHarness } from "./queue-contract";
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
