/**
 * Contract case: a worker process killed mid-job. A real child process claims the job and
 * hangs; while it lives, its heartbeat keeps the job from anyone else; once it is SIGKILLed and
 * its lease runs out, another worker completes the job.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { afterEach, expect, it, vi } from "vitest";
import type { ContractContext } from "./queue-contract";

const CRASH_WORKER = "app/jobs/test-support/crash-worker.ts";

export function describeCrashContract(ctx: ContractContext): void {
  let child: ChildProcess | undefined;

  afterEach(() => {
    if (child) killGroup(child);
    child = undefined;
  });

  it("hands a job over to another worker after its worker was killed mid-job", async () => {
    const harness = ctx.harness();
    const queue = await ctx.open();
    const name = ctx.jobName();
    const id = await queue.enqueue(name, {}, { attempts: 3, backoffMs: 0 });

    // GIVEN a separate worker process that claimed the job and hangs in its handler
    // Its own process group: tsx runs the script in a child node process, and SIGKILL on the tsx
    // parent alone would leave that child heartbeating as an orphan.
    child = spawn("node_modules/.bin/tsx", [CRASH_WORKER, ...harness.crashWorkerArgs, name], {
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    const stderr: string[] = [];
    child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
    const claimed = await firstLine(child, /^claimed (\S+) (\d+)$/, 30_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${stderr.join("")}`);
    });
    expect(claimed.slice(1)).toEqual([id, "1"]);

    // WHEN another worker polls for longer than one lease while the first is alive
    const takeovers: { attempt: number; at: number }[] = [];
    await queue.work(name, async (job) => void takeovers.push({ attempt: job.attempt, at: Date.now() }), { concurrency: 1 });
    await new Promise((resolve) => setTimeout(resolve, harness.leaseMs * 1.2));
    // THEN the heartbeat kept the job from it
    expect(takeovers).toEqual([]);

    // WHEN the first worker dies
    const killedAt = Date.now();
    killGroup(child);
    // THEN the job is taken over once the lease has run out, and completes
    await vi.waitFor(() => expect(takeovers).toHaveLength(1), { timeout: harness.leaseMs * 3 + 5000, interval: 100 });
    expect(takeovers[0]?.attempt).toBe(2);
    expect(takeovers[0]!.at).toBeGreaterThan(killedAt);
    await vi.waitFor(async () => expect((await queue.inspect(name)).counts).toEqual({ pending: 0, running: 0, failed: 0 }));
  }, 60_000);
}

function killGroup(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

function firstLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`crash worker printed no '${pattern.source}' line in ${timeoutMs} ms`)), timeoutMs);
    lines.on("line", (line) => {
      const match = pattern.exec(line);
      if (!match) return;
      clearTimeout(timer);
      resolve(match);
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`crash worker exited early (code ${code}, signal ${signal})`));
    });
  });
}
