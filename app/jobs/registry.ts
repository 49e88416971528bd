// What a job is to the worker: its handler and how it may run. Each domain owns its jobs'
// definitions (segments/jobs.server.ts, messaging/jobs.server.ts, shopify/webhooks/jobs.server.ts,
// …) and app/jobs/handlers/index.server.ts only composes them, so no domain imports the registry.
import type { JobHandler, JobQueue } from "./queue";

export interface JobDefinition {
  handler: JobHandler;
  /** Most handlers of this job running at once per worker process. */
  concurrency: number;
  /** Most starts per second per worker process. */
  ratePerSecond?: number;
  /** Run once a day at this UTC hour; the worker keeps one run scheduled. */
  daily?: { hourUtc: number };
  /** Called when a worker starts, after its runner: schedules what must always be scheduled. */
  start?: (queue: JobQueue, now: Date) => Promise<void>;
}

export type JobRegistry = Record<string, JobDefinition>;

export interface RegistryOptions {
  now: () => Date;
  /** The queue handlers schedule follow-up work on. */
  queue: () => Promise<JobQueue>;
  /** Told the inbox rows each committed apply covered (benchmarks count double applies). */
  onApplied?: (rowIds: readonly number[]) => void;
}
