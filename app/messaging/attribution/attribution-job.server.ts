/**
 * The messaging.attribute job: attributes a shop's orders (attribute-shop.server.ts).
 *
 * When it runs: `kickAttribution` when a delivery or an open is stored (and, at merge, a click),
 * and every quarter hour while the shop has touches recent enough to still take credit for an
 * order (within its longest window), so orders arriving by webhook are attributed within about
 * 15 minutes without the order path knowing about attribution. Runs are keyed by the shop and
 * the instant they run at, so a burst of kicks in one minute is one job, and a kick that falls
 * on a quarter hour joins the periodic run. A run starts a second after its minute closes (as
 * the webhook apply job does), so an event stored during that minute is seen by it.
 */
import { z } from "zod";
import { db as appDb, type Db } from "~/db/db.server";
import type { JobDefinition } from "~/jobs/registry";
import type { EnqueueOptions, JobHandler, JobPayload, JobQueue } from "~/jobs/queue";
import { dbDialect } from "~/db/dialect.server";
import { longestWindowHours } from "./attribute";
import { attributeShop, type AttributeShopOptions } from "./attribute-shop.server";
import { hasTouchesSince, readWindows } from "./attribution-store.server";

export const ATTRIBUTE_JOB = "messaging.attribute";

const KICK_BUCKET_MS = 60_000;
const PERIOD_MS = 15 * 60_000;
const SKEW_MARGIN_MS = 1_000;
const HOUR_MS = 3_600_000;
const JOB_OPTIONS: EnqueueOptions = { attempts: 5, backoffMs: 10_000 };

const AttributePayload = z.object({ shop: z.string().min(1) });

/** What enqueues: the job queue, or the webhook deps' `enqueue` (which passes the options on). */
export interface AttributionQueue {
  enqueue(name: string, payload: JobPayload, options: EnqueueOptions): Promise<unknown>;
}

export function attributionJobKey(shop: string, runsAfter: Date): string {
  return `${ATTRIBUTE_JOB}:${shop}:${runsAfter.toISOString()}`;
}

/** Enqueues the shop's run for the bucket ending at `bucketEnd`, once however many ask. */
async function enqueueRun(queue: AttributionQueue, shop: string, bucketEnd: number): Promise<void> {
  const end = new Date(bucketEnd);
  await queue.enqueue(
    ATTRIBUTE_JOB,
    { shop },
    { ...JOB_OPTIONS, uniqueKey: attributionJobKey(shop, end), runAt: new Date(bucketEnd + SKEW_MARGIN_MS) },
  );
}

/** Makes sure a run for the shop starts shortly (at the end of the current minute); debounced by the queue's unique key. */
export async function kickAttribution(queue: AttributionQueue, shop: string, now: Date): Promise<void> {
  await enqueueRun(queue, shop, (Math.floor(now.getTime() / KICK_BUCKET_MS) + 1) * KICK_BUCKET_MS);
}

/**
 * Makes sure the shop's next quarter-hour run is scheduled. A run started a little early by a
 * clock behind the enqueuer's still schedules the next quarter, not its own (held) key.
 */
export async function scheduleNextAttribution(queue: AttributionQueue, shop: string, now: Date): Promise<void> {
  await enqueueRun(queue, shop, (Math.floor((now.getTime() + 2 * SKEW_MARGIN_MS) / PERIOD_MS) + 1) * PERIOD_MS);
}

/** Whether the shop has a touch that could still take credit for an order placed from now on. */
export async function hasLiveTouches(db: Db, shop: string, now: Date): Promise<boolean> {
  const windows = await readWindows(db, shop);
  return hasTouchesSince(db, dbDialect(db), shop, new Date(now.getTime() - longestWindowHours(windows) * HOUR_MS));
}

/** Schedules the next run of every installed shop with live touches (at worker start: the chain survives a lost job). */
export async function scheduleLiveShops(db: Db, queue: AttributionQueue, now: Date): Promise<void> {
  const shops = await db.shop.findMany({ where: { uninstalledAt: null }, select: { shop: true } });
  for (const { shop } of shops) if (await hasLiveTouches(db, shop, now)) await scheduleNextAttribution(queue, shop, now);
}

export interface AttributionJobDeps {
  db: () => Db;
  now: () => Date;
  queue: () => Promise<AttributionQueue>;
  options?: Partial<AttributeShopOptions>;
}

export function attributionJobHandler(deps: AttributionJobDeps): JobHandler {
  return async (job) => {
    const { shop } = AttributePayload.parse(job.payload);
    const db = deps.db();
    // The next run first: a failing run must not end the chain.
    if (job.attempt === 1 && (await hasLiveTouches(db, shop, deps.now())))
      await scheduleNextAttribution(await deps.queue(), shop, deps.now());
    await attributeShop(db, shop, deps.now(), { ...deps.options, signal: job.signal });
  };
}

/** The registry entry (app/jobs/handlers/index.server.ts), on the registry's clock and queue. */
export function attributionJob(options: { now: () => Date; queue: () => Promise<JobQueue> }): JobDefinition {
  return {
    handler: attributionJobHandler({ db: appDb, now: options.now, queue: options.queue }),
    // Runs for different shops side by side; two for one shop are harmless (ON CONFLICT).
    concurrency: 2,
    start: (queue, at) => scheduleLiveShops(appDb(), queue, at),
  };
}
