/**
 * Every job the worker runs, composed from the domains that own them. Handlers receive payloads
 * as enqueued (untrusted JSON) and should parse them with zod before use.
 */
import { db } from "~/db/db.server";
import { automationTickJob } from "~/automations/abandoned-cart/tick-job.server";
import { TICK_JOB } from "~/automations/abandoned-cart/tick.server";
import { campaignStartJob } from "~/campaigns/start-job.server";
import { messagingJobs } from "~/messaging/jobs.server";
import { OPTIN_START_JOB } from "~/optin/optin-store.server";
import { optInStartJob } from "~/optin/start-job.server";
import { segmentJobs } from "~/segments/jobs.server";
import { syncJobs } from "~/shopify/sync/jobs.server";
import { webhookJobs } from "~/shopify/webhooks/jobs.server";
import { appQueue } from "../app-queue.server";
import type { JobRegistry, RegistryOptions } from "../registry";
import { pruneFinishedJobs } from "./jobs-prune.server";

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
    ...syncJobs(options),
    ...segmentJobs(),
    ...messagingJobs(options),
    [OPTIN_START_JOB]: optInStartJob(options),
    [TICK_JOB]: automationTickJob(options),
    ...campaignStartJob(options),
  };
}

export const jobHandlers: JobRegistry = jobRegistry();
