// The job as the worker runs it: registered in the job registry, scheduled at worker start for a
// shop with live touches, and a kick attributes an order within the minute.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createEmbeddedQueue } from "~/jobs/embedded-queue.server";
import { jobRegistry } from "~/jobs/handlers/index.server";
import type { JobQueue } from "~/jobs/queue";
import { startWorker, type Worker } from "~/jobs/worker.server";
import { createLogger } from "~/lib/logger.server";
import { openWebhookTestEnv, type WebhookTestEnv } from "~/shopify/webhooks/test-support/webhook-env";
import { ATTRIBUTE_JOB, kickAttribution } from "./attribution-job.server";
import { addCustomer, addEvent, addMessage, addOrder, attributionsOf, createShop, hoursBefore, uniqueShop } from "./test-support";

let env: WebhookTestEnv;
let worker: Worker | undefined;
beforeAll(async () => {
  env = await openWebhookTestEnv();
});
afterAll(async () => {
  await worker?.stop({ timeoutMs: 2_000 });
  await env?.close();
});

describe("messaging.attribute in the worker", () => {
  it("is scheduled at worker start for a shop with live touches, and a kick attributes a new order", async () => {
    const db = env.t.db;
    // GIVEN a shop whose customer's SMS was delivered 2 h ago
    let clock = new Date("2026-11-20T15:07:30Z");
    const now = () => clock;
    const shop = uniqueShop();
    await createShop(db, shop);
    const customer = await addCustomer(db, shop);
    const message = await addMessage(db, shop, customer.id, "SMS");
    await addEvent(db, message, "sms.delivered", hoursBefore(clock, 2));
    // WHEN a worker starts
    const log = createLogger({ level: "silent" });
    const queue: JobQueue = createEmbeddedQueue({ db, dialect: env.t.kind, log, timings: { leaseMs: 5_000, pollIntervalMs: 50 }, now });
    worker = await startWorker({ queue, handlers: jobRegistry({ now, queue: async () => queue }), log, now });
    // THEN the shop's next quarter-hour run is scheduled
    const scheduled = async () =>
      (await db.job.findMany({ where: { queue: ATTRIBUTE_JOB, payload: { contains: shop } }, select: { runAt: true } })).map((j) =>
        j.runAt.toISOString(),
      );
    expect(await scheduled()).toEqual(["2026-11-20T15:15:01.000Z"]);
    // WHEN the customer orders and a kick comes, and the minute closes
    const orderId = await addOrder(db, shop, customer.id, hoursBefore(clock, 0.1));
    await kickAttribution(queue, shop, clock);
    clock = new Date("2026-11-20T15:08:02Z");
    // THEN the order is attributed to the message
    await vi.waitFor(
      async () => expect((await attributionsOf(db, shop)).map((r) => [r.orderId, r.outboxMessageId])).toEqual([[orderId, message.id]]),
      { timeout: 20_000, interval: 100 },
    );
  });
});
