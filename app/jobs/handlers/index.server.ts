/**
 * Every job the worker runs: name → handler and how it may run. Handlers receive payloads as
 * enqueued (untrusted JSON) and should parse them with zod before use.
 */
import { db } from "~/db.server";
import { appQueue } from "../app-queue.server";
import type { JobHandler, JobQueue } from "../queue";
import { webhookJobs } from "~/shopify/webhooks/jobs.server";
import { factsIndexCache } from "~/segments/facts-index.server";
import { SEGMENT_EVALUATE_JOB, segmentEvaluateHandler } from "~/segments/segment-evaluate-job.server";
import { IMPORT_JOB } from "~/shopify/sync/import-job.server";
import { CONSENT_WRITEBACK_JOB } from "~/messaging/consent/consent-store.server";
import { consentWritebackHandler } from "~/messaging/consent/writeback.server";
import { DISPATCH_JOB, dispatchJobHandler } from "~/messaging/dispatch/dispatch-job.server";
import { shopDispatchDeps } from "~/messaging/dispatch/shop-deps.server";
import { systemClock } from "~/messaging/dispatch/clock";
import { messagingDeps } from "~/messaging/settings/deps.server";
import { ATTRIBUTE_JOB, attributionJob } from "~/messaging/attribution/attribution-job.server";
import { campaignStartJob } from "~/campaigns/start-job.server";
import { pruneFinishedJobs } from "./jobs-prune.server";
import { adminGraphqlFor, shopifyImportJob } from "./shopify-import.server";
import { OPTIN_START_JOB } from "~/optin/optin-store.server";
import { optInStartJob } from "~/optin/start-job.server";
import { TICK_JOB } from "~/automations/abandoned-cart/tick.server";
import { automationTickJob } from "~/automations/abandoned-cart/tick-job.server";

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

/** The registry with its clock: tests give the queue, the worker and the handlers one clock. */
export function jobRegistry(options: RegistryOptions = { now: () => new Date(), queue: appQueue }): JobRegistry {
  return {
    "jobs.prune": {
      handler: async () => {
        await pruneFinishedJobs(db(), options.now());
      },
      concurrency: 1,
      daily: { hourUtc: 3 },
    },
    ...webhookJobs(options),
    [IMPORT_JOB]: shopifyImportJob,
    [SEGMENT_EVALUATE_JOB]: { handler: segmentEvaluateHandler(() => ({ db: db(), index: factsIndexCache() })), concurrency: 1 },
    // Consent changes Flock made (STOP, unsubscribes) told to Shopify; Admin API cost is small.
    [CONSENT_WRITEBACK_JOB]: { handler: consentWritebackHandler(() => ({ db: db(), graphqlFor: adminGraphqlFor, now: options.now })), concurrency: 2, ratePerSecond: 2 },
    // One shop's outbox per job; several shops' jobs run side by side.
    [DISPATCH_JOB]: { handler: dispatchJobHandler((shop) => shopDispatchDeps(messagingDeps(), shop, { now: options.now, sleep: systemClock.sleep }), options.queue), concurrency: 4 },
    [OPTIN_START_JOB]: optInStartJob(options),
    [ATTRIBUTE_JOB]: attributionJob(options),
    [TICK_JOB]: automationTickJob(options),
    ...campaignStartJob(options),
  };
}

export const jobHandlers: JobRegistry = jobRegistry();
