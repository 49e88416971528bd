// The import as a job: Retry requests raced from the card queue one import (the others are
// refused with a message), and a worker killed mid-import hands the job to the next worker,
// which resumes it to the exact store — nothing left "running" forever.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "~/env.server";
import type { JobQueue } from "~/jobs/queue";
import { openTestQueue } from "~/jobs/test-support/test-queues.server";
import { createLogger } from "~/lib/logger.server";
import { forShop } from "~/db/shop-scope.server";
import { startTestStandIn, TEST_NOW, TEST_TOKEN } from "~/sandbox/shopify-admin/test-support";
import { writeGeneratedStore } from "~/sandbox/store-generator/write.server";
import { createFetchGraphql } from "~/shopify/fetch-graphql.server";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import type { action as RetryAction } from "../../routes/app.sync.retry";
import { IMPORT_JOB, importJobHandler, requestImport } from "./import-job.server";
import { loadSyncProgress } from "./progress.server";

const CUSTOMERS = 100;
const log = createLogger({ level: "silent" });
let stand: Awaited<ReturnType<typeof startTestStandIn>>;
let dataDir: string;
let queue: JobQueue | undefined;
let child: ChildProcess | undefined;
const dbs: TestDb[] = [];

beforeAll(async () => {
  stand = await startTestStandIn({ customers: CUSTOMERS, bucket: { capacity: 20_000, restorePerSecond: 10_000 } });
  dataDir = mkdtempSync(join(tmpdir(), "flock-import-job-"));
});
afterEach(async () => {
  if (child?.pid !== undefined) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  child = undefined;
  await queue?.stop({ timeoutMs: 1000 });
  queue = undefined;
});
afterAll(async () => {
  await stand.standIn.close();
  for (const t of dbs) await t.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function freshDb(): Promise<TestDb> {
  const t = await createTestDb();
  dbs.push(t);
  return t;
}

const shop = () => stand.source.shop.shop;
const handlerFor = (t: TestDb) =>
  importJobHandler({
    db: t.db,
    graphqlFor: async (s) => createFetchGraphql({ origin: stand.standIn.origin, shop: s, accessToken: TEST_TOKEN, apiVersion: "2026-10" }),
    importOptions: { dataDir, pollIntervalMs: 20, batchSize: 40 },
  });

describe("Retry requests raced from the sync card", () => {
  const saved = { ...process.env };
  afterAll(() => {
    process.env = saved;
    resetEnvCache();
  });

  it("queue one import: the others are refused with a message, and one run imports the resource", async () => {
    // GIVEN the sandbox shop with its Admin API, and five Retry clicks on Orders at once
    const t = await freshDb();
    Object.assign(process.env, {
      DATABASE_URL: t.url,
      FLOCK_QUEUE: "embedded",
      FLOCK_SANDBOX: "1",
      NODE_ENV: "development",
      HOST: "127.0.0.1",
      FLOCK_SANDBOX_SHOP: shop(),
      FLOCK_SANDBOX_ADMIN_ORIGIN: stand.standIn.origin,
      FLOCK_SANDBOX_ADMIN_TOKEN: TEST_TOKEN,
    });
    resetEnvCache();
    await t.db.shop.create({ data: { shop: shop(), name: "Test" } });
    const { action } = (await import("../../routes/app.sync.retry")) as { action: typeof RetryAction };
    const post = () =>
      action({
        request: new Request("http://127.0.0.1:3000/app/sync/retry", { method: "POST", body: new URLSearchParams({ resource: "orders" }) }),
        params: {},
        context: {},
      });
    const answers = await Promise.all([post(), post(), post(), post(), post()]);

    // THEN one is queued and four are refused, saying why
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    const refused = answers.filter((a) => !a.ok);
    expect(refused).toHaveLength(4);
    for (const a of refused)
      expect(a).toMatchObject({ ok: false, reason: "import_running", message: expect.stringContaining("already queued or running") });
    expect(await t.db.job.count({ where: { queue: IMPORT_JOB } })).toBe(1);
    // AND the pages say "importing" before the worker even starts
    expect((await t.db.shop.findUniqueOrThrow({ where: { shop: shop() } })).importingSince).not.toBeNull();

    // WHEN a worker runs the queue
    queue = await openTestQueue("embedded", t.url, t.db, log);
    await queue.work(IMPORT_JOB, handlerFor(t), { concurrency: 2 });
    await vi.waitFor(async () => expect((await queue!.inspect(IMPORT_JOB)).counts).toEqual({ pending: 0, running: 0, failed: 0 }), {
      timeout: 60_000,
      interval: 100,
    });

    // THEN exactly one import ran: one orders run, completed; nothing else started
    const runs = await forShop(t.db, shop()).syncRun.findMany({ select: { resource: true, status: true } });
    expect(runs).toEqual([{ resource: "orders", status: "completed" }]);
    expect(await forShop(t.db, shop()).order.count()).toBeGreaterThan(0);
    expect((await t.db.shop.findUniqueOrThrow({ where: { shop: shop() } })).importingSince).toBeNull();
  }, 90_000);
});

describe("a worker killed mid-import", () => {
  it("hands the job to the next worker once its lease runs out, which resumes the import to the exact store", async () => {
    // GIVEN an import queued as on install, and the reference store written directly
    const t = await freshDb();
    const reference = "job-reference.myshopify.com";
    await writeGeneratedStore(t.db, { ...stand.source.shop, shop: reference }, { seed: 42, customers: CUSTOMERS, now: TEST_NOW });
    await t.db.shop.create({ data: { shop: shop(), name: "Test" } });
    queue = await openTestQueue("embedded", t.url, t.db, log);
    expect(await requestImport(queue, t.db, shop(), undefined, new Date())).toMatchObject({ ok: true });

    // WHEN a worker process takes the job and is SIGKILLed while applying orders
    child = spawn(
      "node_modules/.bin/tsx",
      ["app/shopify/sync/test-support/import-worker-child.ts", t.url, stand.standIn.origin, TEST_TOKEN, dataDir],
      { stdio: ["ignore", "pipe", "pipe"], detached: true },
    );
    const lines: string[] = [];
    const stderr: string[] = [];
    createInterface({ input: child.stdout! }).on("line", (line) => lines.push(line));
    child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
    await vi.waitFor(() => expect(lines.filter((l) => l.startsWith("batch orders")).length, stderr.join("")).toBeGreaterThanOrEqual(2), {
      timeout: 60_000,
      interval: 50,
    });
    process.kill(-child.pid!, "SIGKILL");
    child = undefined;
    const half = await forShop(t.db, shop()).order.count();
    expect(half).toBeGreaterThan(0);

    // AND another worker polls the queue
    await queue.work(IMPORT_JOB, handlerFor(t), { concurrency: 1 });

    // THEN it takes the job over (a later attempt) and completes it
    await vi.waitFor(async () => expect((await queue!.inspect(IMPORT_JOB)).counts).toEqual({ pending: 0, running: 0, failed: 0 }), {
      timeout: 60_000,
      interval: 100,
    });
    const job = await t.db.job.findFirstOrThrow({ where: { queue: IMPORT_JOB }, select: { state: true, attempts: true } });
    expect(job.state).toBe("COMPLETED");
    expect(job.attempts).toBeGreaterThanOrEqual(2);
    // AND the store is complete and exact, facts computed, every run finished, once each
    const s = forShop(t.db, shop());
    const r = forShop(t.db, reference);
    expect(await s.order.count()).toBe(await r.order.count());
    expect(await s.lineItem.count()).toBe(await r.lineItem.count());
    const facts = (db: typeof s) =>
      db.customerFacts.findMany({
        select: { amountSpent: true, orderCount: true, customer: { select: { gid: true } } },
        orderBy: { customer: { gid: "asc" } },
      });
    expect(await facts(s)).toEqual(await facts(r));
    const runs = await s.syncRun.findMany({ select: { resource: true, status: true } });
    expect(runs).toHaveLength(5);
    expect(new Set(runs.map((x) => x.status))).toEqual(new Set(["completed"]));
    expect((await loadSyncProgress(t.db, shop(), new Date())).every((p) => p.state === "completed")).toBe(true);
    expect((await t.db.shop.findUniqueOrThrow({ where: { shop: shop() } })).importingSince).toBeNull();
  }, 120_000);
});
