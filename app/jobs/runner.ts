/**
 * The worker loop both adapters share: poll for due jobs, keep at most `concurrency` handlers
 * running, space starts by the rate limit, heartbeat claims while handlers run, and stop
 * gracefully. Adapters only supply a JobSource (claim and settle against their storage), so
 * concurrency, rate limiting and shutdown behave identically on every backend.
 */
import type { Logger } from "pino";
import { errorText, rateLimitWaitMs, type JobContext, type JobHandler, type JobPayload, type WorkOptions } from "./queue";

export interface ClaimedJob {
  id: string;
  name: string;
  payload: JobPayload;
  attempt: number;
}

export type FailOutcome = "retrying" | "failed" | "lost";

/** One job name's storage, as a worker sees it. Settle calls report false when the claim was lost. */
export interface JobSource<J extends ClaimedJob> {
  claim(): Promise<J | null>;
  /** Extends the claim; false when it is no longer ours (cancelled, or taken over). */
  heartbeat(job: J): Promise<boolean>;
  complete(job: J): Promise<boolean>;
  fail(job: J, error: string): Promise<FailOutcome>;
  /** Puts the job back to pending without spending the attempt (shutdown). */
  release(job: J): Promise<void>;
}

export interface RunnerOptions extends WorkOptions {
  pollIntervalMs: number;
  heartbeatIntervalMs: number;
  log: Logger;
}

export interface Runner {
  stop(timeoutMs: number): Promise<void>;
}

interface InFlight<J> {
  job: J;
  controller: AbortController;
  /** Set once the job is settled or released: late heartbeats and results are then ignored. */
  done: boolean;
  finished: Promise<void>;
}

export function startRunner<J extends ClaimedJob>(
  name: string,
  source: JobSource<J>,
  handler: JobHandler<never>,
  options: RunnerOptions,
): Runner {
  const log = options.log.child({ job: name });
  const inFlight = new Set<InFlight<J>>();
  let stopping = false;
  let lastStartMs: number | undefined;
  let wakeUp: (() => void) | undefined;

  // The loop sleeps between polls; a finished handler or stop() wakes it early.
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });
  const wake = () => wakeUp?.();

  function run(job: J): void {
    const controller = new AbortController();
    const entry: InFlight<J> = { job, controller, done: false, finished: Promise.resolve() };
    const beat = setInterval(() => {
      source.heartbeat(job).then(
        (held) => {
          if (held || entry.done) return;
          log.warn({ jobId: job.id }, "job claim lost while running; its result will be discarded");
          controller.abort(new Error(`Job ${job.id} claim lost`));
        },
        (error: unknown) => log.warn({ jobId: job.id, error: errorText(error) }, "job heartbeat failed"),
      );
    }, options.heartbeatIntervalMs);

    const context: JobContext = { id: job.id, name: job.name, payload: job.payload, attempt: job.attempt, signal: controller.signal };
    entry.finished = (async () => {
      let failure: { error: unknown } | undefined;
      try {
        await (handler as JobHandler)(context);
      } catch (error) {
        failure = { error };
      }
      clearInterval(beat);
      if (entry.done) return; // released by stop(): the job is someone else's now
      entry.done = true;
      await settle(job, failure);
    })()
      .catch((error: unknown) => log.error({ jobId: job.id, error: errorText(error) }, "job settle failed; the claim will expire"))
      .finally(() => {
        clearInterval(beat);
        inFlight.delete(entry);
        wake();
      });
    inFlight.add(entry);
  }

  async function settle(job: J, failure: { error: unknown } | undefined): Promise<void> {
    const fields = { jobId: job.id, attempt: job.attempt };
    if (!failure) {
      if (await source.complete(job)) log.debug(fields, "job completed");
      else log.warn(fields, "job finished after its claim was lost; result discarded");
      return;
    }
    const error = errorText(failure.error);
    const outcome = await source.fail(job, error);
    if (outcome === "failed") log.error({ ...fields, error }, "job failed permanently");
    else if (outcome === "retrying") log.warn({ ...fields, error }, "job attempt failed; will retry");
    else log.warn({ ...fields, error }, "job failed after its claim was lost");
  }

  async function loop(): Promise<void> {
    while (!stopping) {
      if (inFlight.size >= options.concurrency) {
        await sleep(options.pollIntervalMs);
        continue;
      }
      const wait = rateLimitWaitMs(lastStartMs, options.ratePerSecond, Date.now());
      if (wait > 0) {
        await sleep(wait);
        continue;
      }
      let job: J | null;
      try {
        job = await source.claim();
      } catch (error) {
        log.error({ error: errorText(error) }, "claiming a job failed");
        await sleep(options.pollIntervalMs);
        continue;
      }
      if (!job) {
        await sleep(options.pollIntervalMs);
        continue;
      }
      if (stopping) {
        await source.release(job);
        break;
      }
      lastStartMs = Date.now();
      run(job);
    }
  }

  const looping = loop();

  return {
    async stop(timeoutMs) {
      stopping = true;
      wake();
      await looping;
      const all = Promise.all([...inFlight].map((entry) => entry.finished));
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        all.then(() => false),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs))),
      ]);
      clearTimeout(timer);
      if (!timedOut) return;
      // Handlers still running get their signal aborted and their jobs go back to pending for
      // another worker; whatever they do afterwards is ignored.
      await Promise.all(
        [...inFlight]
          .filter((entry) => !entry.done)
          .map(async (entry) => {
            entry.done = true;
            entry.controller.abort(new Error(`Worker for ${name} stopped`));
            try {
              await source.release(entry.job);
              log.warn({ jobId: entry.job.id }, "job released at shutdown");
            } catch (error) {
              log.error({ jobId: entry.job.id, error: errorText(error) }, "releasing a job failed; its claim will expire");
            }
          }),
      );
    },
  };
}
