// `npm run worker` end to end: picks the adapter from the environment, schedules the daily
// housekeeping job, and exits cleanly on SIGTERM.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createLogger } from "~/lib/logger.server";
import { createTestDb, type TestDb } from "../../tests/setup/test-db";
import { createQueue, queueKind } from "./create-queue.server";

let testDb: TestDb;
let child: ChildProcess | undefined;

beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => {
  if (child?.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
  await testDb.drop();
});

it("starts the worker on the environment's queue, schedules jobs.prune, and stops on SIGTERM", async () => {
  const config = { DATABASE_URL: testDb.url, FLOCK_QUEUE: undefined };
  child = spawn(process.execPath, ["--import", "tsx", "app/jobs/worker-main.ts"], {
    env: { ...process.env, DATABASE_URL: testDb.url, LOG_LEVEL: "info", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const messages: { msg?: string; queue?: string }[] = [];
  const started = new Promise<void>((resolve) => {
    createInterface({ input: child!.stdout! }).on("line", (line) => {
      const entry = JSON.parse(line) as { msg?: string; queue?: string };
      messages.push(entry);
      if (entry.msg === "job worker started") resolve();
    });
  });
  const exited = new Promise<number | null>((resolve) => child!.once("exit", (code) => resolve(code)));
  await Promise.race([started, exited]);
  expect(messages.find((m) => m.msg === "job worker started")?.queue).toBe(queueKind(config));

  child.kill("SIGTERM");
  expect(await exited).toBe(0);
  expect(messages.map((m) => m.msg)).toContain("job worker stopped");

  const queue = await createQueue(config, { db: testDb.db, log: createLogger({ level: "silent" }), supervise: false });
  try {
    expect((await queue.inspect("jobs.prune")).counts.pending).toBe(1);
  } finally {
    await queue.stop({ timeoutMs: 0 });
  }
}, 60_000);
