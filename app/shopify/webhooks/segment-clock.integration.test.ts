// Time moves segments on its own: at the shop's local midnight a customer whose last order is
// now 30 local days old leaves "last_order_date > -30d", with no webhook arriving and the
// Shopify pull failing. The queue, the worker and the evaluator share one controllable clock.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildCustomer, uniqueShop } from "../../../tests/factories/store";
import { createEmbeddedQueue } from "~/jobs/embedded-queue.server";
import { jobRegistry } from "~/jobs/handlers/index.server";
import type { JobQueue } from "~/jobs/queue";
import { startWorker, type Worker } from "~/jobs/worker.server";
import { createLogger } from "~/lib/logger.server";
import { factsIndexCache } from "~/segments/facts-index/facts-index.server";
import { membershipEvents } from "~/segments/segment-repository.server";
import { saveSegment } from "~/segments/segment-service.server";
import { RECONCILE_JOB, SEGMENT_CLOCK_JOB } from "./apply-queue.server";
import { openWebhookTestEnv, type WebhookTestEnv } from "./test-support/webhook-env";

let env: WebhookTestEnv;
let worker: Worker | undefined;
beforeAll(async () => {
  env = await openWebhookTestEnv();
});
afterAll(async () => {
  await worker?.stop({ timeoutMs: 2_000 });
  await env?.close();
});

describe("segment clock", () => {
  it("moves a customer out of 'ordered in the last 30 days' at the shop's local midnight, with the pull failing", async () => {
    const db = env.t.db;
    // GIVEN a shop in India (midnight at 18:30 UTC, not on a UTC hour) whose customer last ordered on 25 October, local time
    const shop = uniqueShop();
    await db.shop.create({ data: { shop, name: shop, ianaTimezone: "Asia/Kolkata" } });
    const customer = await db.customer.create({ data: buildCustomer(shop), select: { id: true } });
    await db.customerFacts.create({
      data: { customerId: customer.id, shop, orderCount: 1, lastOrderAt: new Date("2026-10-25T04:30:00Z"), version: 1n },
    });
    // AND one clock for queue, worker and evaluator, at 23:40 local on 23 November (29 days on)
    let clock = new Date("2026-11-23T18:10:00Z");
    const now = () => clock;
    const saved = await saveSegment(
      { db, index: factsIndexCache() },
      shop,
      { name: "Recent buyers", query: "last_order_date > -30d" },
      now(),
    );
    if (!saved.ok) throw new Error(saved.message);
    expect(saved.segment.memberCount).toBe(1);

    // WHEN a worker starts (no webhook ever arrives for this shop)
    const log = createLogger({ level: "silent" });
    const queue: JobQueue = createEmbeddedQueue({ db, dialect: env.t.kind, log, timings: { leaseMs: 5_000, pollIntervalMs: 50 }, now });
    worker = await startWorker({ queue, handlers: jobRegistry({ now, queue: async () => queue }), log, now });
    // THEN the shop has a clock refresh at its local midnight and a pull at the next hour
    const scheduled = async (name: string) =>
      await db.job.findMany({
        where: { queue: name, payload: { contains: shop } },
        orderBy: { runAt: "asc" },
        select: { runAt: true, state: true, attempts: true, lastError: true },
      });
    expect((await scheduled(SEGMENT_CLOCK_JOB)).map((j) => j.runAt.toISOString())).toEqual(["2026-11-23T18:30:00.000Z"]);
    expect((await scheduled(RECONCILE_JOB)).map((j) => j.runAt.toISOString())).toEqual(["2026-11-23T19:00:00.000Z"]);

    // WHEN the clock passes local midnight
    clock = new Date("2026-11-23T18:30:01Z");
    // THEN the customer leaves the segment, recorded as an exit at that time
    await vi.waitFor(async () => expect(await db.segmentMembership.count({ where: { segmentId: saved.segment.id } })).toBe(0), {
      timeout: 20_000,
      interval: 100,
    });
    const events = await membershipEvents(db, shop, saved.segment.id);
    expect(events.map((e) => ({ change: e.change, at: e.at.toISOString() }))).toEqual([
      { change: "ENTERED", at: "2026-11-23T18:10:00.000Z" },
      { change: "EXITED", at: "2026-11-23T18:30:01.000Z" },
    ]);

    // WHEN the hourly pull runs and fails (this shop has no Admin API session)
    clock = new Date("2026-11-23T19:00:01Z");
    await vi.waitFor(async () => expect((await scheduled(RECONCILE_JOB))[0]?.lastError).toBeTruthy(), { timeout: 20_000, interval: 100 });
    // THEN the next pull and the next clock refresh are still scheduled
    await vi.waitFor(
      async () => {
        expect((await scheduled(RECONCILE_JOB)).map((j) => j.runAt.toISOString())).toContain("2026-11-23T20:00:00.000Z");
        expect((await scheduled(SEGMENT_CLOCK_JOB)).map((j) => j.runAt.toISOString())).toContain("2026-11-23T20:00:00.000Z");
      },
      { timeout: 20_000, interval: 100 },
    );
  });
});
