/**
 * The job queue port. Two adapters implement it and are held to one contract suite
 * (queue-contract.ts): the embedded queue keeps jobs in the app database with leases, and the
 * pg-boss queue is the production backend on PostgreSQL. Polling, concurrency, the rate limit
 * and graceful stop live in the shared runner (runner.ts) so both behave the same.
 */
import { describeError } from "./error-text";

/** Must survive JSON round-trips. Never logged: payloads may hold personal data. */
export type JobPayload = Record<string, unknown>;

export interface EnqueueOptions {
  /** Not run before this time. Defaults to now. */
  runAt?: Date;
  /**
   * At most one pending or running job holds a key; enqueueing another returns null and does
   * nothing. Prefix keys with the job name: the embedded queue treats keys as global, pg-boss
   * per job name.
   */
  uniqueKey?: string;
  /** Total tries, including the first. Default 5. */
  attempts?: number;
  /** Delay before the retry after attempt n is `backoffMs * 2^(n-1)`. Default 1000. */
  backoffMs?: number;
}

export interface JobContext<P = JobPayload> {
  id: string;
  name: string;
  payload: P;
  /** 1 on the first try. */
  attempt: number;
  /** Aborted when the worker gives the job up (stop timeout, or its lease was lost). */
  signal: AbortSignal;
}

/** Resolving completes the job; throwing fails this attempt (retried until attempts run out). */
export type JobHandler<P = JobPayload> = (job: JobContext<P>) => Promise<void>;

export interface WorkOptions {
  /** Most handlers of this job name running at once in this process. */
  concurrency: number;
  /** Most handler starts per second in this process; starts are spaced evenly. */
  ratePerSecond?: number;
}

export interface FailedJob {
  id: string;
  name: string;
  attempts: number;
  lastError: string | null;
  failedAt: Date | null;
}

export interface QueueInspection {
  counts: { pending: number; running: number; failed: number };
  /** The most recently failed jobs, newest first (at most FAILED_LIST_LIMIT). */
  failed: FailedJob[];
}

export interface StopOptions {
  /** How long in-flight handlers may take before their jobs are released back to pending. */
  timeoutMs?: number;
}

export interface JobQueue {
  readonly kind: "embedded" | "pgboss";
  /** Returns the job id, or null when `uniqueKey` is held by a pending or running job. */
  enqueue(name: string, payload: JobPayload, options?: EnqueueOptions): Promise<string | null>;
  /** Starts claiming `name` jobs in this process until stop(). */
  work<P = JobPayload>(name: string, handler: JobHandler<P>, options: WorkOptions): Promise<void>;
  /** Cancels pending and running jobs holding the key; returns how many. */
  cancel(uniqueKey: string): Promise<number>;
  inspect(name?: string): Promise<QueueInspection>;
  /** Gives a failed job one more attempt. False when no failed job has that id. */
  retry(jobId: string): Promise<boolean>;
  /**
   * Stops claiming, lets in-flight handlers finish (releasing the jobs of those still running
   * after the timeout), then closes connections the queue opened itself. The embedded queue
   * leaves the database client it was given open.
   */
  stop(options?: StopOptions): Promise<void>;
}

export const DEFAULT_ATTEMPTS = 5;
export const DEFAULT_BACKOFF_MS = 1000;
export const FAILED_LIST_LIMIT = 100;
export const DEFAULT_STOP_TIMEOUT_MS = 30_000;

/** Timings both adapters take; tests shorten them. */
export interface QueueTimings {
  /** How long a claim is held without a heartbeat. */
  leaseMs: number;
  /** How often an idle worker looks for due jobs. */
  pollIntervalMs: number;
}

export const DEFAULT_TIMINGS: QueueTimings = { leaseMs: 30_000, pollIntervalMs: 1000 };

/** Delay before the retry that follows attempt `attempt` (1-based). */
export function backoffDelayMs(backoffMs: number, attempt: number): number {
  return backoffMs * 2 ** Math.max(0, attempt - 1);
}

export interface ResolvedEnqueueOptions {
  runAt: Date;
  uniqueKey: string | null;
  attempts: number;
  backoffMs: number;
}

/** Applies defaults and rejects nonsense early, with the job name in the message. */
export function resolveEnqueueOptions(name: string, options: EnqueueOptions, now: Date): ResolvedEnqueueOptions {
  const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
  const backoffMs = options.backoffMs ?? DEFAULT_BACKOFF_MS;
  if (!Number.isInteger(attempts) || attempts < 1) throw new Error(`Job ${name}: attempts must be a positive integer, got ${attempts}`);
  if (!Number.isFinite(backoffMs) || backoffMs < 0) throw new Error(`Job ${name}: backoffMs must be >= 0, got ${backoffMs}`);
  if (options.uniqueKey === "") throw new Error(`Job ${name}: uniqueKey must not be empty`);
  return { runAt: options.runAt ?? now, uniqueKey: options.uniqueKey ?? null, attempts, backoffMs };
}

export function validateWorkOptions(name: string, options: WorkOptions): void {
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
    throw new Error(`Worker for ${name}: concurrency must be a positive integer, got ${options.concurrency}`);
  }
  if (options.ratePerSecond !== undefined && !(options.ratePerSecond > 0)) {
    throw new Error(`Worker for ${name}: ratePerSecond must be > 0, got ${options.ratePerSecond}`);
  }
}

/**
 * How long to wait before the next start so starts stay `1000 / ratePerSecond` ms apart.
 * Even spacing (rather than a burst allowance) suits vendor limits such as one SMS per second.
 */
export function rateLimitWaitMs(lastStartMs: number | undefined, ratePerSecond: number | undefined, nowMs: number): number {
  if (ratePerSecond === undefined || lastStartMs === undefined) return 0;
  return Math.max(0, lastStartMs + 1000 / ratePerSecond - nowMs);
}

/** Error text kept on a failed job and logged: its code and message first, bounded (error-text.ts). */
export function errorText(error: unknown): string {
  return describeError(error);
}
