/**
 * Every job the worker runs: name → handler and how it may run. Handlers receive payloads as
 * enqueued (untrusted JSON) and should parse them with zod before use.
 */
import { db } from "~/db.server";
import type { JobHandler } from "../queue";
import { webhookJobs } from "~/shopify/webhooks/jobs.server";
import { factsIndexCache } from "~/segments/facts-index.server";
import { SEGMENT_EVALUATE_JOB, segmentEvaluateHandler } from "~/segments/segment-evaluate-job.server";
import { IMPORT_JOB } from "~/shopify/sync/import-job.server";
import { DISPATCH_JOB, dispatchJobHandler } from "~/messaging/dispatch/dispatch-job.server";
import { shopDispatchDeps } from "~/messaging/dispatch/shop-deps.server";
import { messagingDeps } from "~/messaging/settings/deps.server";
import { appQueue } from "../app-queue.server";
import { pruneFinishedJobs } from "./jobs-prune.server";
import { shopifyImportJob } from "./shopify-import.server";

export interface JobDefinition {
  handler: JobHandler;
  /** Most handlers of this job running at once per worker process. */
  concurrency: number;
  /** Most starts per second per worker process. */
  ratePerSecond?: number;
  /** Run once a day at this UTC hour; the worker keeps one run scheduled. */
  daily?: { hourUtc: number };
}

export type JobRegistry = Record<string, JobDefinition>;

export const jobHandlers: JobRegistry = {
  "jobs.prune": {
    handler: async () => {
      await pruneFinishedJobs(db(), new Date());
    },
    concurrency: 1,
    daily: { hourUtc: 3 },
  },
  ...webhookJobs,
  [IMPORT_JOB]: shopifyImportJob,
  [SEGMENT_EVALUATE_JOB]: { handler: segmentEvaluateHandler(() => ({ db: db(), index: factsIndexCache() })), concurrency: 1 },
  // One shop's outbox per job; several shops' jobs run side by side.
  [DISPATCH_JOB]: { handler: dispatchJobHandler((shop) => shopDispatchDeps(messagingDeps(), shop), appQueue), concurrency: 4 },
};
