/**
 * Starts a job worker: one runner per registered job, plus the daily schedules. Used by
 * `npm run worker` (worker-main.ts) and by the web process in dev and demo.
 */
import type { Logger } from "pino";
import type { JobRegistry } from "./registry";
import { errorText, type JobHandler, type JobQueue, type StopOptions } from "./queue";
import { dailyRunKey, nextDailyRun } from "./schedule";

export interface Worker {
  /** Stops claiming, lets in-flight jobs finish (or releases them after the timeout), closes the queue. */
  stop(options?: StopOptions): Promise<void>;
}

export interface StartWorkerOptions {
  queue: JobQueue;
  handlers: JobRegistry;
  log: Logger;
  now?: () => Date;
}

export async function startWorker({ queue, handlers, log, now = () => new Date() }: StartWorkerOptions): Promise<Worker> {
  for (const [name, definition] of Object.entries(handlers)) {
    const { daily } = definition;
    const handler: JobHandler = daily
      ? async (job) => {
          // Schedule tomorrow's run first, so a failing run cannot break the chain.
          if (job.attempt === 1) await scheduleDaily(queue, name, daily.hourUtc, now());
          await definition.handler(job);
        }
      : definition.handler;
    await queue.work(name, handler, { concurrency: definition.concurrency, ratePerSecond: definition.ratePerSecond });
    if (daily) await scheduleDaily(queue, name, daily.hourUtc, now());
  }
  for (const [name, definition] of Object.entries(handlers)) {
    try {
      await definition.start?.(queue, now());
    } catch (error) {
      // A worker still runs its jobs when a start hook fails; the next worker start tries again.
      log.error({ job: name, error: errorText(error) }, "scheduling at worker start failed");
    }
  }
  log.info({ jobs: Object.keys(handlers), queue: queue.kind }, "job worker started");
  return {
    async stop(options) {
      await queue.stop(options);
      log.info("job worker stopped");
    },
  };
}

/** Enqueues the next daily run unless one is already pending; returns its id or null. */
export async function scheduleDaily(queue: JobQueue, name: string, hourUtc: number, now: Date): Promise<string | null> {
  const runAt = nextDailyRun(now, hourUtc);
  return queue.enqueue(name, {}, { runAt, uniqueKey: dailyRunKey(name, runAt) });
}
