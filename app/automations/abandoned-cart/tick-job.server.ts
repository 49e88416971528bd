// The automations.tick job with the app's dependencies: the database, the shop's Admin API for
// codes (the demo's stand-in in the sandbox), the app URL and key for unsubscribe links. Each run
// schedules the next first, so a failing tick never ends the chain.
import { z } from "zod";
import { db } from "~/db/db.server";
import { adminGraphqlFor } from "~/shopify/admin-graphql-for.server";
import type { JobDefinition } from "~/jobs/registry";
import type { JobQueue } from "~/jobs/queue";
import { messagingDeps } from "~/messaging/settings/deps.server";
import { adminDiscountIssuer } from "./discounts.server";
import { DEFAULT_TICK_SECONDS, isFullTick, pullTickForward, runTick, scheduleTick } from "./tick.server";

/** `lastFullAt`: when the last full tick ran (ms); ticks in between only move due runs. */
const Payload = z.object({ slot: z.union([z.literal(0), z.literal(1)]), lastFullAt: z.number().int().optional() });

export function automationTickJob(options: { now: () => Date; queue: () => Promise<JobQueue>; everySeconds?: number }): JobDefinition {
  const every = (options.everySeconds ?? DEFAULT_TICK_SECONDS) * 1000;
  return {
    handler: async (job) => {
      const { slot, lastFullAt } = Payload.parse(job.payload);
      const now = options.now();
      const full = isFullTick(now, lastFullAt, every);
      const fullAt = full ? now.getTime() : lastFullAt;
      const queue = await options.queue();
      const other = slot === 0 ? 1 : 0;
      const followUpAt = new Date(now.getTime() + every);
      // The follow-up at a whole interval is a full tick; one pulled forward carries `fullAt`.
      if (job.attempt === 1) await scheduleTick(queue, followUpAt, [other]);
      const { key, appUrl } = messagingDeps();
      await runTick({ db: db(), queue, discounts: adminDiscountIssuer(adminGraphqlFor), key, appUrl }, now, { full });
      await pullTickForward(db(), queue, options.now(), followUpAt, other, fullAt);
    },
    concurrency: 1,
    start: async (queue, at) => {
      await scheduleTick(queue, at);
    },
  };
}
