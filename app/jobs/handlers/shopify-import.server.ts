// The shopify.import job with the app's dependencies: the shop's Admin API (the offline
// session, or the demo's loopback stand-in in the sandbox), segment refresh before the shop
// stops counting as importing, then the hourly reconciliation and the segment clock.
import { db } from "~/db.server";
import { appQueue } from "~/jobs/app-queue.server";
import { env } from "~/env.server";
import { sandboxDecision } from "~/lib/sandbox-guard.server";
import { factsIndexCache } from "~/segments/facts-index.server";
import type { AdminGraphql } from "~/shopify/admin-client.server";
import { createFetchGraphql } from "~/shopify/fetch-graphql.server";
import { importJobHandler } from "~/shopify/sync/import-job.server";
import { scheduleReconcile, scheduleSegmentClock } from "~/shopify/webhooks/apply-queue.server";
import { refreshSegmentsAfterSync } from "~/shopify/webhooks/segment-refresh.server";
import type { JobDefinition } from "./index.server";

export async function adminGraphqlFor(shop: string): Promise<AdminGraphql> {
  const config = env();
  if (sandboxDecision(config).enabled && shop === config.FLOCK_SANDBOX_SHOP) {
    const { FLOCK_SANDBOX_ADMIN_ORIGIN: origin, FLOCK_SANDBOX_ADMIN_TOKEN: accessToken } = config;
    if (!origin || !accessToken) throw new Error(`The sandbox shop ${shop} has no Admin API stand-in to import from`);
    return createFetchGraphql({ origin, shop, accessToken, apiVersion: "2026-10" });
  }
  const { unauthenticated } = await import("~/shopify.server");
  return (await unauthenticated.admin(shop)).admin.graphql;
}

export const shopifyImportJob: JobDefinition = {
  handler: (job) =>
    importJobHandler({
      db: db(),
      graphqlFor: adminGraphqlFor,
      afterFacts: (shop) => refreshSegmentsAfterSync({ db: db(), index: factsIndexCache() }, shop, "all", new Date()),
      afterImport: async (shop) => {
        // From now on the shop is reconciled hourly and its time-based segments move on their own.
        const queue = await appQueue();
        const timeZone = (await db().shop.findUnique({ where: { shop }, select: { ianaTimezone: true } }))?.ianaTimezone ?? "UTC";
        await scheduleReconcile(queue, shop, new Date());
        await scheduleSegmentClock(queue, shop, timeZone, new Date());
      },
    })(job),
  // One import per worker process at a time; the unique key keeps one per shop overall.
  concurrency: 1,
};
