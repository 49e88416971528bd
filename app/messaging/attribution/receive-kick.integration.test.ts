// Storing an SMS delivery, an email open or an email click through the signed provider webhooks
// wakes attribution; other statuses and events do not.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { ACCOUNT, addCustomer, sendGridRequest, setUpShop, twilioRequest } from "../inbound/test-support";
import { receiveSendGridEvents, receiveTwilioWebhook, type WebhookDeps } from "../webhooks/receive.server";

const SHOP = "kick.myshopify.com";
const NOW = new Date("2026-11-20T15:00:00Z");
const SID = "SM" + "d".repeat(32);
const MAIL = "mailD0000000000000000";
let t: TestDb;
let deps: WebhookDeps;
const kicks: [string, string][] = [];

beforeAll(async () => {
  t = await createTestDb();
  const setUp = await setUpShop(t.db, SHOP);
  deps = { ...setUp.deps, kickAttribution: async (shop, now) => void kicks.push([shop, now.toISOString()]) };
  const customer = await addCustomer(t.db, SHOP, {
    gid: "gid://shopify/Customer/1",
    phone: "+14155550101",
    email: "a@example.com",
    email_state: "SUBSCRIBED",
  });
  const base = {
    shop: SHOP,
    body: "Hi",
    notBefore: NOW,
    status: "SENT" as const,
    sentAt: NOW,
    campaignId: "camp1",
    customerId: customer.id,
  };
  await t.db.outboxMessage.createMany({
    data: [
      { ...base, id: "o-sms", idempotencyKey: "campaign:camp1:1:sms", channel: "SMS", recipient: "+14155550101", providerMessageId: SID },
      {
        ...base,
        id: "o-mail",
        idempotencyKey: "campaign:camp1:1:email",
        channel: "EMAIL",
        recipient: "a@example.com",
        providerMessageId: MAIL,
      },
    ],
  });
});
afterAll(async () => t?.drop());
beforeEach(() => {
  kicks.length = 0;
});

const twilioStatus = (status: string) =>
  receiveTwilioWebhook(
    deps,
    "status",
    twilioRequest(`/webhooks/twilio/status?shop=${SHOP}`, {
      MessageSid: SID,
      SmsSid: SID,
      AccountSid: ACCOUNT,
      From: "+14155550100",
      To: "+14155550101",
      MessageStatus: status,
      ApiVersion: "2010-04-01",
    }),
    NOW,
  );
const sendGrid = (id: string, event: string) =>
  receiveSendGridEvents(
    deps,
    sendGridRequest(
      SHOP,
      [{ sg_event_id: id, event, sg_message_id: `${MAIL}.filterdrecv-1`, email: "a@example.com", timestamp: NOW.getTime() / 1000 }],
      NOW,
    ),
    NOW,
  );

describe("webhooks wake attribution", () => {
  it.each([
    { description: "an SMS delivered", send: () => twilioStatus("delivered"), kicked: true },
    { description: "an SMS sent", send: () => twilioStatus("sent"), kicked: false },
    { description: "an email opened", send: () => sendGrid("k1", "open"), kicked: true },
    { description: "an email clicked", send: () => sendGrid("k2", "click"), kicked: true },
    { description: "an email delivered", send: () => sendGrid("k3", "delivered"), kicked: false },
  ])("$description: kicked $kicked", async ({ send, kicked }) => {
    expect((await send()).status).toBe(204);
    expect(kicks).toEqual(kicked ? [[SHOP, NOW.toISOString()]] : []);
  });
});
