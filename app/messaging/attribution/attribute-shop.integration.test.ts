// Which message an order is attributed to, through the job's SQL on each database: the
// windows, the touch kinds, the latest touch, the shop's own windows and tenant isolation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { attributeShop } from "./attribute-shop.server";
import { addCustomer, addEvent, addMessage, addOrder, attributionsOf, createShop, hoursBefore, uniqueShop } from "./test-support";

const NOW = new Date("2026-11-20T15:00:00Z");
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

/** A shop with one customer who got one message with one event `hoursBeforeOrder` before their order. */
async function oneTouch(
  channel: "SMS" | "EMAIL",
  kind: string,
  hoursBeforeOrder: number,
  windows?: { clickHours: number; deliveryHours: number },
) {
  const shop = uniqueShop();
  await createShop(t.db, shop, { windows });
  const customer = await addCustomer(t.db, shop);
  const message = await addMessage(t.db, shop, customer.id, channel, { campaignId: "camp-1" });
  const orderAt = hoursBefore(NOW, 1);
  await addEvent(t.db, message, kind, hoursBefore(orderAt, hoursBeforeOrder));
  const orderId = await addOrder(t.db, shop, customer.id, orderAt, { totalPrice: 12_345n });
  await attributeShop(t.db, shop, NOW);
  return { shop, message, orderId, rows: await attributionsOf(t.db, shop) };
}

describe("attribution windows (defaults: 7 days for a click, 1 day for an SMS delivery or email open)", () => {
  it.each([
    { description: "a click, order 6 days later: attributed", channel: "SMS" as const, kind: "clicked", hours: 6 * 24, attributed: true },
    { description: "a click, order 8 days later: not", channel: "SMS" as const, kind: "clicked", hours: 8 * 24, attributed: false },
    {
      description: "an SMS delivered, order 20 h later: attributed",
      channel: "SMS" as const,
      kind: "sms.delivered",
      hours: 20,
      attributed: true,
    },
    {
      description: "an SMS delivered, order 30 h later: not",
      channel: "SMS" as const,
      kind: "sms.delivered",
      hours: 30,
      attributed: false,
    },
    {
      description: "an email opened, order 20 h later: attributed",
      channel: "EMAIL" as const,
      kind: "email.open",
      hours: 20,
      attributed: true,
    },
    {
      description: "an email delivered, order 1 h later: not (a delivery is no email touch)",
      channel: "EMAIL" as const,
      kind: "email.delivered",
      hours: 1,
      attributed: false,
    },
    {
      description: "an email click, order 3 days later: attributed",
      channel: "EMAIL" as const,
      kind: "email.click",
      hours: 72,
      attributed: true,
    },
    { description: "an SMS sent but never delivered: not", channel: "SMS" as const, kind: "sms.sent", hours: 1, attributed: false },
    { description: "a click after the order: not", channel: "SMS" as const, kind: "clicked", hours: -2, attributed: false },
  ])("$description", async ({ channel, kind, hours, attributed }) => {
    const { message, orderId, rows } = await oneTouch(channel, kind, hours);
    expect(rows.map((r) => [r.orderId, r.outboxMessageId])).toEqual(attributed ? [[orderId, message.id]] : []);
  });

  it("stores the touch, the order's time and its total in shop money", async () => {
    const { message, orderId, rows } = await oneTouch("EMAIL", "email.open", 3);
    const orderAt = hoursBefore(NOW, 1);
    expect(rows).toEqual([
      {
        orderId,
        outboxMessageId: message.id,
        touch: "opened",
        channel: "EMAIL",
        touchAt: hoursBefore(orderAt, 3),
        orderAt,
        revenue: 12_345n,
        currency: "USD",
        campaignId: "camp-1",
        automationRunId: null,
        customerId: message.customerId,
      },
    ]);
  });

  it("uses the shop's own windows from SendingRules", async () => {
    const narrow = { clickHours: 48, deliveryHours: 6 };
    expect((await oneTouch("SMS", "clicked", 72, narrow)).rows).toEqual([]);
    expect((await oneTouch("SMS", "sms.delivered", 8, narrow)).rows).toEqual([]);
    expect((await oneTouch("SMS", "sms.delivered", 5, narrow)).rows).toHaveLength(1);
    const wide = { clickHours: 240, deliveryHours: 36 };
    expect((await oneTouch("SMS", "clicked", 9 * 24, wide)).rows).toHaveLength(1);
    expect((await oneTouch("SMS", "sms.delivered", 30, wide)).rows).toHaveLength(1);
  });
});

describe("the latest message wins", () => {
  it("takes the latest qualifying touch across messages and kinds, each order on its own", async () => {
    // GIVEN a customer who clicked a campaign SMS 3 days ago, got an automation SMS 5 h ago and opened an email 2 h ago
    const shop = uniqueShop();
    await createShop(t.db, shop);
    const customer = await addCustomer(t.db, shop);
    const clicked = await addMessage(t.db, shop, customer.id, "SMS", { campaignId: "spring" });
    const delivered = await addMessage(t.db, shop, customer.id, "SMS", { automationRunId: "run-1" });
    const opened = await addMessage(t.db, shop, customer.id, "EMAIL", { campaignId: "newsletter" });
    await addEvent(t.db, clicked, "sms.delivered", hoursBefore(NOW, 80));
    await addEvent(t.db, clicked, "clicked", hoursBefore(NOW, 72));
    await addEvent(t.db, delivered, "sms.delivered", hoursBefore(NOW, 5));
    await addEvent(t.db, opened, "email.delivered", hoursBefore(NOW, 2.5));
    await addEvent(t.db, opened, "email.open", hoursBefore(NOW, 2));
    // WHEN orders come 1 h ago, 3 h ago, 2 days ago, and one before any message
    const latest = await addOrder(t.db, shop, customer.id, hoursBefore(NOW, 1));
    const afterDelivery = await addOrder(t.db, shop, customer.id, hoursBefore(NOW, 3));
    const afterClick = await addOrder(t.db, shop, customer.id, hoursBefore(NOW, 48));
    const beforeAll = await addOrder(t.db, shop, customer.id, hoursBefore(NOW, 100));
    await attributeShop(t.db, shop, NOW);
    // THEN each goes to the latest touch before it that is still within its window
    const rows = await attributionsOf(t.db, shop);
    expect(rows.map((r) => [r.orderId, r.outboxMessageId, r.touch, r.campaignId, r.automationRunId])).toEqual([
      [latest, opened.id, "opened", "newsletter", null],
      [afterDelivery, delivered.id, "delivered", null, "run-1"],
      [afterClick, clicked.id, "clicked", "spring", null],
    ]);
    expect(rows.map((r) => r.orderId)).not.toContain(beforeAll);
  });
});

describe("what is never attributed", () => {
  it("uses no other shop's touches, even for a customer id that shop's message names", async () => {
    const shopA = uniqueShop();
    const shopB = uniqueShop();
    await createShop(t.db, shopA);
    await createShop(t.db, shopB);
    const customer = await addCustomer(t.db, shopA);
    // A message row of shop B pointing at shop A's customer id, and its click.
    const foreign = await addMessage(t.db, shopB, customer.id, "SMS");
    await addEvent(t.db, foreign, "clicked", hoursBefore(NOW, 2));
    await addOrder(t.db, shopA, customer.id, hoursBefore(NOW, 1));
    await attributeShop(t.db, shopA, NOW);
    await attributeShop(t.db, shopB, NOW);
    expect(await attributionsOf(t.db, shopA)).toEqual([]);
    expect(await attributionsOf(t.db, shopB)).toEqual([]);
  });

  it("leaves test orders, deleted orders and orders without a customer alone; attributes cancelled ones", async () => {
    const shop = uniqueShop();
    await createShop(t.db, shop);
    const customer = await addCustomer(t.db, shop);
    const message = await addMessage(t.db, shop, customer.id, "SMS");
    await addEvent(t.db, message, "clicked", hoursBefore(NOW, 10));
    await addOrder(t.db, shop, customer.id, hoursBefore(NOW, 1), { test: true });
    const deleted = await addOrder(t.db, shop, customer.id, hoursBefore(NOW, 1));
    await t.db.order.update({ where: { id: deleted }, data: { deletedAt: NOW } });
    await addOrder(t.db, shop, null, hoursBefore(NOW, 1));
    const cancelled = await addOrder(t.db, shop, customer.id, hoursBefore(NOW, 1), { cancelledAt: NOW });
    await attributeShop(t.db, shop, NOW);
    expect((await attributionsOf(t.db, shop)).map((r) => r.orderId)).toEqual([cancelled]);
  });
});
