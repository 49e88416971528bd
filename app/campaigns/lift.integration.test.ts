// The lift report's two groups as read from the database: who is in each, and which orders count.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../tests/setup/test-db";
import { createCampaign } from "./campaign-store.server";
import { campaignLift } from "./lift.server";
import { createShop, smsDraft } from "./test-support";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

const FROZEN = new Date("2026-12-01T15:00:00Z");
const HOUR = 3_600_000;
const at = (hours: number) => new Date(FROZEN.getTime() + hours * HOUR);
const NOW = at(24 * 10);

async function customers(shop: string, prefix: string, n: number, phone: (i: number) => string | null): Promise<number[]> {
  await t.db.customer.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      shop,
      gid: `gid://shopify/Customer/${prefix}${i}`,
      phone: phone(i),
      shopifyCreatedAt: FROZEN,
      shopifyUpdatedAt: FROZEN,
    })),
  });
  const rows = await t.db.customer.findMany({
    where: { shop, gid: { startsWith: `gid://shopify/Customer/${prefix}` } },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => r.id);
}

let orderSeq = 0;
function order(shop: string, customerId: number, placed: Date, totalPrice: number, extra: Record<string, unknown> = {}) {
  orderSeq += 1;
  return {
    shop,
    gid: `gid://shopify/Order/${orderSeq}`,
    name: `#${orderSeq}`,
    customerId,
    currency: "USD",
    totalPrice: BigInt(totalPrice),
    processedAt: placed,
    shopifyCreatedAt: placed,
    shopifyUpdatedAt: placed,
    ...extra,
  };
}

describe("campaignLift", () => {
  it("compares everyone queued a message with the held-out customers who have a phone, over the same window", async () => {
    // GIVEN a campaign frozen at FROZEN with a 10 % holdout
    const shop = await createShop(t.db);
    await t.db.shop.update({ where: { shop }, data: { currency: "USD" } });
    const id = await createCampaign(t.db, shop, smsDraft([], { holdoutPercent: 10 }));
    await t.db.campaign.update({ where: { id }, data: { status: "SENT", frozenAt: FROZEN } });
    // AND 115 customers queued a message (some skipped: they were meant to get one all the same)
    const sent = await customers(shop, "1", 115, (i) => `+1212555${String(i).padStart(4, "0")}`);
    await t.db.outboxMessage.createMany({
      data: sent.map((customerId, i) => ({
        shop,
        idempotencyKey: `campaign:${id}:${customerId}`,
        channel: "SMS" as const,
        customerId,
        recipient: `+1212555${String(i).padStart(4, "0")}`,
        body: "x",
        notBefore: FROZEN,
        campaignId: id,
        status: i % 10 === 0 ? ("SKIPPED" as const) : ("DELIVERED" as const),
      })),
    });
    // AND 105 held out with a phone, 4 held out without one (the messaged group has none of those)
    const held = await customers(shop, "2", 105, (i) => `+1310555${String(i).padStart(4, "0")}`);
    const noPhone = await customers(shop, "3", 4, (i) => (i === 0 ? "" : null));
    await t.db.campaignHoldout.createMany({ data: [...held, ...noPhone].map((customerId) => ({ shop, campaignId: id, customerId })) });
    // AND another campaign's recipient, who is in neither group
    const [stranger] = await customers(shop, "4", 1, () => "+14155550000");
    await t.db.outboxMessage.create({
      data: {
        shop,
        idempotencyKey: `campaign:other:${stranger}`,
        channel: "SMS",
        customerId: stranger as number,
        recipient: "+14155550000",
        body: "x",
        notBefore: FROZEN,
        campaignId: "other",
      },
    });

    // AND orders: 20 messaged customers ordered $25 in the window, one of them twice
    const inWindow = sent.slice(0, 20).map((c, i) => order(shop, c, at(1 + i), 2_500));
    const orders = [
      ...inWindow,
      order(shop, sent[0] as number, at(100), 1_000),
      // one fully refunded: converted, with no revenue
      order(shop, sent[20] as number, at(2), 3_000, { totalRefunded: 3_000n }),
      // not counted: before the start, after the window, a test, cancelled, deleted, the stranger's
      order(shop, sent[21] as number, at(-1), 9_999),
      order(shop, sent[22] as number, at(168.5), 9_999),
      order(shop, sent[23] as number, at(3), 9_999, { test: true }),
      order(shop, sent[24] as number, at(3), 9_999, { cancelledAt: at(4) }),
      order(shop, sent[25] as number, at(3), 9_999, { deletedAt: at(4) }),
      order(shop, stranger as number, at(3), 9_999),
      // the window's last instant still counts
      order(shop, held[0] as number, at(168), 4_000),
      order(shop, held[1] as number, at(5), 2_000),
      order(shop, noPhone[1] as number, at(5), 9_999),
    ];
    await t.db.order.createMany({ data: orders });

    // WHEN the report is read after the window closed
    const report = await campaignLift(t.db, shop, id, NOW);

    // THEN each group holds whom it should and counts the orders it should
    if (report === null || report.state !== "ready") throw new Error(`expected a ready report, got ${JSON.stringify(report)}`);
    expect(report.sent).toEqual({
      customers: 115,
      converted: 21,
      conversionRate: 21 / 115,
      revenuePerRecipient: (20 * 2_500 + 1_000) / 115,
    });
    expect(report.holdout).toEqual({ customers: 105, converted: 2, conversionRate: 2 / 105, revenuePerRecipient: 6_000 / 105 });
    expect(report.window).toEqual({ start: FROZEN.toISOString(), end: at(168).toISOString(), open: false });
    expect(report.verdict.tone).toBe("success");
  });

  it("has nothing to compare without a holdout, and nothing at all before sending starts", async () => {
    const shop = await createShop(t.db);
    const none = await createCampaign(t.db, shop, smsDraft([]));
    await t.db.campaign.update({ where: { id: none }, data: { status: "SENT", frozenAt: FROZEN } });
    const draft = await createCampaign(t.db, shop, smsDraft([], { holdoutPercent: 10 }));
    expect(await campaignLift(t.db, shop, none, NOW)).toEqual({ state: "no_holdout" });
    expect(await campaignLift(t.db, shop, draft, NOW)).toBeNull();
    expect(await campaignLift(t.db, "other-shop.myshopify.com", none, NOW)).toBeNull();
  });
});
