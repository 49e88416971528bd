/**
 * The behaviour every JobQueue adapter must have. queue.integration.test.ts runs it against
 * each adapter the current test database supports.
 */
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, afterAll, describe, expect, it, vi } from "vitest";
import type { Logger } from "pino";
import { createLogger } from "~/lib/logger.server";
import type { JobContext, JobQueue } from "./queue";
import { describeCrashContract } from "./queue-contract-crash";

export interface QueueHarness {
  /** A new queue instance (think: a new process) on the shared test database. */
  open(log: Logger): Promise<JobQueue>;
  /** Backoff base that suits the adapter's granularity (pg-boss counts whole seconds). */
  backoffMs: number;
  /** How long a claim outlives a dead worker. */
  leaseMs: number;
  /** Arguments for test-support/crash-worker.ts: adapter and database URL. */
  crashWorkerArgs: string[];
  dispose(): Promise<void>;
}

export interface ContractContext {
  harness(): QueueHarness;
  /** Opens a queue that is stopped after the test. */
  open(): Promise<JobQueue>;
  jobName(): string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function describeQueueContract(adapterName: string, makeHarness: () => Promise<QueueHarness>): void {
  describe(`JobQueue contract: ${adapterName}`, () => {
    let harness: QueueHarness;
    const opened: JobQueue[] = [];
    const logLines: string[] = [];
    const log = createLogger({ level: "debug", destination: { write: (line: string) => void logLines.push(line) } });

    beforeAll(async () => {
      harness = await makeHarness();
    });
    afterAll(async () => {
      await harness.dispose();
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((queue) => queue.stop({ timeoutMs: 500 })));
      logLines.length = 0;
    });

    const ctx: ContractContext = {
      harness: () => harness,
      async open() {
        const queue = await harness.open(log);
        opened.push(queue);
        return queue;
      },
      jobName: () => `test.${randomUUID().slice(0, 8)}`,
    };

    it("runs a job once with its payload, and never logs the payload", async () => {
      // GIVEN a worker
      const queue = await ctx.open();
      const name = ctx.jobName();
      const seen: JobContext[] = [];
      await queue.work(name, async (job) => void seen.push(job), { concurrency: 2 });
      // WHEN a job carrying personal data is enqueued
      const id = await queue.enqueue(name, { customer: "Ada", note: "secret-payload-7731" });
      // THEN it runs once, on attempt 1, and leaves no trace of its payload in the logs
      await vi.waitFor(() => expect(seen).toHaveLength(1), { timeout: 10_000 });
      expect(seen[0]).toMatchObject({ id, name, attempt: 1, payload: { customer: "Ada", note: "secret-payload-7731" } });
      await vi.waitFor(async () => expect((await queue.inspect(name)).counts).toEqual({ pending: 0, running: 0, failed: 0 }));
      await sleep(200);
      expect(seen).toHaveLength(1);
      expect(logLines.join("")).toContain(String(id));
      expect(logLines.join("")).not.toContain("secret-payload-7731");
    });

    it("does not run a delayed job before its runAt", async () => {
      const queue = await ctx.open();
      const name = ctx.jobName();
      const started = new Map<string, number>();
      await queue.work(name, async (job) => void started.set(job.id, Date.now()), { concurrency: 2 });
      const runAt = new Date(Date.now() + 1500);
      const delayed = await queue.enqueue(name, { kind: "delayed" }, { runAt });
      const now = await queue.enqueue(name, { kind: "now" });
      // The immediate job runs while the delayed one waits its turn.
      await vi.waitFor(() => expect(started.has(String(now))).toBe(true), { timeout: 10_000 });
      expect(started.has(String(delayed))).toBe(false);
      expect((await queue.inspect(name)).counts.pending).toBe(1);
      await vi.waitFor(() => expect(started.has(String(delayed))).toBe(true), { timeout: 10_000 });
      expect(started.get(String(delayed))).toBeGreaterThanOrEqual(runAt.getTime());
    });

    it("keeps one live job per unique key, and frees the key when the job finishes", async () => {
      const queue = await ctx.open();
      const name = ctx.jobName();
      const key = `${name}:shop-1`;
      // Concurrent enqueues race on the database's unique index: exactly one wins.
      const ids = await Promise.all(Array.from({ length: 5 }, () => queue.enqueue(name, {}, { uniqueKey: key })));
      expect(ids.filter((id) => id !== null)).toHaveLength(1);
      expect(await queue.enqueue(name, {}, { uniqueKey: key })).toBeNull();
      expect(await queue.enqueue(name, {}, { uniqueKey: `${name}:shop-2` })).not.toBeNull();
      expect((await queue.inspect(name)).counts.pending).toBe(2);

      const done: string[] = [];
      await queue.work(name, async (job) => void done.push(job.id), { concurrency: 1 });
      await vi.waitFor(() => expect(done).toHaveLength(2), { timeout: 10_000 });
      await vi.waitFor(async () => expect((await queue.inspect(name)).counts.running).toBe(0));
      expect(await queue.enqueue(name, {}, { uniqueKey: key })).not.toBeNull();
    });

    it("retries with exponential backoff, then fails with the last error; retry() gives a failed job another attempt", async () => {
      const queue = await ctx.open();
      const name = ctx.jobName();
      const { backoffMs } = harness;
      const starts: { attempt: number; at: number }[] = [];
      let healthy = false;
      await queue.work(
        name,
        async (job) => {
          starts.push({ attempt: job.attempt, at: Date.now() });
          if (!healthy) throw new Error(`boom on attempt ${job.attempt}`);
        },
        { concurrency: 1 },
      );
      const id = String(await queue.enqueue(name, {}, { attempts: 3, backoffMs }));

      await vi.waitFor(async () => expect((await queue.inspect(name)).counts.failed).toBe(1), { timeout: 20_000, interval: 100 });
      expect(starts.map((s) => s.attempt)).toEqual([1, 2, 3]);
      const [first, second, third] = starts.map((s) => s.at) as [number, number, number];
      expect(second - first).toBeGreaterThanOrEqual(backoffMs - 20);
      expect(third - second).toBeGreaterThanOrEqual(2 * backoffMs - 20);
      const inspection = await queue.inspect(name);
      expect(inspection.counts).toEqual({ pending: 0, running: 0, failed: 1 });
      expect(inspection.failed).toEqual([
        expect.objectContaining({ id, name, attempts: 3, lastError: expect.stringContaining("boom on attempt 3") }),
      ]);

      healthy = true;
      expect(await queue.retry(id)).toBe(true);
      await vi.waitFor(() => expect(starts).toHaveLength(4), { timeout: 10_000 });
      expect(starts[3]?.attempt).toBe(4);
      await vi.waitFor(async () => expect((await queue.inspect(name)).counts).toEqual({ pending: 0, running: 0, failed: 0 }));
      expect(await queue.retry(id)).toBe(false);
      expect(await queue.retry(randomUUID())).toBe(false);
    });

    it("cancels pending and running jobs by unique key", async () => {
      const queue = await ctx.open();
      const name = ctx.jobName();
      const ran: string[] = [];
      let releaseRunning: () => void = () => {};
      await queue.work(
        name,
        async (job) => {
          ran.push(String(job.payload.kind));
          if (job.payload.kind === "running") await new Promise<void>((resolve) => (releaseRunning = resolve));
        },
        { concurrency: 1 },
      );

      // A running job: cancelling it discards its result.
      await queue.enqueue(name, { kind: "running" }, { uniqueKey: `${name}:running` });
      await vi.waitFor(() => expect(ran).toEqual(["running"]), { timeout: 10_000 });
      expect(await queue.cancel(`${name}:running`)).toBe(1);
      releaseRunning();

      // A pending job due before a sentinel: once the sentinel ran, the cancelled job would have too.
      await queue.enqueue(name, { kind: "cancelled" }, { uniqueKey: `${name}:pending`, runAt: new Date(Date.now() + 300) });
      expect(await queue.cancel(`${name}:pending`)).toBe(1);
      await queue.enqueue(name, { kind: "sentinel" }, { runAt: new Date(Date.now() + 600) });
      await vi.waitFor(() => expect(ran).toContain("sentinel"), { timeout: 10_000 });
      expect(ran).toEqual(["running", "sentinel"]);

      expect(await queue.cancel(`${name}:pending`)).toBe(0);
      await vi.waitFor(async () => expect((await queue.inspect(name)).counts).toEqual({ pending: 0, running: 0, failed: 0 }));
      expect(await queue.enqueue(name, {}, { uniqueKey: `${name}:pending`, runAt: new Date(Date.now() + 60_000) })).not.toBeNull();
    });

    it("never runs more handlers at once than the concurrency limit", async () => {
      const queue = await ctx.open();
      const name = ctx.jobName();
      let active = 0;
      let peak = 0;
      let done = 0;
      for (let i = 0; i < 9; i++) await queue.enqueue(name, { i });
      await queue.work(
        name,
        async () => {
          active++;
          peak = Math.max(peak, active);
          await sleep(300);
          active--;
          done++;
        },
        { concurrency: 3 },
      );
      await vi.waitFor(() => expect(done).toBe(9), { timeout: 20_000 });
      expect(peak).toBe(3);
    });

    it("spaces job starts to respect the rate limit", async () => {
      const queue = await ctx.open();
      const name = ctx.jobName();
      const ratePerSecond = 5;
      const starts: number[] = [];
      for (let i = 0; i < 8; i++) await queue.enqueue(name, { i });
      await queue.work(name, async () => void starts.push(Date.now()), { concurrency: 5, ratePerSecond });
      await vi.waitFor(() => expect(starts).toHaveLength(8), { timeout: 20_000 });
      // Claim round trips make start times jitter by a few milliseconds around the spacing.
      const tolerance = 30;
      for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(1000 / ratePerSecond - tolerance);
      for (let i = ratePerSecond; i < starts.length; i++)
        expect(starts[i]! - starts[i - ratePerSecond]!).toBeGreaterThanOrEqual(1000 - tolerance);
    });

    it("stop() waits for in-flight handlers, and releases jobs whose handlers outlast the timeout", async () => {
      const name = ctx.jobName();
      const first = await harness.open(log);
      const finished: string[] = [];
      await first.work(
        name,
        async (job) => {
          if (job.payload.hang) await new Promise(() => {});
          await sleep(300);
          finished.push(job.id);
        },
        { concurrency: 2 },
      );
      const quick = String(await first.enqueue(name, { hang: false }));
      const stuck = String(await first.enqueue(name, { hang: true }));
      await vi.waitFor(async () => expect((await first.inspect(name)).counts.running).toBe(2), { timeout: 10_000 });
      await first.stop({ timeoutMs: 1000 });
      // The quick handler finished inside the timeout; the stuck one's job went back to pending.
      expect(finished).toEqual([quick]);
      const second = await ctx.open();
      expect((await second.inspect(name)).counts).toEqual({ pending: 1, running: 0, failed: 0 });
      const attempts: number[] = [];
      await second.work(name, async (job) => void attempts.push(job.id === stuck ? job.attempt : -1), { concurrency: 1 });
      // A released attempt is not spent.
      await vi.waitFor(() => expect(attempts).toEqual([1]), { timeout: 10_000 });
    });

    describeCrashContract(ctx);
  });
}
