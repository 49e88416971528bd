// The shopify.import job with the app's dependencies: the shop's Admin API, segment refresh
// before the shop stops counting as importing, then the hourly reconciliation and the segment
// clock, on the registry's clock and queue.
import { db } from "~/db/db.server";
import type { JobRegistry, RegistryOptions } from "~/jobs/registry";
import { factsIndexCache } from "~/segments/facts-index/facts-index.server";
import { adminGraphqlFor } from "~/shopify/admin-graphql-for.server";
import { scheduleReconcile, scheduleSegmentClock } from "~/shopify/webhooks/apply-queue.server";
import { refreshSegmentsAfterSync } from "~/shopify/webhooks/segment-refresh.server";
import { IMPORT_JOB, importJobHandler } from "./import-job.server";

export function syncJobs(options: RegistryOptions): JobRegistry {
  return {
    [IMPORT_JOB]: {
      handler: (job) =>
        importJobHandler({
          db: db(),
          graphqlFor: adminGraphqlFor,
          afterFacts: (shop) => refreshSegmentsAfterSync({ db: db(), index: factsIndexCache() }, shop, "all", options.now()),
          afterImport: async (shop) => {
            // From now on the shop is reconciled hourly and its time-based segments move on their own.
            const queue = await options.queue();
            const timeZone = (await db().shop.findUnique({ where: { shop }, select: { ianaTimezone: true } }))?.ianaTimezone ?? "UTC";
            await scheduleReconcile(queue, shop, options.now());
            await scheduleSegmentClock(queue, shop, timeZone, options.now());
          },
        })(job),
      // One import per worker process at a time; the unique key keeps one per shop overall.
      concurrency: 1,
    },
  };
}
