// Inbound SMS through the signed Twilio webhook: STOP in all its spellings opts the number out
// (suppression + the customer's SMS consent, one write-back job), START undoes only a STOP,
// YES without a pending double opt-in changes nothing, HELP is answered once unless Twilio did.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { suppressionHash } from "~/privacy/suppression-hash";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { CONSENT_WRITEBACK_JOB } from "../consent/consent-store.server";
import { receiveTwilioWebhook, type WebhookDeps } from "../webhooks/receive.server";
import { ACCOUNT, addCustomer, nextSid, SECRET, setUpShop, twilioRequest, type RecordedJob } from "./test-support";

const SHOP = "inbound.myshopify.com";
const NOW = new Date("2026-11-20T15:00:00Z");
const PHONE = "+14155550123";
let t: TestDb;
let deps: WebhookDeps;
let jobs: RecordedJob[];

beforeAll(async () => {
  t = await createTestDb();
  ({ deps, jobs } = await setUpShop(t.db, SHOP));
});
afterAll(async () => t?.drop());
beforeEach(async () => {
  await t.db.messageEvent.deleteMany({});
  await t.db.suppression.deleteMany({});
  await t.db.consentChange.deleteMany({});
  await t.db.outboxMessage.deleteMany({});
  await t.db.customer.deleteMany({});
  jobs.length = 0;
});

async function reply(body: string, extra: Record<string, string> = {}, from = PHONE): Promise<string> {
  const sid = nextSid();
  const params = { MessageSid: sid, AccountSid: ACCOUNT, From: from, To: "+14155550100", Body: body, NumMedia: "0", ...extra };
  const response = await receiveTwilioWebhook(deps, "inbound", twilioRequest(`/webhooks/twilio/inbound?shop=${SHOP}`, params), NOW);
  expect(response.status).toBe(200);
  return sid;
}

const suppressed = async (phone = PHONE) =>
  (await t.db.suppression.findUnique({
    where: { shop_channel_addressHash: { shop: SHOP, channel: "SMS", addressHash: suppressionHash(SECRET, SHOP, "SMS", phone) } },
  })) !== null;
const smsState = async (id: number) => (await t.db.customer.findUniqueOrThrow({ where: { id } })).smsMarketingState;

describe("STOP and its variants", () => {
  it.each([
    "STOP",
    "stop",
    "Stop.",
    "STOP ALL",
    "stopall",
    "UNSUBSCRIBE",
    "Cancel",
    "end",
    "QUIT",
    "revoke",
    "OPT OUT",
    "optout",
    "Stop please!",
    "please STOP texting me",
  ])("%j suppresses the number and unsubscribes its customer, once", async (text) => {
    const customer = await addCustomer(t.db, SHOP, { gid: "gid://shopify/Customer/1", phone: PHONE, sms: "SUBSCRIBED" });
    await reply(text);
    await reply(text); // a second STOP changes nothing more
    expect(await suppressed()).toBe(true);
    expect(await smsState(customer.id)).toBe("UNSUBSCRIBED");
    const changes = await t.db.consentChange.findMany({});
    expect(changes.map((c) => [c.channel, c.fromState, c.toState, c.source])).toEqual([["SMS", "SUBSCRIBED", "UNSUBSCRIBED", "sms_stop"]]);
    expect(jobs).toEqual([{ name: CONSENT_WRITEBACK_JOB, payload: { changeId: changes[0]?.id } }]);
  });

  it.each(["when does the sale end?", "cancel my order please", "Don't stop sending me deals"])("%j is not an opt-out", async (text) => {
    const customer = await addCustomer(t.db, SHOP, { gid: "gid://shopify/Customer/1", phone: PHONE, sms: "SUBSCRIBED" });
    await reply(text);
    expect(await suppressed()).toBe(false);
    expect(await smsState(customer.id)).toBe("SUBSCRIBED");
  });

  it("a STOP whose write-back could not be enqueued gets its job when Twilio redelivers it", async () => {
    const customer = await addCustomer(t.db, SHOP, { gid: "gid://shopify/Customer/1", phone: PHONE, sms: "SUBSCRIBED" });
    let down = true;
    const flaky: WebhookDeps = {
      ...deps,
      enqueue: async (...args) => {
        if (down) throw new Error("queue unavailable");
        return deps.enqueue(...args);
      },
    };
    const params = { MessageSid: nextSid(), AccountSid: ACCOUNT, From: PHONE, To: "+14155550100", Body: "STOP", NumMedia: "0" };
    const deliver = () => receiveTwilioWebhook(flaky, "inbound", twilioRequest(`/webhooks/twilio/inbound?shop=${SHOP}`, params), NOW);
    await expect(deliver()).rejects.toThrow("queue unavailable");
    expect(await smsState(customer.id)).toBe("UNSUBSCRIBED");
    down = false;
    expect((await deliver()).status).toBe(200);
    await deliver();
    const changes = await t.db.consentChange.findMany({});
    expect(changes).toHaveLength(1);
    expect(jobs).toEqual([{ name: CONSENT_WRITEBACK_JOB, payload: { changeId: changes[0]?.id } }]);
  });

  it("suppresses a number no customer has", async () => {
    await reply("STOP", {}, "+14155550999");
    expect(await suppressed("+14155550999")).toBe(true);
    expect(jobs).toEqual([]);
  });
});

describe("START, YES and HELP", () => {
  it("START after STOP lifts the suppression and restores the subscription STOP removed", async () => {
    const customer = await addCustomer(t.db, SHOP, { gid: "gid://shopify/Customer/1", phone: PHONE, sms: "SUBSCRIBED" });
    await reply("STOP");
    await reply("start");
    expect(await suppressed()).toBe(false);
    expect(await smsState(customer.id)).toBe("SUBSCRIBED");
    expect((await t.db.consentChange.findMany({ orderBy: { id: "asc" } })).map((c) => c.source)).toEqual(["sms_stop", "sms_start"]);
    expect(jobs).toHaveLength(2);
  });

  it("START after STOP does not subscribe someone who was never subscribed", async () => {
    const customer = await addCustomer(t.db, SHOP, { gid: "gid://shopify/Customer/1", phone: PHONE, sms: "NOT_SUBSCRIBED" });
    await reply("STOP");
    await reply("UNSTOP");
    expect(await suppressed()).toBe(false);
    expect(await smsState(customer.id)).toBe("UNSUBSCRIBED");
  });

  it("START without an earlier STOP changes nothing, nor does it lift another reason's suppression", async () => {
    const customer = await addCustomer(t.db, SHOP, { gid: "gid://shopify/Customer/1", phone: PHONE, sms: "UNSUBSCRIBED" });
    await t.db.suppression.create({
      data: { shop: SHOP, channel: "SMS", addressHash: suppressionHash(SECRET, SHOP, "SMS", PHONE), reason: "carrier_blocked" },
    });
    await reply("START");
    expect(await suppressed()).toBe(true);
    expect(await smsState(customer.id)).toBe("UNSUBSCRIBED");
    expect(await t.db.consentChange.count()).toBe(0);
    expect(jobs).toEqual([]);
  });

  it.each([
    ["a known number", PHONE],
    ["an unknown number", "+14155550777"],
  ])("YES from %s without a pending double opt-in changes nothing", async (_label, from) => {
    const customer = await addCustomer(t.db, SHOP, { gid: "gid://shopify/Customer/1", phone: PHONE, sms: "NOT_SUBSCRIBED" });
    await reply("Yes", {}, from);
    expect(await smsState(customer.id)).toBe("NOT_SUBSCRIBED");
    expect(await t.db.consentChange.count()).toBe(0);
    expect(await t.db.outboxMessage.count()).toBe(0);
  });

  it("YES confirms once the pending opt-in check says one is pending (the port a later issue fills)", async () => {
    const customer = await addCustomer(t.db, SHOP, { gid: "gid://shopify/Customer/1", phone: PHONE, sms: "NOT_SUBSCRIBED" });
    const withPending: WebhookDeps = { ...deps, pendingOptIns: async (_shop, id) => id === customer.id };
    const sid = nextSid();
    const params = { MessageSid: sid, AccountSid: ACCOUNT, From: PHONE, To: "+14155550100", Body: "Y", NumMedia: "0" };
    await receiveTwilioWebhook(withPending, "inbound", twilioRequest(`/webhooks/twilio/inbound?shop=${SHOP}`, params), NOW);
    expect(await smsState(customer.id)).toBe("SUBSCRIBED");
  });

  it("HELP is answered once with the shop's HELP text, keyed by the inbound MessageSid", async () => {
    const sid = await reply("help");
    // Twilio redelivers the same message: still one answer.
    const params = { MessageSid: sid, AccountSid: ACCOUNT, From: PHONE, To: "+14155550100", Body: "help", NumMedia: "0" };
    await receiveTwilioWebhook(deps, "inbound", twilioRequest(`/webhooks/twilio/inbound?shop=${SHOP}`, params), NOW);
    const rows = await t.db.outboxMessage.findMany({});
    expect(rows.map((r) => [r.idempotencyKey, r.channel, r.recipient, r.body, r.status])).toEqual([
      [`help:${sid}`, "SMS", PHONE, "Paws & Whiskers: help at paws.example. Reply STOP to opt out.", "QUEUED"],
    ]);
  });

  it("HELP that Twilio's Advanced Opt-Out already answered gets no second answer", async () => {
    await reply("INFO", { OptOutType: "HELP" });
    expect(await t.db.outboxMessage.count()).toBe(0);
  });
});
