/**
 * The `automations.tick` job: every TICK_INTERVAL, over all shops, start runs for newly abandoned
 * checkouts, cancel runs that must stop, and hand due steps to the outbox. Set-based: a tick costs
 * a few statements per enabled automation plus one pass over the due runs, however many webhooks
 * arrived. It reschedules itself under two alternating keys (a running job holds its own key),
 * as the dispatcher does.
 */
import type { Db } from "~/db/db.server";
import type { JobQueue } from "~/jobs/queue";
import { enqueueTrackedAndWake, type TrackedLinkOptions } from "~/messaging/links/enqueue-tracked.server";
import type { NewOutboxMessage } from "~/messaging/outbox/outbox-store.server";
import { ADVANCE_BATCH, advanceDueRuns, type AdvanceDeps } from "./advance.server";
import { cancelRuns, startRuns } from "./runs.server";

export const TICK_JOB = "automations.tick";
export const DEFAULT_TICK_SECONDS = 30;
const MAX_BATCHES = 1000;

type Enqueuer = Pick<JobQueue, "enqueue">;
const MIN_GAP_MS = 1_000;

/**
 * The one place abandoned-checkout steps enter the outbox (keys `checkout:<token>:<step>`), and
 * the dispatcher is woken for their shops. Links (the recovery URL among them) become tracked
 * short links, so a click and the order after it are attributed to the step.
 */
export async function writeCheckoutSteps(
  db: Db,
  queue: Enqueuer,
  rows: readonly NewOutboxMessage[],
  now: Date,
  links: TrackedLinkOptions,
): Promise<number> {
  return enqueueTrackedAndWake(db, queue, rows, now, links);
}

export interface TickReport {
  started: number;
  cancelled: number;
  enqueued: number;
}

export interface TickOptions {
  /**
   * A full tick (the default) starts runs and checks every active run for cancellation; a quick
   * one (a tick pulled forward to a due step, within a tick interval of the last full one) only
   * checks and moves the due runs. Checking every active run costs a join per run, seconds at
   * 100,000 runs, which would make every due step that late.
   */
  full?: boolean;
}

/** Whether a tick at `now` is a full one, given when the last full one ran (undefined: never). */
export function isFullTick(now: Date, lastFullAt: number | undefined, everyMs: number): boolean {
  return lastFullAt === undefined || now.getTime() - lastFullAt >= everyMs || now.getTime() < lastFullAt;
}

export async function runTick(deps: AdvanceDeps & { queue: Enqueuer }, now: Date, options: TickOptions = {}): Promise<TickReport> {
  const full = options.full ?? true;
  const started = full ? await startRuns(deps.db, now) : 0;
  // Cancel first: an order applied a second before a step is due stops the step.
  let cancelled = (await cancelRuns(deps.db, now, undefined, !full)).length;
  let enqueued = 0;
  const touched = new Set<string>();
  for (let i = 0; i < MAX_BATCHES; i++) {
    const batch = await advanceDueRuns(deps, now, (rows) =>
      writeCheckoutSteps(deps.db, deps.queue, rows, now, { appUrl: deps.appUrl, key: deps.key }),
    );
    enqueued += batch.rows.length;
    for (const row of batch.rows) if (row.automationRunId) touched.add(row.automationRunId);
    // A short batch was the last (a run another tick moved meanwhile is not retried here).
    if (batch.runs < ADVANCE_BATCH) break;
  }
  // And after: an order that arrived meanwhile skips the rows just written before they are claimed.
  if (touched.size > 0) cancelled += (await cancelRuns(deps.db, now, [...touched])).length;
  return { started, cancelled, enqueued };
}

export function tickJobKey(slot: 0 | 1): string {
  return `${TICK_JOB}:${slot}`;
}

/** Keeps one tick pending at `at` (carrying when the last full tick ran); returns whether one was added. */
export async function scheduleTick(queue: Enqueuer, at: Date, slots: readonly (0 | 1)[] = [0, 1], lastFullAt?: number): Promise<boolean> {
  for (const slot of slots) {
    if (
      (await queue.enqueue(TICK_JOB, lastFullAt === undefined ? { slot } : { slot, lastFullAt }, {
        runAt: at,
        uniqueKey: tickJobKey(slot),
        attempts: 3,
        backoffMs: 5_000,
      })) !== null
    )
      return true;
  }
  return false;
}

/**
 * After a tick: when an active run's next step falls due before the follow-up tick at
 * `followUpAt` (queued under `slot`), moves that tick forward to it (at least a second away), so
 * steps of running sequences go out on time rather than up to a tick interval late. Returns when
 * the follow-up now runs.
 */
export async function pullTickForward(
  db: Db,
  queue: Pick<JobQueue, "enqueue" | "cancel">,
  now: Date,
  followUpAt: Date,
  slot: 0 | 1,
  lastFullAt?: number,
): Promise<Date> {
  const next = await db.automationRun.findFirst({
    where: { status: "active", nextDueAt: { not: null } },
    orderBy: { nextDueAt: "asc" },
    select: { nextDueAt: true },
  });
  if (!next?.nextDueAt) return followUpAt;
  const at = new Date(Math.max(next.nextDueAt.getTime(), now.getTime() + MIN_GAP_MS));
  if (at >= followUpAt) return followUpAt;
  await queue.cancel(tickJobKey(slot));
  return (await scheduleTick(queue, at, [slot], lastFullAt)) ? at : followUpAt;
}
