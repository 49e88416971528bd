/**
 * The embedded job queue: jobs live in the app database's `Job` table (SQLite or PostgreSQL).
 * A worker claims a job with a lease (`leaseUntil`, `lockedBy`) and renews it while the handler
 * runs; when a worker dies its lease runs out and another worker takes the job over. Every
 * settle is conditional on the claim token in `lockedBy`, so a worker that lost its claim can
 * never overwrite the newer claimant's outcome.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Logger } from "pino";
import { loadClientModule, type Db } from "~/db/db.server";
import {
  backoffDelayMs,
  DEFAULT_STOP_TIMEOUT_MS,
  DEFAULT_TIMINGS,
  FAILED_LIST_LIMIT,
  resolveEnqueueOptions,
  validateWorkOptions,
  type JobQueue,
  type QueueTimings,
} from "./queue";
import { startRunner, type ClaimedJob, type FailOutcome, type JobSource, type Runner } from "./runner";

export interface EmbeddedQueueOptions {
  db: Db;
  dialect: "sqlite" | "postgres";
  log: Logger;
  timings?: Partial<QueueTimings>;
  /**
   * The queue's clock: when a job is due, when a lease runs out, when a job finished. Tests give
   * the queue and the worker one clock, so a fixed date means the same thing to both.
   */
  now?: () => Date;
}

interface EmbeddedJob extends ClaimedJob {
  token: string;
  maxAttempts: number;
  backoffMs: number;
}

const LEASE_LOST_ERROR = "Lease expired: the worker running the last attempt stopped responding";

export function createEmbeddedQueue(options: EmbeddedQueueOptions): JobQueue {
  const { db, dialect } = options;
  const clock = options.now ?? (() => new Date());
  const timings = { ...DEFAULT_TIMINGS, ...options.timings };
  const log = options.log.child({ component: "jobs", queue: "embedded" });
  const runners: Runner[] = [];
  let stopped = false;
  // One worker id per process and queue; each claim adds its own suffix so even this process
  // re-claiming its own expired job gets a distinct token.
  const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const lastSweep = new Map<string, number>();

  const live = { in: ["PENDING" as const, "RUNNING" as const] };
  const held = (job: EmbeddedJob) => ({ id: job.id, lockedBy: job.token, state: "RUNNING" as const });

  /** Jobs whose last attempt died with its worker cannot be taken over: mark them failed. */
  async function sweepExpired(name: string, now: Date): Promise<void> {
    if ((lastSweep.get(name) ?? 0) > now.getTime() - timings.leaseMs) return;
    lastSweep.set(name, now.getTime());
    await db.job.updateMany({
      where: { queue: name, state: "RUNNING", leaseUntil: { lt: now }, attempts: { gte: db.job.fields.maxAttempts } },
      data: { state: "FAILED", lastError: LEASE_LOST_ERROR, leaseUntil: null, completedAt: now },
    });
  }

  async function claim(name: string): Promise<EmbeddedJob | null> {
    const now = clock();
    await sweepExpired(name, now);
    const token = `${workerId}:${randomUUID().slice(0, 8)}`;
    const leaseUntil = new Date(now.getTime() + timings.leaseMs);
    const id = dialect === "postgres" ? await claimPostgres(name, now, leaseUntil, token) : await claimSqlite(name, now, leaseUntil, token);
    if (!id) return null;
    const row = await db.job.findUniqueOrThrow({
      where: { id },
      select: { payload: true, attempts: true, maxAttempts: true, backoffMs: true },
    });
    return {
      id,
      name,
      token,
      payload: JSON.parse(row.payload) as EmbeddedJob["payload"],
      attempt: row.attempts,
      maxAttempts: row.maxAttempts,
      backoffMs: row.backoffMs,
    };
  }

  // SQLite has one writer at a time, so a conditional UPDATE that re-checks claimability and
  // reports one affected row is an atomic claim; losing the race just means trying the next job.
  async function claimSqlite(name: string, now: Date, leaseUntil: Date, token: string): Promise<string | null> {
    const claimable = {
      queue: name,
      OR: [
        { state: "PENDING" as const, runAt: { lte: now } },
        { state: "RUNNING" as const, leaseUntil: { lt: now }, attempts: { lt: db.job.fields.maxAttempts } },
      ],
    };
    for (let tries = 0; tries < 3; tries++) {
      const candidate = await db.job.findFirst({ where: claimable, orderBy: { runAt: "asc" }, select: { id: true } });
      if (!candidate) return null;
      const { count } = await db.job.updateMany({
        where: { id: candidate.id, ...claimable },
        data: { state: "RUNNING", attempts: { increment: 1 }, leaseUntil, lockedBy: token },
      });
      if (count === 1) return candidate.id;
    }
    return null;
  }

  // FOR UPDATE SKIP LOCKED lets concurrent workers each take a different due job without
  // waiting on one another. Times are passed as epoch milliseconds and converted in SQL so the
  // comparison does not depend on how the driver sends a Date or on the session time zone
  // (the columns are timestamp without time zone, holding UTC).
  async function claimPostgres(name: string, now: Date, leaseUntil: Date, token: string): Promise<string | null> {
    const { Prisma } = loadClientModule("pg");
    const utc = (date: Date) => Prisma.sql`(to_timestamp(${date.getTime()}::double precision / 1000) AT TIME ZONE 'UTC')`;
    const rows = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
      UPDATE "Job"
      SET "state" = 'RUNNING', "attempts" = "attempts" + 1, "leaseUntil" = ${utc(leaseUntil)},
          "lockedBy" = ${token}, "updatedAt" = ${utc(now)}
      WHERE "id" = (
        SELECT "id" FROM "Job"
        WHERE "queue" = ${name}
          AND (("state" = 'PENDING' AND "runAt" <= ${utc(now)})
            OR ("state" = 'RUNNING' AND "leaseUntil" < ${utc(now)} AND "attempts" < "maxAttempts"))
        ORDER BY "runAt"
        LIMIT 1
        FOR UPDATE SKIP LOCKED
      )
      RETURNING "id"`);
    return rows[0]?.id ?? null;
  }

  function sourceFor(name: string): JobSource<EmbeddedJob> {
    return {
      claim: () => claim(name),
      async heartbeat(job) {
        const { count } = await db.job.updateMany({
          where: held(job),
          data: { leaseUntil: new Date(clock().getTime() + timings.leaseMs) },
        });
        return count === 1;
      },
      async complete(job) {
        const { count } = await db.job.updateMany({
          where: held(job),
          data: { state: "COMPLETED", completedAt: clock(), leaseUntil: null },
        });
        return count === 1;
      },
      async fail(job, error): Promise<FailOutcome> {
        const now = clock();
        const exhausted = job.attempt >= job.maxAttempts;
        const data = exhausted
          ? { state: "FAILED" as const, lastError: error, completedAt: now, leaseUntil: null }
          : {
              state: "PENDING" as const,
              lastError: error,
              runAt: new Date(now.getTime() + backoffDelayMs(job.backoffMs, job.attempt)),
              leaseUntil: null,
              lockedBy: null,
            };
        const { count } = await db.job.updateMany({ where: held(job), data });
        if (count === 0) return "lost";
        return exhausted ? "failed" : "retrying";
      },
      async release(job) {
        await db.job.updateMany({
          where: held(job),
          data: { state: "PENDING", attempts: { decrement: 1 }, runAt: clock(), leaseUntil: null, lockedBy: null },
        });
      },
    };
  }

  return {
    kind: "embedded",
    async enqueue(name, payload, enqueueOptions = {}) {
      const resolved = resolveEnqueueOptions(name, enqueueOptions, clock());
      try {
        const job = await db.job.create({
          data: {
            queue: name,
            payload: JSON.stringify(payload),
            runAt: resolved.runAt,
            uniqueKey: resolved.uniqueKey,
            maxAttempts: resolved.attempts,
            backoffMs: resolved.backoffMs,
          },
          select: { id: true },
        });
        return job.id;
      } catch (error) {
        // The partial unique index on live jobs' keys is what makes this race-free.
        if (resolved.uniqueKey !== null && isUniqueViolation(error)) return null;
        throw error;
      }
    },

    async work(name, handler, workOptions) {
      validateWorkOptions(name, workOptions);
      if (stopped) throw new Error(`Cannot start a worker for ${name}: the queue is stopped`);
      const heartbeatIntervalMs = Math.max(50, Math.floor(timings.leaseMs / 3));
      runners.push(
        startRunner(name, sourceFor(name), handler, { ...workOptions, pollIntervalMs: timings.pollIntervalMs, heartbeatIntervalMs, log }),
      );
    },

    async cancel(uniqueKey) {
      const { count } = await db.job.updateMany({
        where: { uniqueKey, state: live },
        data: { state: "CANCELLED", completedAt: clock(), leaseUntil: null },
      });
      return count;
    },

    async inspect(name) {
      const where = name === undefined ? {} : { queue: name };
      const groups = await db.job.groupBy({ by: ["state"], where, _count: { _all: true } });
      const count = (state: string) => groups.find((g) => g.state === state)?._count._all ?? 0;
      const failed = await db.job.findMany({
        where: { ...where, state: "FAILED" },
        orderBy: { completedAt: "desc" },
        take: FAILED_LIST_LIMIT,
        select: { id: true, queue: true, attempts: true, lastError: true, completedAt: true },
      });
      return {
        counts: { pending: count("PENDING"), running: count("RUNNING"), failed: count("FAILED") },
        failed: failed.map((j) => ({ id: j.id, name: j.queue, attempts: j.attempts, lastError: j.lastError, failedAt: j.completedAt })),
      };
    },

    async retry(jobId) {
      const job = await db.job.findUnique({ where: { id: jobId }, select: { state: true, attempts: true } });
      if (!job || job.state !== "FAILED") return false;
      try {
        const { count } = await db.job.updateMany({
          where: { id: jobId, state: "FAILED" },
          data: { state: "PENDING", runAt: clock(), maxAttempts: job.attempts + 1, leaseUntil: null, lockedBy: null, completedAt: null },
        });
        return count === 1;
      } catch (error) {
        if (isUniqueViolation(error)) throw new Error(`Job ${jobId} cannot be retried: a pending job holds its unique key`);
        throw error;
      }
    },

    async stop(stopOptions = {}) {
      stopped = true;
      const timeoutMs = stopOptions.timeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
      await Promise.all(runners.splice(0).map((runner) => runner.stop(timeoutMs)));
    },
  };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
