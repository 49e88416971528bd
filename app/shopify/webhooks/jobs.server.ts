// Job definitions of the webhook sync, registered in app/jobs/handlers/index.server.ts.
import { z } from "zod";
import { db } from "~/db.server";
import { decodeKey, env } from "~/env.server";
import type { JobDefinition } from "~/jobs/handlers/index.server";
import { eraseDueShops } from "~/privacy/uninstall.server";
import { APPLY_JOB, RECONCILE_JOB } from "./apply-queue.server";
import type { ApplyDeps } from "./apply.server";
import { dbDialect } from "./dialect.server";
import { factsIndexCache } from "~/segments/facts-index.server";
import { ChangeCollector, drainShopInbox } from "./drain.server";
import { receiveDeps } from "./receive.server";
import { reconcileShop } from "./reconcile.server";
import { refreshSegmentsAfterSync } from "./segment-refresh.server";

const ShopPayload = z.object({ shop: z.string().min(1) });

/** Production dependencies of the appliers. */
export function applyDeps(): ApplyDeps {
  const key = decodeKey(env().FLOCK_ENCRYPTION_KEY);
  if (!key) throw new Error("FLOCK_ENCRYPTION_KEY does not decode to 32 bytes");
  return {
    db: db(),
    dialect: dbDialect(db()),
    secret: key,
    adminGraphql: async (shop) => {
      const { unauthenticated } = await import("~/shopify.server");
      return (await unauthenticated.admin(shop)).admin.graphql;
    },
  };
}

export const webhookJobs: Record<string, JobDefinition> = {
  [APPLY_JOB]: {
    handler: async (job) => {
      const { shop } = ShopPayload.parse(job.payload);
      const changes = new ChangeCollector();
      await drainShopInbox(applyDeps(), shop, job.signal, changes);
      await refreshSegmentsAfterSync({ db: db(), index: factsIndexCache() }, shop, changes, new Date());
      // A shop that sends webhooks gets reconciled hourly from now on.
      await (await receiveDeps()).scheduler.scheduleReconcile(shop);
    },
    concurrency: 4,
  },
  [RECONCILE_JOB]: {
    handler: async (job) => {
      const { shop } = ShopPayload.parse(job.payload);
      const deps = applyDeps();
      await reconcileShop(deps, shop);
      // Also sweeps events whose apply job was lost.
      await drainShopInbox(deps, shop, job.signal);
      // Hourly, every segment is re-evaluated: repaired records, and rules with relative dates.
      await refreshSegmentsAfterSync({ db: db(), index: factsIndexCache() }, shop, "all", new Date());
      await (await receiveDeps()).scheduler.scheduleReconcile(shop);
    },
    concurrency: 2,
  },
  "privacy.erase-due": {
    handler: async () => {
      await eraseDueShops(db(), new Date());
    },
    concurrency: 1,
    daily: { hourUtc: 4 },
  },
};
