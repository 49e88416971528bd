/**
 * The production job queue: pg-boss on PostgreSQL. Claims go through pg-boss's `fetch()`
 * (SKIP LOCKED) and the shared runner, so concurrency, rate limit and shutdown match the
 * embedded queue. The "lease" is pg-boss's job heartbeat: the runner touches the job while its
 * handler runs, and pg-boss's supervisor fails a job whose heartbeat stopped into a retry.
 *
 * Mapping of the port onto pg-boss (https://pgboss.io):
 * - unique keys: queues use the `exclusive` policy (one created/retry/active job per singleton
 *   key). Jobs without a key get their own id as key, or the whole queue would run one at a time.
 * - backoff: pg-boss's own exponential backoff adds random jitter, so queues use a fixed
 *   `retryDelay` and each failure first sets the job's delay to `backoffMs * 2^(attempt-1)`.
 *   pg-boss counts delays in whole seconds, so backoffs round up to a second.
 * - release at shutdown and cancel/inspect/retry by id touch pg-boss's job table directly
 *   (parameterised SQL), as its API addresses jobs by queue name and id only.
 */
import { randomUUID } from "node:crypto";
import { PgBoss, type JobWithMetadata } from "pg-boss";
import type { Logger } from "pino";
import {
  backoffDelayMs,
  DEFAULT_STOP_TIMEOUT_MS,
  DEFAULT_TIMINGS,
  FAILED_LIST_LIMIT,
  errorText,
  resolveEnqueueOptions,
  validateWorkOptions,
  type FailedJob,
  type JobPayload,
  type JobQueue,
  type QueueTimings,
} from "./queue";
import { startRunner, type ClaimedJob, type FailOutcome, type JobSource, type Runner } from "./runner";

export interface PgBossQueueOptions {
  connectionString: string;
  log: Logger;
  timings?: Partial<QueueTimings>;
  /** Run pg-boss's supervisor (expires lost heartbeats, deletes old jobs). Off for one-shot clients like the CLI. */
  supervise?: boolean;
  /** How often the supervisor looks for lost heartbeats (pg-boss's supervise and monitor intervals; default 60 s). */
  superviseIntervalSeconds?: number;
  schema?: string;
  /** The clock callers' run-at times are on (default: the system's); only the delay from it reaches PostgreSQL. */
  now?: () => Date;
}

interface BossJob extends ClaimedJob {
  retryCount: number;
  retryLimit: number;
  backoffMs: number;
}

/** What pg-boss stores as `data`: the payload plus the backoff base, which the job row cannot keep. */
interface StoredData {
  payload: JobPayload;
  backoffMs: number;
}

const KEEP_COMPLETED_SECONDS = 7 * 24 * 3600;
// Lease loss is detected through heartbeats; the expiry is only a ceiling for one attempt.
const MAX_ATTEMPT_SECONDS = 6 * 3600;
// pg-boss refuses heartbeats under 10 seconds.
const MIN_HEARTBEAT_SECONDS = 10;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function createPgBossQueue(options: PgBossQueueOptions): Promise<JobQueue> {
  const timings = { ...DEFAULT_TIMINGS, ...options.timings };
  const log = options.log.child({ component: "jobs", queue: "pgboss" });
  const schema = options.schema ?? "pgboss";
  // The schema name is spliced into SQL as an identifier, so it must be a plain one.
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Invalid pg-boss schema name '${schema}'`);
  const table = `${schema}.job`;
  const heartbeatSeconds = Math.max(MIN_HEARTBEAT_SECONDS, Math.ceil(timings.leaseMs / 1000));

  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema,
    supervise: options.supervise ?? true,
    // Expiry of lost heartbeats runs in the monitor step of a supervise pass, so both intervals
    // bound it. pg-boss validates any key present, even undefined, so pass them only when set.
    ...(options.superviseIntervalSeconds === undefined
      ? {}
      : { superviseIntervalSeconds: options.superviseIntervalSeconds, monitorIntervalSeconds: options.superviseIntervalSeconds }),
    schedule: false,
  });
  // pg-boss is an EventEmitter: an unhandled "error" event would crash the process.
  boss.on("error", (error) => log.error({ error: errorText(error) }, "pg-boss error"));
  boss.on("warning", (warning) => log.warn({ warning: warning.message }, "pg-boss warning"));
  await boss.start();
  const sql = async <R>(text: string, values: unknown[]) => (await boss.getDb().executeSql(text, values)).rows as R[];

  const queues = new Map<string, Promise<void>>();
  function ensureQueue(name: string): Promise<void> {
    let created = queues.get(name);
    if (!created) {
      created = boss.createQueue(name, {
        policy: "exclusive",
        retryBackoff: false,
        heartbeatSeconds,
        expireInSeconds: MAX_ATTEMPT_SECONDS,
        deleteAfterSeconds: KEEP_COMPLETED_SECONDS,
      });
      created.catch(() => queues.delete(name));
      queues.set(name, created);
    }
    return created;
  }

  const runners: Runner[] = [];
  let stopped = false;

  function sourceFor(name: string): JobSource<BossJob> {
    const attemptOf = (job: BossJob) => ({ id: job.id, retryCount: job.retryCount });
    return {
      async claim() {
        const [job] = await boss.fetch<StoredData>(name, { batchSize: 1, includeMetadata: true });
        return job ? toClaimed(job) : null;
      },
      async heartbeat(job) {
        return affected(await boss.touch(name, attemptOf(job))) === 1;
      },
      async complete(job) {
        return affected(await boss.complete(name, attemptOf(job))) === 1;
      },
      async fail(job, error): Promise<FailOutcome> {
        const exhausted = job.retryCount >= job.retryLimit;
        if (!exhausted) {
          const delaySeconds = Math.ceil(backoffDelayMs(job.backoffMs, job.attempt) / 1000);
          await sql(`UPDATE ${table} SET retry_delay = $1 WHERE name = $2 AND id = $3 AND state = 'active' AND retry_count = $4`, [
            delaySeconds,
            name,
            job.id,
            job.retryCount,
          ]);
        }
        if (affected(await boss.fail(name, attemptOf(job), { message: error })) !== 1) return "lost";
        return exhausted ? "failed" : "retrying";
      },
      async release(job) {
        // Back to queued without spending the attempt: pg-boss bumps retry_count when it claims
        // a job that has started before, so undo this attempt's bump (or clear started_on).
        await sql(
          `UPDATE ${table}
           SET state = (CASE WHEN retry_count > 0 THEN 'retry' ELSE 'created' END)::${schema}.job_state,
               started_on = CASE WHEN retry_count > 0 THEN started_on ELSE NULL END,
               retry_count = GREATEST(retry_count - 1, 0), heartbeat_on = NULL, start_after = now()
           WHERE name = $1 AND id = $2 AND state = 'active' AND retry_count = $3`,
          [name, job.id, job.retryCount],
        );
      },
    };
  }

  return {
    kind: "pgboss",
    async enqueue(name, payload, enqueueOptions = {}) {
      const now = options.now?.() ?? new Date();
      const resolved = resolveEnqueueOptions(name, enqueueOptions, now);
      await ensureQueue(name);
      const id = randomUUID();
      const data: StoredData = { payload, backoffMs: resolved.backoffMs };
      // The delay goes to PostgreSQL as seconds from its own clock, not as an absolute time from
      // this process's clock: a web or worker host whose clock is off from the database's (or a
      // test that moves the process clock) must neither hold back due jobs nor run delayed ones early.
      const delaySeconds = (resolved.runAt.getTime() - now.getTime()) / 1000;
      return boss.send(name, data, {
        id,
        startAfter: delaySeconds > 0 ? delaySeconds : undefined,
        singletonKey: resolved.uniqueKey === null ? `id:${id}` : `key:${resolved.uniqueKey}`,
        retryLimit: resolved.attempts - 1,
        retryDelay: Math.ceil(resolved.backoffMs / 1000),
        retryBackoff: false,
        heartbeatSeconds,
      });
    },

    async work(name, handler, workOptions) {
      validateWorkOptions(name, workOptions);
      if (stopped) throw new Error(`Cannot start a worker for ${name}: the queue is stopped`);
      await ensureQueue(name);
      const heartbeatIntervalMs = Math.max(50, Math.floor((heartbeatSeconds * 1000) / 3));
      runners.push(
        startRunner(name, sourceFor(name), handler, { ...workOptions, pollIntervalMs: timings.pollIntervalMs, heartbeatIntervalMs, log }),
      );
    },

    async cancel(uniqueKey) {
      const rows = await sql<{ name: string; id: string }>(
        `SELECT name, id FROM ${table} WHERE singleton_key = $1 AND state IN ('created', 'retry', 'active')`,
        [`key:${uniqueKey}`],
      );
      let cancelled = 0;
      for (const row of rows) cancelled += affected(await boss.cancel(row.name, row.id));
      return cancelled;
    },

    async inspect(name) {
      const counts = await sql<{ state: string; count: number }>(
        `SELECT state::text AS state, count(*)::int AS count FROM ${table}
         WHERE ($1::text IS NULL OR name = $1) AND state IN ('created', 'retry', 'active', 'failed')
         GROUP BY state`,
        [name ?? null],
      );
      const count = (...states: string[]) => counts.filter((c) => states.includes(c.state)).reduce((sum, c) => sum + c.count, 0);
      const failed = await sql<{ id: string; name: string; retry_count: number; output: unknown; completed_on: Date | null }>(
        `SELECT id, name, retry_count, output, completed_on FROM ${table}
         WHERE state = 'failed' AND ($1::text IS NULL OR name = $1)
         ORDER BY completed_on DESC NULLS LAST LIMIT $2`,
        [name ?? null, FAILED_LIST_LIMIT],
      );
      return {
        counts: { pending: count("created", "retry"), running: count("active"), failed: count("failed") },
        failed: failed.map((row): FailedJob => ({
          id: row.id,
          name: row.name,
          attempts: row.retry_count + 1,
          lastError: outputMessage(row.output),
          failedAt: row.completed_on,
        })),
      };
    },

    async retry(jobId) {
      if (!UUID.test(jobId)) return false;
      const [row] = await sql<{ name: string }>(`SELECT name FROM ${table} WHERE id = $1 AND state = 'failed'`, [jobId]);
      if (!row) return false;
      try {
        // pg-boss's retry() raises the job's retry limit by one: exactly one more attempt.
        return affected(await boss.retry(row.name, jobId)) === 1;
      } catch (error) {
        if ((error as { code?: unknown }).code === "23505")
          throw new Error(`Job ${jobId} cannot be retried: a pending job holds its unique key`);
        throw error;
      }
    },

    async stop(stopOptions = {}) {
      stopped = true;
      const timeoutMs = stopOptions.timeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
      await Promise.all(runners.splice(0).map((runner) => runner.stop(timeoutMs)));
      await boss.stop({ graceful: false, close: true });
    },
  };
}

function toClaimed(job: JobWithMetadata<StoredData>): BossJob {
  return {
    id: job.id,
    name: job.name,
    payload: job.data.payload,
    attempt: job.retryCount + 1,
    retryCount: job.retryCount,
    retryLimit: job.retryLimit,
    backoffMs: job.data.backoffMs,
  };
}

/** pg-boss's command responses carry `affected` at run time, though its types leave it out. */
function affected(response: unknown): number {
  const value = (response as { affected?: unknown } | null)?.affected;
  return typeof value === "number" ? value : 0;
}

/** Our fail() stores `{ message }`; pg-boss's own expiry stores `{ value: { message } }`. */
function outputMessage(output: unknown): string | null {
  if (typeof output !== "object" || output === null) return null;
  const record = output as { message?: unknown; value?: { message?: unknown } };
  const message = record.message ?? record.value?.message;
  return typeof message === "string" ? message : null;
}
