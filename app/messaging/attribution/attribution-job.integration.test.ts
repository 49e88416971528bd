// The messaging.attribute job: once per order however it runs (twice, or two workers at once),
// new orders by cursor across batches, late orders and late touches, and its scheduling.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb, type Db } from "~/db/db.server";
import type { EnqueueOptions, JobContext, JobPayload } from "~/jobs/queue";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { dbDialect } from "~/db/dialect.server";
import { attributeShop } from "./attribute-shop.server";
import { insertAttributions } from "./attribution-store.server";
import {
  ATTRIBUTE_JOB,
  attributionJobHandler,
  attributionJobKey,
  kickAttribution,
  scheduleLiveShops,
  type AttributionQueue,
} from "./attribution-job.server";
import { addCustomer, addEvent, addMessage, addOrder, attributionsOf, createShop, hoursBefore, uniqueShop } from "./test-support";

const NOW = new Date("2026-11-20T15:07:30Z");
let t: TestDb;
let second: Db;

beforeAll(async () => {
  t = await createTestDb();
  second = connectDb(t.url);
});
afterAll(async () => {
  await second?.$disconnect();
  await t?.drop();
});

/** A shop whose `count` customers each clicked an SMS 2 h ago and ordered 1 h ago. */
async function shopWithOrders(count: number) {
  const shop = uniqueShop();
  await createShop(t.db, shop);
  const orders: number[] = [];
  for (let i = 0; i < count; i++) {
    const customer = await addCustomer(t.db, shop);
    const message = await addMessage(t.db, shop, customer.id, "SMS", { campaignId: "c" });
    await addEvent(t.db, message, "clicked", hoursBefore(NOW, 2));
    orders.push(await addOrder(t.db, shop, customer.id, hoursBefore(NOW, 1)));
  }
  return { shop, orders };
}

/** Like the real queue: a key held by a pending job is not enqueued again. */
function recordingQueue() {
  const jobs: { name: string; payload: JobPayload; options: EnqueueOptions }[] = [];
  const queue: AttributionQueue = {
    enqueue: async (name, payload, options) => {
      if (jobs.some((j) => j.options.uniqueKey === options.uniqueKey)) return null;
      jobs.push({ name, payload, options });
      return `job-${jobs.length}`;
    },
  };
  return { jobs, queue };
}

const job = (shop: string, attempt = 1): JobContext => ({
  id: "j",
  name: ATTRIBUTE_JOB,
  payload: { shop },
  attempt,
  signal: new AbortController().signal,
});

describe("once per order", () => {
  it("a second run adds nothing", async () => {
    const { shop, orders } = await shopWithOrders(3);
    expect((await attributeShop(t.db, shop, NOW)).attributed).toBe(3);
    // The cursor is put back, as if the first run had crashed before moving it.
    await t.db.attributionCursor.deleteMany({ where: { shop } });
    expect((await attributeShop(t.db, shop, NOW)).attributed).toBe(0);
    expect((await attributionsOf(t.db, shop)).map((r) => r.orderId)).toEqual(orders);
  });

  it("an insert for an order already attributed keeps the first row", async () => {
    const { shop, orders } = await shopWithOrders(1);
    await attributeShop(t.db, shop, NOW);
    const [first] = await attributionsOf(t.db, shop);
    const customer = await addCustomer(t.db, shop);
    const other = await addMessage(t.db, shop, customer.id, "EMAIL");
    const order = { id: orders[0] ?? 0, customerId: customer.id, placedAt: NOW, totalPrice: 1n, currency: "EUR" };
    const touch = { ...other, outboxMessageId: other.id, kind: "opened" as const, at: NOW };
    expect(await insertAttributions(t.db, dbDialect(t.db), shop, [{ order, touch }], NOW)).toBe(0);
    expect(await attributionsOf(t.db, shop)).toEqual([first]);
  });

  it("two workers at once, on their own connections, leave one row per order", async () => {
    const { shop, orders } = await shopWithOrders(12);
    const [a, b] = await Promise.all([
      attributeShop(t.db, shop, NOW, { batchSize: 5 }),
      attributeShop(second, shop, NOW, { batchSize: 5 }),
    ]);
    expect(a.attributed + b.attributed).toBe(12);
    expect((await attributionsOf(t.db, shop)).map((r) => r.orderId)).toEqual(orders);
    expect((await t.db.attributionCursor.findUnique({ where: { shop } }))?.lastOrderId).toBe(orders[orders.length - 1]);
  });
});

describe("which orders a run reads", () => {
  it("reads new orders in batches past orders it skips, and orders stored after a run in the next", async () => {
    const { shop, orders } = await shopWithOrders(4);
    const customer = await addCustomer(t.db, shop);
    await addOrder(t.db, shop, customer.id, hoursBefore(NOW, 1), { test: true });
    await addOrder(t.db, shop, null, hoursBefore(NOW, 1));
    const report = await attributeShop(t.db, shop, NOW, { batchSize: 2 });
    expect(report.attributed).toBe(4);
    const horizon = (await t.db.order.aggregate({ where: { shop }, _max: { id: true } }))._max.id;
    expect((await t.db.attributionCursor.findUnique({ where: { shop } }))?.lastOrderId).toBe(horizon);
    const message = await addMessage(t.db, shop, customer.id, "EMAIL");
    await addEvent(t.db, message, "email.open", hoursBefore(NOW, 0.5));
    const later = await addOrder(t.db, shop, customer.id, hoursBefore(NOW, 0.25));
    expect((await attributeShop(t.db, shop, NOW, { batchSize: 2 })).attributed).toBe(1);
    expect((await attributionsOf(t.db, shop)).map((r) => r.orderId)).toEqual([...orders, later]);
  });

  it("attributes an order whose customer is linked after the run that first read it", async () => {
    // GIVEN an order stored before its customer (orders/create before customers/create)
    const shop = uniqueShop();
    await createShop(t.db, shop);
    const customer = await addCustomer(t.db, shop);
    const message = await addMessage(t.db, shop, customer.id, "SMS");
    await addEvent(t.db, message, "sms.delivered", hoursBefore(NOW, 3));
    const orderId = await addOrder(t.db, shop, null, hoursBefore(NOW, 2), { customerGid: customer.gid });
    expect((await attributeShop(t.db, shop, NOW)).attributed).toBe(0);
    // WHEN the customer arrives and the order is linked, and the job runs again
    await t.db.order.update({ where: { id: orderId }, data: { customerId: customer.id } });
    await attributeShop(t.db, shop, new Date(NOW.getTime() + 15 * 60_000));
    // THEN it is attributed
    expect((await attributionsOf(t.db, shop)).map((r) => [r.orderId, r.outboxMessageId])).toEqual([[orderId, message.id]]);
  });

  it("attributes an order whose touch was reported after the run that first read it", async () => {
    const shop = uniqueShop();
    await createShop(t.db, shop);
    const customer = await addCustomer(t.db, shop);
    const message = await addMessage(t.db, shop, customer.id, "EMAIL");
    const orderId = await addOrder(t.db, shop, customer.id, hoursBefore(NOW, 1));
    expect((await attributeShop(t.db, shop, NOW)).attributed).toBe(0);
    await addEvent(t.db, message, "email.open", hoursBefore(NOW, 4));
    await attributeShop(t.db, shop, NOW);
    expect((await attributionsOf(t.db, shop)).map((r) => r.orderId)).toEqual([orderId]);
  });

  it("does not revisit an order placed longer ago than the longest window", async () => {
    const shop = uniqueShop();
    await createShop(t.db, shop, { windows: { clickHours: 48, deliveryHours: 24 } });
    const customer = await addCustomer(t.db, shop);
    const message = await addMessage(t.db, shop, customer.id, "SMS");
    await addEvent(t.db, message, "clicked", hoursBefore(NOW, 60));
    const orderId = await addOrder(t.db, shop, null, hoursBefore(NOW, 50));
    await attributeShop(t.db, shop, NOW);
    await t.db.order.update({ where: { id: orderId }, data: { customerId: customer.id } });
    await attributeShop(t.db, shop, NOW);
    expect(await attributionsOf(t.db, shop)).toEqual([]);
  });
});

describe("scheduling", () => {
  it("a burst of kicks within a minute is one run, at the end of that minute", async () => {
    const { jobs, queue } = recordingQueue();
    for (const seconds of [0, 10, 29]) await kickAttribution(queue, "a.myshopify.com", new Date(NOW.getTime() + seconds * 1000));
    await kickAttribution(queue, "b.myshopify.com", NOW);
    expect(jobs.map((j) => [j.name, j.payload, j.options.uniqueKey, j.options.runAt?.toISOString()])).toEqual([
      [
        ATTRIBUTE_JOB,
        { shop: "a.myshopify.com" },
        attributionJobKey("a.myshopify.com", new Date("2026-11-20T15:08:00Z")),
        "2026-11-20T15:08:01.000Z",
      ],
      [
        ATTRIBUTE_JOB,
        { shop: "b.myshopify.com" },
        attributionJobKey("b.myshopify.com", new Date("2026-11-20T15:08:00Z")),
        "2026-11-20T15:08:01.000Z",
      ],
    ]);
  });

  it("a run schedules the next quarter hour while the shop has live touches, and stops after", async () => {
    const { shop, orders } = await shopWithOrders(1);
    const { jobs, queue } = recordingQueue();
    const handler = (now: Date) => attributionJobHandler({ db: () => t.db, now: () => now, queue: async () => queue });
    await handler(NOW)(job(shop));
    expect((await attributionsOf(t.db, shop)).map((r) => r.orderId)).toEqual(orders);
    expect(jobs.map((j) => j.options.runAt?.toISOString())).toEqual(["2026-11-20T15:15:01.000Z"]);
    // A retry does not schedule again; eight days later the click can no longer take credit.
    await handler(NOW)(job(shop, 2));
    await handler(new Date(NOW.getTime() + 8 * 24 * 3_600_000))(job(shop));
    expect(jobs).toHaveLength(1);
  });

  it("at worker start, schedules the installed shops with live touches only", async () => {
    const live = await shopWithOrders(1);
    const quiet = uniqueShop();
    await createShop(t.db, quiet);
    const { jobs, queue } = recordingQueue();
    await scheduleLiveShops(t.db, queue, NOW);
    const shops = jobs.map((j) => j.payload.shop);
    expect(shops).toContain(live.shop);
    expect(shops).not.toContain(quiet);
  });
});
