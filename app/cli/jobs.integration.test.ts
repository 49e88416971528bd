import { randomUUID } from "node:crypto";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmbeddedQueue } from "~/jobs/embedded-queue.server";
import { createLogger } from "~/lib/logger.server";
import { createTestDb, type TestDb } from "../../tests/setup/test-db";
import { runJobsCli } from "./jobs";

let testDb: TestDb;

beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => {
  await testDb.drop();
});

async function cli(args: string[]) {
  let stdout = "";
  let stderr = "";
  const io = { stdin: new PassThrough(), stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } };
  const openQueue = async () => createEmbeddedQueue({ db: testDb.db, dialect: testDb.kind, log: createLogger({ level: "silent" }) });
  const code = await runJobsCli(args, io, { openQueue });
  return { code, stdout, stderr };
}

async function createFailedJob(name: string, lastError: string) {
  const { id } = await testDb.db.job.create({
    data: {
      queue: name,
      payload: "{}",
      runAt: new Date(),
      state: "FAILED",
      attempts: 3,
      maxAttempts: 3,
      lastError,
      completedAt: new Date(),
    },
  });
  return id;
}

describe("flock jobs", () => {
  it("lists counts and failed jobs with their attempts and the first line of the last error", async () => {
    // GIVEN one failed job and one pending job
    const name = `cli.${randomUUID().slice(0, 8)}`;
    const id = await createFailedJob(name, "Error: shop offline\n    at stack frame");
    await testDb.db.job.create({ data: { queue: name, payload: "{}", runAt: new Date(Date.now() + 60_000) } });
    // WHEN listing
    const { code, stdout } = await cli(["list"]);
    // THEN the counts and the failed job's row are printed, without the stack
    expect(code).toBe(0);
    expect(stdout).toMatch(/pending \d+ {2}running 0 {2}failed \d+/);
    expect(stdout).toMatch(/ID\s+NAME\s+ATTEMPTS\s+LAST ERROR/);
    expect(stdout).toMatch(new RegExp(`${id}\\s+${name.replace(".", "\\.")}\\s+3\\s+Error: shop offline\\n`));
    expect(stdout).not.toContain("stack frame");
  });

  it("retries one failed job by id", async () => {
    const id = await createFailedJob(`cli.${randomUUID().slice(0, 8)}`, "boom");
    const { code, stdout } = await cli(["retry", id]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Job ${id} will run again.`);
    expect(await testDb.db.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "PENDING", maxAttempts: 4 });
  });

  it("reports an id that is not a failed job", async () => {
    const { code, stderr } = await cli(["retry", "no-such-job"]);
    expect(code).toBe(1);
    expect(stderr).toContain("No failed job with id no-such-job.");
  });

  it("retries every failed job with --all", async () => {
    const ids = await Promise.all([1, 2, 3].map(() => createFailedJob(`cli.${randomUUID().slice(0, 8)}`, "boom")));
    const { code, stdout } = await cli(["retry", "--all"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Retried \d+ failed jobs\./);
    const states = await testDb.db.job.findMany({ where: { id: { in: ids } }, select: { state: true } });
    expect(states.map((s) => s.state)).toEqual(["PENDING", "PENDING", "PENDING"]);
    expect(await testDb.db.job.count({ where: { state: "FAILED" } })).toBe(0);
  });

  it.each([
    { description: "no command", args: [] },
    { description: "retry without an id", args: ["retry"] },
    { description: "an unknown command", args: ["purge"] },
    { description: "extra arguments to list", args: ["list", "x"] },
  ])("prints usage and exits 2 for $description", async ({ args }) => {
    const { code, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stderr).toContain("Usage:");
  });
});
