/**
 * The messaging.dispatch job: one per shop, woken when rows are enqueued and re-enqueued while
 * rows remain (now, or at the next row's notBefore). A job holds a unique key per shop, and a
 * running job cannot enqueue its own key again, so there are two: a job runs under one and
 * schedules its follow-up under the other, and a wake takes whichever is free. At most two jobs
 * per shop exist; if both run at once (two workers), claims and the shared rate slot keep them
 * from sending a row twice or faster than the shop's rate.
 */
import { z } from "zod";
import type { Db } from "~/db/db.server";
import type { EnqueueOptions, JobHandler, JobQueue } from "~/jobs/queue";
import { enqueueOutboxMessages, type NewOutboxMessage } from "../outbox/outbox-store.server";
import { dispatchShop, type DispatchDeps, type DispatchOptions } from "./dispatcher.server";

export const DISPATCH_JOB = "messaging.dispatch";

const SLOTS = [0, 1] as const;
type Slot = (typeof SLOTS)[number];
const DispatchPayload = z.object({ shop: z.string().min(1), slot: z.union([z.literal(0), z.literal(1)]) });

export function dispatchJobKey(shop: string, slot: Slot): string {
  return `${DISPATCH_JOB}:${shop}:${slot}`;
}

type Enqueuer = Pick<JobQueue, "enqueue">;
const JOB_OPTIONS: EnqueueOptions = { attempts: 5, backoffMs: 10_000 };

/** Makes sure a dispatch job for the shop is pending (at `runAt`, default now). Returns whether one was added. */
export async function wakeDispatcher(queue: Enqueuer, shop: string, runAt?: Date, slots: readonly Slot[] = SLOTS): Promise<boolean> {
  for (const slot of slots) {
    const id = await queue.enqueue(
      DISPATCH_JOB,
      { shop, slot },
      { ...JOB_OPTIONS, uniqueKey: dispatchJobKey(shop, slot), ...(runAt ? { runAt } : {}) },
    );
    if (id !== null) return true;
  }
  return false;
}

/** Writes outbox rows and wakes each of their shops' dispatchers. */
export async function enqueueAndWake(db: Db, queue: Enqueuer, rows: readonly NewOutboxMessage[], now: Date): Promise<number> {
  const inserted = await enqueueOutboxMessages(db, rows, now);
  for (const shop of new Set(rows.map((r) => r.shop))) await wakeDispatcher(queue, shop);
  return inserted;
}

export function dispatchJobHandler(
  deps: (shop: string) => Promise<DispatchDeps>,
  queue: () => Promise<Enqueuer>,
  options: Partial<DispatchOptions> = {},
): JobHandler {
  return async (job) => {
    const { shop, slot } = DispatchPayload.parse(job.payload);
    const shopDeps = await deps(shop);
    const report = await dispatchShop(shopDeps, shop, options);
    if (report.nextDueAt === null) return;
    const now = shopDeps.clock.now();
    // The follow-up goes under the other key: this job still holds its own.
    await wakeDispatcher(await queue(), shop, report.nextDueAt > now ? report.nextDueAt : now, [slot === 0 ? 1 : 0]);
  };
}
