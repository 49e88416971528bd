/**
 * Queues with test timings: short leases and fast polling keep the contract suite quick.
 * Shared by the integration tests and the crash-worker child process, so both sides of the
 * crash test run the same configuration.
 */
import type { Logger } from "pino";
import { connectDb, isPostgresUrl, type Db } from "~/db/db.server";
import { createEmbeddedQueue } from "../embedded-queue.server";
import { createPgBossQueue } from "../pgboss-queue.server";
import type { JobQueue } from "../queue";

export type TestAdapter = "embedded" | "pgboss";

export const TEST_TIMINGS = {
  embedded: { leaseMs: 1500, pollIntervalMs: 50 },
  // pg-boss enforces heartbeats of at least 10 s, so its lease cannot be shorter.
  pgboss: { leaseMs: 10_000, pollIntervalMs: 100 },
} as const;

export async function openTestQueue(adapter: TestAdapter, url: string, db: Db | undefined, log: Logger): Promise<JobQueue> {
  if (adapter === "pgboss") {
    return createPgBossQueue({ connectionString: url, log, timings: TEST_TIMINGS.pgboss, superviseIntervalSeconds: 1 });
  }
  return createEmbeddedQueue({
    db: db ?? connectDb(url),
    dialect: isPostgresUrl(url) ? "postgres" : "sqlite",
    log,
    timings: TEST_TIMINGS.embedded,
  });
}
