// Job definitions of the webhook sync and of the segment clock, registered in
// app/jobs/handlers/index.server.ts. Every handler takes its time from the registry's clock,
// so a test can give the queue, the worker and the evaluator one clock.
import { z } from "zod";
import { db } from "~/db/db.server";
import { decodeKey, env } from "~/env.server";
import { appQueue } from "~/jobs/app-queue.server";
import type { JobDefinition } from "~/jobs/registry";
import type { JobQueue } from "~/jobs/queue";
import { eraseDueShops } from "~/privacy/uninstall.server";
import { factsIndexCache } from "~/segments/facts-index/facts-index.server";
import { refreshTimeBasedSegments } from "~/segments/segment-service.server";
import {
  APPLY_JOB,
  RECONCILE_JOB,
  scheduleApplyFollowUp,
  scheduleReconcile,
  scheduleSegmentClock,
  SEGMENT_CLOCK_JOB,
} from "./apply-queue.server";
import { applyShop, withShopLease, type ShopApplyDeps } from "./apply-shop.server";
import type { ApplyDeps } from "./apply.server";
import { dbDialect } from "../../db/dialect.server";
import { reconcileShop } from "./reconcile.server";
import { refreshPendingSegments } from "./segment-refresh.server";
import { markPending, WHOLE_STORE } from "./segment-refresh-pending.server";

const ShopPayload = z.object({ shop: z.string().min(1) });

/** How long the clock refresh waits for a shop whose inbox is being applied. */
const CLOCK_LEASE_WAIT_MS = 30_000;

/** Production dependencies of the appliers. */
export function applyDeps(now?: () => Date, onApplied?: ApplyDeps["onApplied"]): ApplyDeps {
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
    now,
    onApplied,
  };
}

export interface WebhookJobOptions {
  now: () => Date;
  /** The queue follow-up and next runs go to (the worker's own). */
  queue: () => Promise<JobQueue>;
  onApplied?: ApplyDeps["onApplied"];
}

async function timeZoneOf(shop: string): Promise<string> {
  return (await db().shop.findUnique({ where: { shop }, select: { ianaTimezone: true } }))?.ianaTimezone ?? "UTC";
}

/** Shops with the app installed: each keeps a clock refresh and a reconciliation scheduled. */
async function installedShops(): Promise<{ shop: string; ianaTimezone: string }[]> {
  return db().shop.findMany({ where: { uninstalledAt: null }, select: { shop: true, ianaTimezone: true } });
}

export function webhookJobs(
  { now, queue, onApplied }: WebhookJobOptions = { now: () => new Date(), queue: appQueue },
): Record<string, JobDefinition> {
  const shopDeps = (clock: () => Date): ShopApplyDeps => ({
    apply: applyDeps(clock, onApplied),
    segments: { db: db(), index: factsIndexCache() },
    now: clock,
  });
  return {
    [APPLY_JOB]: {
      handler: async (job) => {
        const { shop } = ShopPayload.parse(job.payload);
        const applied = await applyShop(shopDeps(now), shop, job.signal);
        // Another worker is applying this shop and may have read past our events: come back.
        if (applied === null) await scheduleApplyFollowUp(await queue(), shop, now());
        // A shop that sends webhooks gets reconciled hourly from now on.
        else await scheduleReconcile(await queue(), shop, now());
      },
      concurrency: 4,
    },
    [RECONCILE_JOB]: {
      handler: async (job) => {
        const { shop } = ShopPayload.parse(job.payload);
        // The next run first: a failing Shopify pull must not end the hourly chain.
        if (job.attempt === 1) await scheduleReconcile(await queue(), shop, now());
        const deps = shopDeps(now);
        await reconcileShop(deps.apply, shop);
        // Every segment is re-evaluated after the pull (repaired records); the apply job also
        // sweeps events whose own apply job was lost.
        await markPending(db(), deps.apply.dialect, shop, [WHOLE_STORE]);
        if ((await applyShop(deps, shop, job.signal)) === null) await scheduleApplyFollowUp(await queue(), shop, now());
      },
      concurrency: 2,
      start: async (q, at) => {
        for (const { shop } of await installedShops()) await scheduleReconcile(q, shop, at);
      },
    },
    // Time moves memberships on its own: hourly and at the shop's local midnight, rules with
    // relative dates ("ordered in the last 30 days") are re-evaluated, whether or not the shop
    // sends webhooks and whether or not the Shopify pull works.
    [SEGMENT_CLOCK_JOB]: {
      handler: async (job) => {
        const { shop } = ShopPayload.parse(job.payload);
        const timeZone = await timeZoneOf(shop);
        if (job.attempt === 1) await scheduleSegmentClock(await queue(), shop, timeZone, now());
        const deps = shopDeps(now);
        await withShopLease(
          deps,
          shop,
          CLOCK_LEASE_WAIT_MS,
          async () => {
            await refreshPendingSegments(deps.segments, shop, now, job.signal);
            await refreshTimeBasedSegments(deps.segments, shop, now());
          },
          job.signal,
        );
      },
      concurrency: 2,
      start: async (q, at) => {
        for (const { shop, ianaTimezone } of await installedShops()) await scheduleSegmentClock(q, shop, ianaTimezone, at);
      },
    },
    "privacy.erase-due": {
      handler: async () => {
        await eraseDueShops(db(), now());
      },
      concurrency: 1,
      daily: { hourUtc: 4 },
    },
  };
}
