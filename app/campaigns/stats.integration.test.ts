// A campaign's results from its rows, its linked events and its attributed orders.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../tests/setup/test-db";
import { createCampaign } from "./campaign-store.server";
import { campaignStats } from "./stats.server";
import { campaignRows, createPeople, createShop, smsDraft } from "./test-support";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

const AT = new Date("2026-12-07T19:00:00Z");

describe("campaignStats", () => {
  it("counts failures and skips by reason, each message's click once, and the attributed orders", async () => {
    const shop = await createShop(t.db);
    const people = await createPeople(t.db, shop, 5);
    const id = await createCampaign(t.db, shop, smsDraft([]));
    const row = campaignRows(t.db, shop, id, people, AT);
    const delivered = await row(0, { status: "DELIVERED" });
    await row(1, { status: "FAILED", lastError: "30003: Unreachable destination handset" });
    await row(2, { status: "UNDELIVERED", lastError: "30003: Unreachable destination handset" });
    await row(3, { status: "SKIPPED", skipReason: "no_consent" });
    await row(4, { status: "SKIPPED", skipReason: "cancelled" });
    // Two clicks on one message count once; an event of another campaign not at all
    for (const n of [1, 2])
      await t.db.messageEvent.create({
        data: {
          shop,
          channel: "SMS",
          kind: "clicked",
          outboxMessageId: delivered.id,
          campaignId: id,
          at: AT,
          providerEventId: `click-${id}-${n}`,
        },
      });
    await t.db.messageEvent.create({
      data: {
        shop,
        channel: "SMS",
        kind: "clicked",
        outboxMessageId: "other",
        campaignId: "other",
        at: AT,
        providerEventId: `click-other-${id}`,
      },
    });
    const order = await t.db.order.create({
      data: {
        shop,
        gid: `gid://shopify/Order/${id}`,
        name: "#1",
        currency: "USD",
        totalPrice: 4200n,
        processedAt: AT,
        shopifyCreatedAt: AT,
        shopifyUpdatedAt: AT,
      },
      select: { id: true },
    });
    await t.db.orderAttribution.create({
      data: {
        shop,
        orderId: order.id,
        customerId: people[0] as number,
        outboxMessageId: delivered.id,
        campaignId: id,
        channel: "SMS",
        touch: "clicked",
        touchAt: AT,
        orderAt: AT,
        revenue: 4200n,
        currency: "USD",
      },
    });

    expect(await campaignStats(t.db, shop, id)).toEqual({
      failedByReason: [{ reason: "30003: Unreachable destination handset", count: 2 }],
      skippedByReason: expect.arrayContaining([
        { reason: "no_consent", count: 1 },
        { reason: "cancelled", count: 1 },
      ]),
      clicked: 1,
      opened: 0,
      unsubscribed: 0,
      attributedOrders: 1,
      revenue: { minor: 4200, currency: "USD" },
    });
  });
});
