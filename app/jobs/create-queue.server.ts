/**
 * Picks the queue adapter: pg-boss when the app database is PostgreSQL (unless FLOCK_QUEUE is
 * "embedded"), otherwise the embedded queue in the app database.
 */
import type { Logger } from "pino";
import { isPostgresUrl, type Db } from "~/db/db.server";
import type { Env } from "~/env.server";
import { createEmbeddedQueue } from "./embedded-queue.server";
import { createPgBossQueue } from "./pgboss-queue.server";
import type { JobQueue } from "./queue";

export type QueueConfig = Pick<Env, "DATABASE_URL" | "FLOCK_QUEUE">;

export function queueKind(config: QueueConfig): JobQueue["kind"] {
  const postgres = isPostgresUrl(config.DATABASE_URL);
  if (config.FLOCK_QUEUE === "pgboss" && !postgres) throw new Error("FLOCK_QUEUE=pgboss needs a postgres:// DATABASE_URL");
  return postgres && config.FLOCK_QUEUE !== "embedded" ? "pgboss" : "embedded";
}

export interface QueueDeps {
  db: Db;
  log: Logger;
  /** Run pg-boss's supervisor (workers: yes; one-shot clients such as the CLI: no). */
  supervise?: boolean;
  /** The clock run-at times are read against (default: the system's). */
  now?: () => Date;
  /** pg-boss: how often lost heartbeats are looked for (default 60 s). */
  superviseIntervalSeconds?: number | undefined;
}

export async function createQueue(config: QueueConfig, deps: QueueDeps): Promise<JobQueue> {
  if (queueKind(config) === "pgboss") {
    return createPgBossQueue({
      connectionString: config.DATABASE_URL,
      log: deps.log,
      supervise: deps.supervise ?? true,
      ...(deps.now ? { now: deps.now } : {}),
      ...(deps.superviseIntervalSeconds === undefined ? {} : { superviseIntervalSeconds: deps.superviseIntervalSeconds }),
    });
  }
  return createEmbeddedQueue({
    db: deps.db,
    dialect: isPostgresUrl(config.DATABASE_URL) ? "postgres" : "sqlite",
    log: deps.log,
    ...(deps.now ? { now: deps.now } : {}),
  });
}
