// A segment save interrupted after its row is written and before its members are: the segment
// says "evaluating" (never "0 members"), and the segments.evaluate job that the save queued
// first finishes it once a worker runs again.
import { spawn } from "node:child_process";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "~/db/db.server";
import { createEmbeddedQueue } from "~/jobs/embedded-queue.server";
import type { JobQueue } from "~/jobs/queue";
import { createLogger } from "~/lib/logger.server";
import { buildCustomer, uniqueShop } from "../../../tests/factories/store";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { FactsIndexCache } from "../facts-index/facts-index.server";
import { queuedSegmentEvaluations, SEGMENT_EVALUATE_JOB, segmentEvaluateHandler } from "./segment-evaluate-job.server";
import { listSegmentsOverview, segmentWithMembers } from "../read-models/segment-queries.server";
import { findSegment, memberIds, membershipEvents } from "../segment-repository.server";
import { EVALUATION_GRACE_MS, saveSegment, type SegmentDeps } from "../segment-service.server";

const NOW = new Date("2026-11-23T15:00:00Z");
const QUERY = "amount_spent >= 50";
const log = createLogger({ level: "silent" });
let t: TestDb;
const queues: JobQueue[] = [];

beforeAll(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  for (const q of queues.splice(0)) await q.stop({ timeoutMs: 1000 });
});
afterAll(async () => {
  await t.drop();
});

/** A queue on the test database whose clock the test moves (the worker "restarts" later). */
function openQueue(clock: { now: Date }): JobQueue {
  const queue = createEmbeddedQueue({
    db: t.db,
    dialect: t.kind,
    log,
    timings: { leaseMs: 1500, pollIntervalMs: 50 },
    now: () => clock.now,
  });
  queues.push(queue);
  return queue;
}

/** The process "dies" when the save reaches the evaluation, after the segment row is written. */
class KilledBeforeMembers extends FactsIndexCache {
  override async get(): Promise<never> {
    throw new Error("killed before the memberships were written");
  }
}

async function shopWithSpenders(db: Db): Promise<{ shop: string; spenders: number[] }> {
  const shop = uniqueShop();
  await db.shop.create({ data: { shop, name: "Test" } });
  const spenders: number[] = [];
  for (const amount of [90_000, 6_000, 1_000, 0]) {
    const c = await db.customer.create({ data: buildCustomer(shop, {}), select: { id: true } });
    await db.customerFacts.create({
      data: { customerId: c.id, shop, amountSpent: BigInt(amount), orderCount: amount > 0 ? 1 : 0, version: 1n },
    });
    if (amount >= 5_000) spenders.push(c.id);
  }
  return { shop, spenders };
}

describe("a segment save interrupted before its members are written", () => {
  it("shows 'evaluating', and the queued job completes the members after a restart", async () => {
    // GIVEN a shop with two customers matching the query
    const { shop, spenders } = await shopWithSpenders(t.db);
    const clock = { now: NOW };
    const webQueue = openQueue(clock);
    const crashing: SegmentDeps = {
      db: t.db,
      index: new KilledBeforeMembers(t.db, { url: t.url }),
      evaluations: queuedSegmentEvaluations(async () => webQueue),
    };

    // WHEN the save dies after the segment row is written
    await expect(saveSegment(crashing, shop, { name: "Spenders", query: QUERY }, NOW)).rejects.toThrow("killed");

    // THEN the segment is stored, marked evaluating, with no members yet
    const [row] = await t.db.segment.findMany({ where: { shop }, select: { id: true } });
    const segmentId = row!.id;
    expect(await findSegment(t.db, shop, segmentId)).toMatchObject({ query: QUERY, memberCount: 0, evaluatingSince: NOW });
    expect(await memberIds(t.db, shop, segmentId)).toEqual([]);
    // AND the page data says so (the heading reads "evaluating" instead of "0 members")
    expect((await segmentWithMembers(t.db, shop, segmentId, 1))?.segment.evaluatingSince).toEqual(NOW);
    expect((await listSegmentsOverview(t.db, shop)).rows).toMatchObject([{ id: segmentId, evaluatingSince: NOW }]);

    // WHEN a worker starts again, after the save's grace period
    clock.now = new Date(NOW.getTime() + EVALUATION_GRACE_MS + 1_000);
    const worker = openQueue(clock);
    const deps: SegmentDeps = { db: t.db, index: new FactsIndexCache(t.db, { url: t.url }) };
    await worker.work(
      SEGMENT_EVALUATE_JOB,
      segmentEvaluateHandler(() => deps),
      { concurrency: 1 },
    );

    // THEN the job completes the members, with their events, and clears the mark
    await vi.waitFor(async () => expect((await findSegment(t.db, shop, segmentId))?.evaluatingSince).toBeNull(), {
      timeout: 15_000,
      interval: 50,
    });
    expect((await memberIds(t.db, shop, segmentId)).sort()).toEqual([...spenders].sort());
    expect(await findSegment(t.db, shop, segmentId)).toMatchObject({ memberCount: spenders.length });
    expect((await membershipEvents(t.db, shop, segmentId)).map((e) => e.change)).toEqual(["ENTERED", "ENTERED"]);
    await vi.waitFor(async () =>
      expect((await worker.inspect(SEGMENT_EVALUATE_JOB)).counts).toEqual({ pending: 0, running: 0, failed: 0 }),
    );
  });

  it("a save that completes clears the mark and cancels its job", async () => {
    const { shop, spenders } = await shopWithSpenders(t.db);
    const queue = openQueue({ now: NOW });
    const deps: SegmentDeps = {
      db: t.db,
      index: new FactsIndexCache(t.db, { url: t.url }),
      evaluations: queuedSegmentEvaluations(async () => queue),
    };
    const saved = await saveSegment(deps, shop, { name: "Spenders", query: QUERY }, NOW);
    if (!saved.ok) throw new Error(saved.message);
    expect(saved.segment).toMatchObject({ memberCount: spenders.length, evaluatingSince: null });
    expect(
      await t.db.job.findMany({ where: { queue: SEGMENT_EVALUATE_JOB, payload: { contains: saved.segment.id } }, select: { state: true } }),
    ).toEqual([{ state: "CANCELLED" }]);
  });

  it("survives kill -9 of the saving process: evaluating until a worker restarts, then complete", async () => {
    // GIVEN a shop with two customers matching the query
    const { shop, spenders } = await shopWithSpenders(t.db);
    // WHEN a process saving the segment is killed with SIGKILL once the row is written
    const child = spawn("node_modules/.bin/tsx", ["app/segments/test-support/save-child.ts", t.url, shop, QUERY, NOW.toISOString()], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => void (chunk.toString().includes("evaluating") && resolve()));
      child.on("exit", () => reject(new Error(`the save process ended before the evaluation: ${stderr}`)));
    });
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    // THEN the segment is stored, says it is evaluating, and has no members yet
    const [row] = await t.db.segment.findMany({ where: { shop }, select: { id: true } });
    const segmentId = row!.id;
    expect(await findSegment(t.db, shop, segmentId)).toMatchObject({ query: QUERY, memberCount: 0, evaluatingSince: NOW });

    // WHEN a worker starts again, after the save's grace period
    const clock = { now: new Date(NOW.getTime() + EVALUATION_GRACE_MS + 1_000) };
    const worker = openQueue(clock);
    const deps: SegmentDeps = { db: t.db, index: new FactsIndexCache(t.db, { url: t.url }) };
    await worker.work(
      SEGMENT_EVALUATE_JOB,
      segmentEvaluateHandler(() => deps),
      { concurrency: 1 },
    );

    // THEN the segment's members are complete and it no longer says evaluating
    await vi.waitFor(async () => expect((await findSegment(t.db, shop, segmentId))?.evaluatingSince).toBeNull(), {
      timeout: 20_000,
      interval: 50,
    });
    expect((await memberIds(t.db, shop, segmentId)).sort()).toEqual([...spenders].sort());
    expect(await findSegment(t.db, shop, segmentId)).toMatchObject({ memberCount: spenders.length });
  });
});
