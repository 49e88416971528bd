// A STOP counts as an unsubscribe of the last text the number got within the window: in the
// campaign's stats and in segments' message filters.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignStats } from "~/campaigns/stats.server";
import { FactsIndexCache } from "~/segments/facts-index/facts-index.server";
import { countQuery, type SegmentDeps } from "~/segments/segment-service.server";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { receiveTwilioWebhook, type WebhookDeps } from "../webhooks/receive.server";
import { ACCOUNT, addCustomer, nextSid, setUpShop, twilioRequest } from "./test-support";

const SHOP = "stop-event.myshopify.com";
const NOW = new Date("2026-11-20T15:00:00Z");
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const ALICE = "+14155550123";
const BOB = "+14155550124";
let t: TestDb;
let deps: WebhookDeps;

beforeAll(async () => {
  t = await createTestDb();
  ({ deps } = await setUpShop(t.db, SHOP));
});
afterAll(async () => t?.drop());

async function reply(from: string, body: string, sid = nextSid()): Promise<string> {
  const params = { MessageSid: sid, AccountSid: ACCOUNT, From: from, To: "+14155550100", Body: body, NumMedia: "0" };
  const response = await receiveTwilioWebhook(deps, "inbound", twilioRequest(`/webhooks/twilio/inbound?shop=${SHOP}`, params), NOW);
  expect(response.status).toBe(200);
  return sid;
}

function text(customerId: number, recipient: string, campaignId: string, sentAt: Date | null) {
  return t.db.outboxMessage.create({
    data: {
      shop: SHOP,
      idempotencyKey: `campaign:${campaignId}:${customerId}`,
      channel: "SMS",
      customerId,
      recipient,
      body: "Sale on",
      notBefore: ago(30),
      campaignId,
      status: sentAt ? "DELIVERED" : "QUEUED",
      sentAt,
    },
    select: { id: true },
  });
}

describe("STOP after a campaign text", () => {
  it("is the latest text's unsubscribe, once, in stats and segments; an old text gets none", async () => {
    // GIVEN Alice got campaign A three days ago and campaign B yesterday; campaign C is still queued for her
    const alice = await addCustomer(t.db, SHOP, { gid: "gid://shopify/Customer/1", phone: ALICE, sms: "SUBSCRIBED" });
    const bob = await addCustomer(t.db, SHOP, { gid: "gid://shopify/Customer/2", phone: BOB, sms: "SUBSCRIBED" });
    await text(alice.id, ALICE, "cmp_A", ago(3));
    const latest = await text(alice.id, ALICE, "cmp_B", ago(1));
    await text(alice.id, ALICE, "cmp_C", null);
    // AND Bob's only campaign text is ten days old, beyond the 7-day window
    await text(bob.id, BOB, "cmp_A", ago(10));
    const deps: SegmentDeps = { db: t.db, index: new FactsIndexCache(t.db, { url: t.url }) };
    const query = "messages MATCHES (event = 'unsubscribed', campaign_id = 'cmp_B')";
    expect(await countQuery(deps, SHOP, query, NOW)).toEqual({ ok: true, count: 0 });

    // WHEN both reply STOP, and Twilio delivers Alice's twice
    const sid = await reply(ALICE, "STOP");
    await reply(ALICE, "STOP", sid);
    await reply(BOB, "Stop texting me");

    // THEN one unsubscribe is recorded, on Alice's text of campaign B
    const events = await t.db.messageEvent.findMany({
      where: { shop: SHOP, kind: "unsubscribed" },
      select: { outboxMessageId: true, customerId: true, campaignId: true, channel: true, at: true, providerEventId: true },
    });
    expect(events).toEqual([
      { outboxMessageId: latest.id, customerId: alice.id, campaignId: "cmp_B", channel: "SMS", at: NOW, providerEventId: `stop:${sid}` },
    ]);
    // AND campaign B's stats count it, campaign A's do not
    expect((await campaignStats(t.db, SHOP, "cmp_B")).unsubscribed).toBe(1);
    expect((await campaignStats(t.db, SHOP, "cmp_A")).unsubscribed).toBe(0);
    // AND the segment filter on campaign B's unsubscribes finds Alice
    expect(await countQuery(deps, SHOP, query, NOW)).toEqual({ ok: true, count: 1 });
    // AND both numbers are opted out all the same
    expect(
      (await t.db.customer.findMany({ where: { shop: SHOP }, select: { smsMarketingState: true } })).map((c) => c.smsMarketingState),
    ).toEqual(["UNSUBSCRIBED", "UNSUBSCRIBED"]);
  });
});
