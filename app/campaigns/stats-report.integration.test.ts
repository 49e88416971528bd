// The report below the live results: what the texts cost and the results over time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SMS_PRICES } from "~/messaging/sms/prices";
import { createTestDb, type TestDb } from "../../tests/setup/test-db";
import { createCampaign } from "./campaign-store.server";
import { campaignReport } from "./stats-report.server";
import { campaignRows, createPeople, createShop, smsDraft } from "./test-support";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

const START = new Date("2026-12-07T19:00:00Z");
const min = (m: number) => new Date(START.getTime() + m * 60_000);

describe("campaignReport", () => {
  it("prices the texts Twilio took, and counts each message once per series by the hour", async () => {
    // GIVEN a New York shop's SMS campaign that started at START
    const shop = await createShop(t.db);
    const people = await createPeople(t.db, shop, 5);
    const id = await createCampaign(t.db, shop, smsDraft([]));
    await t.db.campaign.update({ where: { id }, data: { status: "SENT", frozenAt: START, startedAt: START } });
    const row = campaignRows(t.db, shop, id, people, START, "+1212555010");
    // AND two delivered (one of two segments), one undelivered, one refused by Twilio, one skipped
    const a = await row(0, { status: "DELIVERED", sentAt: min(1), body: "y".repeat(161) });
    await row(1, { status: "DELIVERED", sentAt: min(2) });
    await row(2, { status: "UNDELIVERED", sentAt: min(70), lastError: "30003: Unreachable destination handset" });
    await row(3, { status: "FAILED", lastError: "21610: Attempt to send to unsubscribed recipient" });
    await row(4, { status: "SKIPPED", skipReason: "no_consent" });
    // AND message a was delivered, clicked twice, then STOPped; an order was attributed to it
    const event = (kind: string, at: Date, n: number) =>
      t.db.messageEvent.create({
        data: {
          shop,
          channel: "SMS",
          kind,
          outboxMessageId: a.id,
          customerId: people[0] as number,
          campaignId: id,
          at,
          providerEventId: `${id}-${n}`,
        },
      });
    await event("sms.delivered", min(3), 1);
    await event("clicked", min(61), 2);
    await event("clicked", min(62), 3);
    await event("unsubscribed", min(125), 4);
    const order = await t.db.order.create({
      data: {
        shop,
        gid: `gid://shopify/Order/${id}`,
        name: "#1",
        currency: "USD",
        totalPrice: 4200n,
        processedAt: min(90),
        shopifyCreatedAt: min(90),
        shopifyUpdatedAt: min(90),
      },
      select: { id: true },
    });
    await t.db.orderAttribution.create({
      data: {
        shop,
        orderId: order.id,
        customerId: people[0] as number,
        outboxMessageId: a.id,
        campaignId: id,
        channel: "SMS",
        touch: "clicked",
        touchAt: min(61),
        orderAt: min(90),
        revenue: 4200n,
        currency: "USD",
      },
    });

    // WHEN the report is read two and a half hours in
    const report = await campaignReport(t.db, shop, id, min(150));

    // THEN the cost is four segments at the US price (the refused and the skipped cost nothing)
    expect(report?.cost).toEqual({
      texts: 3,
      segments: 4,
      totals: [{ currency: "USD", micros: 4 * (DEFAULT_SMS_PRICES.US?.microsPerSegment ?? 0) }],
      unpriced: 0,
    });
    // AND the chart has an hour per bucket in New York time, each click of one message once
    expect(report?.timeline?.unit).toBe("hour");
    expect(report?.timeline?.buckets.map((b) => [b.label, b.counts])).toEqual([
      ["Dec 7, 14:00", { sent: 2, delivered: 1, clicked: 0, unsubscribed: 0, orders: 0 }],
      ["Dec 7, 15:00", { sent: 1, delivered: 0, clicked: 1, unsubscribed: 0, orders: 1 }],
      ["Dec 7, 16:00", { sent: 0, delivered: 0, clicked: 0, unsubscribed: 1, orders: 0 }],
    ]);
    // AND without a holdout there is no lift to report
    expect(report?.lift).toEqual({ state: "no_holdout" });
  });

  it("is empty before sending starts and missing for another shop", async () => {
    const shop = await createShop(t.db);
    const id = await createCampaign(t.db, shop, smsDraft([]));
    expect(await campaignReport(t.db, shop, id, START)).toEqual({ cost: null, timeline: null, lift: null });
    expect(await campaignReport(t.db, "someone-else.myshopify.com", id, START)).toBeNull();
  });
});
