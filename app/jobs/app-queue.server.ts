// The web process's handle on the job queue, for code that only enqueues (install, webhooks).
// One per process; it does not run pg-boss's maintenance (the workers do).
import { db } from "~/db/db.server";
import { env } from "~/env.server";
import { createLogger } from "~/lib/logger.server";
import { createQueue } from "./create-queue.server";
import type { JobQueue } from "./queue";

declare global {
  var __flockAppQueue: Promise<JobQueue> | undefined;
}

export function appQueue(): Promise<JobQueue> {
  const config = env();
  globalThis.__flockAppQueue ??= createQueue(config, { db: db(), log: createLogger({ level: config.LOG_LEVEL }), supervise: false });
  return globalThis.__flockAppQueue;
}
