// Two `npm run worker` processes against one shop's burst: every event is applied once, no job
// fails, and stored memberships equal a fresh evaluation at the end.
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { uniqueShop } from "../../../tests/factories/store";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { createQueue } from "~/jobs/create-queue.server";
import type { JobQueue } from "~/jobs/queue";
import { createLogger } from "~/lib/logger.server";
import { FactsIndexCache } from "~/segments/facts-index/facts-index.server";
import { saveSegment } from "~/segments/segment-service.server";
import { APPLY_JOB, createApplyJobScheduler } from "./apply-queue.server";
import { createInboxWriter, prismaInboxCommit } from "./inbox.server";
import { membershipMismatches } from "./segment-refresh-check.server";
import { pendingCount } from "./segment-refresh-pending.server";
import { fixtureText, withFields } from "./test-support/signed-webhooks";

let t: TestDb;
let queue: JobQueue | undefined;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  for (const w of workers) if (w.pid !== undefined && w.exitCode === null) process.kill(-w.pid, "SIGKILL");
  await queue?.stop({ timeoutMs: 0 });
  await t?.drop();
});

const CUSTOMERS = 30;
const ORDERS = 450;
const customerGid = (i: number) => `gid://shopify/Customer/${7_100_000 + i}`;

function customerBody(i: number): string {
  return fixtureText("customers-create").replace('"gid://shopify/Customer/706405506930370084"', `"${customerGid(i)}"`);
}

function orderBody(n: number): string {
  const text = fixtureText("orders-create")
    .replace('"gid://shopify/Customer/115310627314723954"', `"${customerGid(n % CUSTOMERS)}"`)
    .replace('"gid://shopify/Order/820982911946154508"', `"gid://shopify/Order/${9_100_000 + n}"`)
    .replace('"test": true', '"test": false');
  return withFields(text, { cancelled_at: null });
}

function startWorkerProcess(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "app/jobs/worker-main.ts"], {
    env: { ...process.env, DATABASE_URL: t.url, LOG_LEVEL: "error", NODE_ENV: "production" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  workers.push(child);
  return child;
}

it("two worker processes apply one shop's burst once, with no failed job and true memberships", async () => {
  // GIVEN a shop with segments that depend on how many orders each customer has
  const shop = uniqueShop();
  const db = t.db;
  await db.shop.create({ data: { shop, name: shop } });
  const now = new Date();
  for (const query of ["number_of_orders >= 15", "number_of_orders >= 5 AND number_of_orders < 15"]) {
    const saved = await saveSegment({ db, index: new FactsIndexCache(db) }, shop, { name: query, query }, now);
    if (!saved.ok) throw new Error(saved.message);
  }
  // AND two worker processes
  startWorkerProcess();
  startWorkerProcess();
  queue = await createQueue(
    { DATABASE_URL: t.url, FLOCK_QUEUE: undefined },
    { db, log: createLogger({ level: "silent" }), supervise: false },
  );
  const scheduler = createApplyJobScheduler(queue);
  // WHEN a burst arrives as the receiver stores it: each event committed, then its apply job ensured
  const inbox = createInboxWriter(prismaInboxCommit(db, t.kind));
  const events = [
    ...Array.from({ length: CUSTOMERS }, (_, i) => ({ topic: "customers/create", body: customerBody(i) })),
    ...Array.from({ length: ORDERS }, (_, n) => ({ topic: "orders/create", body: orderBody(n) })),
  ];
  const start = Date.now();
  await Promise.all(
    events.map(async (e, i) => {
      await inbox.store({
        shop,
        topic: e.topic,
        eventId: `${shop}:${i}`,
        apiVersion: "2026-10",
        triggeredAt: new Date(start + i),
        payload: e.body,
        receivedAt: new Date(),
      });
      await scheduler.ensureApplyJob(shop);
    }),
  );
  // THEN the workers apply everything and refresh every touched customer
  await vi.waitFor(
    async () => {
      expect(await db.webhookInbox.count({ where: { shop, processedAt: null } })).toBe(0);
      expect(await pendingCount(db, shop)).toBe(0);
      const counts = (await queue!.inspect(APPLY_JOB)).counts;
      expect(counts.pending + counts.running).toBe(0);
    },
    { timeout: 90_000, interval: 250 },
  );
  // AND each event was applied once, without a failed attempt or a failed job
  expect(await db.webhookInbox.count({ where: { shop, attempts: { gt: 0 } } })).toBe(0);
  expect((await queue.inspect(APPLY_JOB)).counts.failed).toBe(0);
  expect(await db.order.count({ where: { shop } })).toBe(ORDERS);
  const facts = await db.customerFacts.findMany({ where: { shop }, select: { orderCount: true } });
  expect(facts.map((f) => f.orderCount).sort((a, b) => a - b)).toEqual(Array.from({ length: CUSTOMERS }, () => ORDERS / CUSTOMERS));
  // AND memberships equal a fresh evaluation, each member entered once
  expect(await membershipMismatches(db, shop, new Date())).toBe(0);
  const members = await db.segmentMembership.count({ where: { shop } });
  expect(members).toBe(CUSTOMERS);
  expect(await db.segmentMembershipEvent.count({ where: { shop, change: "ENTERED" } })).toBe(
    (await db.segmentMembershipEvent.count({ where: { shop, change: "EXITED" } })) + members,
  );
}, 150_000);
