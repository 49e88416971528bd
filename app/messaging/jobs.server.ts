// The messaging domain's jobs (composed into the worker's registry by app/jobs/handlers/index.server.ts).
import { db } from "~/db/db.server";
import type { JobRegistry, RegistryOptions } from "~/jobs/registry";
import { adminGraphqlFor } from "~/shopify/admin-graphql-for.server";
import { ATTRIBUTE_JOB, attributionJob } from "./attribution/attribution-job.server";
import { CONSENT_WRITEBACK_JOB } from "./consent/consent-store.server";
import { consentWritebackHandler } from "./consent/writeback.server";
import { systemClock } from "./dispatch/clock";
import { DISPATCH_JOB, dispatchJobHandler } from "./dispatch/dispatch-job.server";
import { shopDispatchDeps } from "./dispatch/shop-deps.server";
import { messagingDeps } from "./settings/deps.server";

export function messagingJobs(options: RegistryOptions): JobRegistry {
  return {
    // Consent changes Flock made (STOP, unsubscribes) told to Shopify; Admin API cost is small.
    [CONSENT_WRITEBACK_JOB]: {
      handler: consentWritebackHandler(() => ({ db: db(), graphqlFor: adminGraphqlFor, now: options.now })),
      concurrency: 2,
      ratePerSecond: 2,
    },
    // One shop's outbox per job; several shops' jobs run side by side.
    [DISPATCH_JOB]: {
      handler: dispatchJobHandler(
        (shop) => shopDispatchDeps(messagingDeps(), shop, { now: options.now, sleep: systemClock.sleep }),
        options.queue,
      ),
      concurrency: 4,
    },
    [ATTRIBUTE_JOB]: attributionJob(options),
  };
}
