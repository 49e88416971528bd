// Status callbacks and SendGrid events through the signed webhook handlers: the outbox row they
// name moves only forward, each is one MessageEvent linked to the row, its customer and campaign,
// and any interleaving of duplicated, reordered deliveries ends where in-order delivery does.
// SendGrid unsubscribes withdraw email consent; hard bounces and invalid-address drops only suppress.
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { suppressionHash } from "~/privacy/suppression-hash";
import { FactsIndexCache } from "~/segments/facts-index/facts-index.server";
import { countQuery } from "~/segments/segment-service.server";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { CONSENT_WRITEBACK_JOB } from "../consent/consent-store.server";
import { receiveSendGridEvents, receiveTwilioWebhook, type WebhookDeps } from "../webhooks/receive.server";
import { ACCOUNT, addCustomer, SECRET, sendGridRequest, setUpShop, twilioRequest, type RecordedJob } from "./test-support";

const SHOP = "events.myshopify.com";
const NOW = new Date("2026-11-20T15:00:00Z");
const TS = NOW.getTime() / 1000;
let t: TestDb;
let deps: WebhookDeps;
let jobs: RecordedJob[];
let customerIds: number[] = [];

const SMS_A = "SM" + "a".repeat(32);
const SMS_B = "SM" + "b".repeat(32);
const MAIL_A = "mailA0000000000000000";
const MAIL_B = "mailB0000000000000000";

beforeAll(async () => {
  t = await createTestDb();
  ({ deps, jobs } = await setUpShop(t.db, SHOP));
  customerIds = [
    (
      await addCustomer(t.db, SHOP, {
        gid: "gid://shopify/Customer/1",
        phone: "+14155550101",
        email: "a@example.com",
        email_state: "SUBSCRIBED",
      })
    ).id,
    (
      await addCustomer(t.db, SHOP, {
        gid: "gid://shopify/Customer/2",
        phone: "+14155550102",
        email: "B@Example.com",
        email_state: "SUBSCRIBED",
      })
    ).id,
  ];
});
afterAll(async () => t?.drop());

async function resetOutbox(): Promise<void> {
  await t.db.messageEvent.deleteMany({});
  await t.db.suppression.deleteMany({});
  await t.db.consentChange.deleteMany({});
  await t.db.outboxMessage.deleteMany({});
  await t.db.customer.updateMany({
    where: { shop: SHOP },
    data: { emailMarketingState: "SUBSCRIBED", smsMarketingState: "NOT_SUBSCRIBED" },
  });
  jobs.length = 0;
  const base = { shop: SHOP, body: "Hi", notBefore: NOW, status: "SENT" as const, sentAt: NOW, campaignId: "camp1" };
  await t.db.outboxMessage.createMany({
    data: [
      {
        ...base,
        id: "o-sms-a",
        idempotencyKey: "campaign:camp1:1:sms",
        channel: "SMS",
        recipient: "+14155550101",
        customerId: customerIds[0],
        providerMessageId: SMS_A,
      },
      {
        ...base,
        id: "o-sms-b",
        idempotencyKey: "campaign:camp1:2:sms",
        channel: "SMS",
        recipient: "+14155550102",
        customerId: customerIds[1],
        providerMessageId: SMS_B,
      },
      {
        ...base,
        id: "o-mail-a",
        idempotencyKey: "campaign:camp1:1:email",
        channel: "EMAIL",
        recipient: "a@example.com",
        customerId: customerIds[0],
        providerMessageId: MAIL_A,
      },
      {
        ...base,
        id: "o-mail-b",
        idempotencyKey: "campaign:camp1:2:email",
        channel: "EMAIL",
        recipient: "B@Example.com",
        customerId: customerIds[1],
        providerMessageId: MAIL_B,
      },
    ],
  });
}

type Delivery = { kind: "twilio"; sid: string; status: string } | { kind: "sendgrid"; event: Record<string, unknown> };

const sg = (
  id: string,
  event: string,
  messageId: string,
  email: string,
  second: number,
  extra: Record<string, unknown> = {},
): Delivery => ({
  kind: "sendgrid",
  event: { sg_event_id: id, event, sg_message_id: `${messageId}.filterdrecv-1`, email, timestamp: TS + second, ...extra },
});

// In the order the providers would send them.
const IN_ORDER: Delivery[] = [
  { kind: "twilio", sid: SMS_A, status: "queued" },
  { kind: "twilio", sid: SMS_A, status: "sent" },
  { kind: "twilio", sid: SMS_A, status: "delivered" },
  { kind: "twilio", sid: SMS_B, status: "sent" },
  { kind: "twilio", sid: SMS_B, status: "undelivered" },
  sg("e1", "processed", MAIL_A, "a@example.com", 1),
  sg("e2", "delivered", MAIL_A, "a@example.com", 2),
  sg("e3", "open", MAIL_A, "a@example.com", 3),
  sg("e4", "unsubscribe", MAIL_A, "a@example.com", 4),
  sg("e5", "processed", MAIL_B, "b@example.com", 1),
  sg("e6", "deferred", MAIL_B, "b@example.com", 2),
  sg("e7", "bounce", MAIL_B, "b@example.com", 3, { type: "bounce", reason: "550 5.1.1 no such user" }),
];

async function deliver(delivery: Delivery): Promise<void> {
  if (delivery.kind === "twilio") {
    const params = {
      MessageSid: delivery.sid,
      SmsSid: delivery.sid,
      AccountSid: ACCOUNT,
      From: "+14155550100",
      To: "+14155550101",
      MessageStatus: delivery.status,
      ApiVersion: "2010-04-01",
    };
    expect((await receiveTwilioWebhook(deps, "status", twilioRequest(`/webhooks/twilio/status?shop=${SHOP}`, params), NOW)).status).toBe(
      204,
    );
  } else {
    expect((await receiveSendGridEvents(deps, sendGridRequest(SHOP, [delivery.event], NOW), NOW)).status).toBe(204);
  }
}

async function snapshot() {
  const outbox = await t.db.outboxMessage.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, statusAt: true } });
  const events = await t.db.messageEvent.findMany({
    orderBy: { providerEventId: "asc" },
    select: { providerEventId: true, kind: true, outboxMessageId: true, customerId: true, campaignId: true, at: true },
  });
  const customers = await t.db.customer.findMany({ orderBy: { id: "asc" }, select: { id: true, emailMarketingState: true } });
  const suppressions = await t.db.suppression.findMany({
    orderBy: { addressHash: "asc" },
    select: { channel: true, addressHash: true, reason: true },
  });
  const changes = await t.db.consentChange.findMany({ select: { customerId: true, channel: true, toState: true, source: true } });
  return { outbox, events, customers, suppressions, changes, jobs: jobs.length };
}

describe("status callbacks and events", () => {
  beforeEach(resetOutbox);

  it("move outbox rows forward, link events, and apply unsubscribes and hard bounces (in order)", async () => {
    for (const delivery of IN_ORDER) await deliver(delivery);
    const state = await snapshot();
    expect(state.outbox.map((r) => [r.id, r.status])).toEqual([
      ["o-mail-a", "DELIVERED"],
      ["o-mail-b", "UNDELIVERED"],
      ["o-sms-a", "DELIVERED"],
      ["o-sms-b", "UNDELIVERED"],
    ]);
    expect(state.events).toHaveLength(IN_ORDER.length);
    expect(state.events.every((e) => e.outboxMessageId !== null && e.customerId !== null && e.campaignId === "camp1")).toBe(true);
    expect(state.events.find((e) => e.providerEventId === "sendgrid:e7")).toMatchObject({
      outboxMessageId: "o-mail-b",
      customerId: customerIds[1],
    });
    const hash = (address: string) => suppressionHash(SECRET, SHOP, "EMAIL", address);
    expect(state.suppressions).toEqual(
      [
        { channel: "EMAIL", addressHash: hash("a@example.com"), reason: "email_unsubscribe" },
        { channel: "EMAIL", addressHash: hash("b@example.com"), reason: "email_bounce_bounce" },
      ].sort((a, b) => (a.addressHash < b.addressHash ? -1 : 1)),
    );
    // The unsubscribe withdraws consent (and is written back); the bounce only suppresses.
    expect(state.customers.map((c) => c.emailMarketingState)).toEqual(["UNSUBSCRIBED", "SUBSCRIBED"]);
    expect(state.changes).toEqual([{ customerId: customerIds[0], channel: "EMAIL", toState: "UNSUBSCRIBED", source: "email_unsubscribe" }]);
    expect(jobs.map((j) => j.name)).toEqual([CONSENT_WRITEBACK_JOB]);
  });

  it("feed segments: provider events count under the `messages` filter's event names", async () => {
    for (const delivery of IN_ORDER) await deliver(delivery);
    const segments = { db: t.db, index: new FactsIndexCache(t.db) };
    const count = async (query: string) => countQuery(segments, SHOP, query, NOW);
    // Customer 1: SMS delivered, email delivered, opened, unsubscribed. Customer 2: SMS failed, email bounced.
    expect(await count("messages MATCHES (channel = 'sms', event = 'delivered')")).toEqual({ ok: true, count: 1 });
    expect(await count("messages MATCHES (channel = 'sms', event = 'failed')")).toEqual({ ok: true, count: 1 });
    expect(await count("messages MATCHES (channel = 'email', event = 'opened', campaign_id = 'camp1')")).toEqual({ ok: true, count: 1 });
    expect(await count("messages MATCHES (event = 'bounced')")).toEqual({ ok: true, count: 1 });
    expect(await count("messages MATCHES (event = 'unsubscribed')")).toEqual({ ok: true, count: 1 });
    expect(await count("messages MATCHES (event = 'sent')")).toEqual({ ok: true, count: 2 });
    expect(await count("messages MATCHES (event = 'clicked')")).toEqual({ ok: true, count: 0 });
  });

  it.each([
    {
      description: "a spam report withdraws consent",
      extra: { event: "spamreport", email: "b@EXAMPLE.com", sg_message_id: `${MAIL_B}.f` },
      customer: 1,
      suppressed: true,
      state: "UNSUBSCRIBED",
    },
    {
      description: "a group unsubscribe withdraws consent",
      extra: { event: "group_unsubscribe", asm_group_id: 1 },
      suppressed: true,
      state: "UNSUBSCRIBED",
    },
    {
      description: "a dropped invalid address only suppresses",
      extra: { event: "dropped", reason: "Invalid" },
      suppressed: true,
      state: "SUBSCRIBED",
    },
    {
      description: "a blocked bounce (temporary) does neither",
      extra: { event: "bounce", type: "blocked", reason: "421 try later" },
      suppressed: false,
      state: "SUBSCRIBED",
    },
    {
      description: "a dropped unsubscribed address does neither",
      extra: { event: "dropped", reason: "Unsubscribed Address" },
      suppressed: false,
      state: "SUBSCRIBED",
    },
  ])("$description", async ({ extra, suppressed, state, ...rest }) => {
    const customer = customerIds["customer" in rest ? Number(rest.customer) : 0];
    await deliver({
      kind: "sendgrid",
      event: { sg_event_id: "x1", sg_message_id: `${MAIL_A}.f`, email: "A@example.com", timestamp: TS, ...extra },
    });
    expect((await t.db.suppression.count()) > 0).toBe(suppressed);
    expect((await t.db.customer.findUniqueOrThrow({ where: { id: customer } })).emailMarketingState).toBe(state);
  });

  it("a Twilio refusal for an opted-out number (21610) opts the number out, and START undoes it", async () => {
    await t.db.customer.update({ where: { id: customerIds[1] }, data: { smsMarketingState: "SUBSCRIBED" } });
    const params = {
      MessageSid: SMS_B,
      AccountSid: ACCOUNT,
      From: "+14155550100",
      To: "+14155550102",
      MessageStatus: "failed",
      ErrorCode: "21610",
    };
    expect((await receiveTwilioWebhook(deps, "status", twilioRequest(`/webhooks/twilio/status?shop=${SHOP}`, params), NOW)).status).toBe(
      204,
    );
    expect((await t.db.outboxMessage.findUniqueOrThrow({ where: { id: "o-sms-b" } })).status).toBe("FAILED");
    expect(
      await t.db.suppression.count({ where: { channel: "SMS", addressHash: suppressionHash(SECRET, SHOP, "SMS", "+14155550102") } }),
    ).toBe(1);
    expect((await t.db.customer.findUniqueOrThrow({ where: { id: customerIds[1] } })).smsMarketingState).toBe("UNSUBSCRIBED");
    expect(jobs.map((j) => j.name)).toEqual([CONSENT_WRITEBACK_JOB]);
    const start = {
      MessageSid: "SM" + "c".repeat(32),
      AccountSid: ACCOUNT,
      From: "+14155550102",
      To: "+14155550100",
      Body: "START",
      OptOutType: "START",
    };
    expect((await receiveTwilioWebhook(deps, "inbound", twilioRequest(`/webhooks/twilio/inbound?shop=${SHOP}`, start), NOW)).status).toBe(
      200,
    );
    expect(await t.db.suppression.count({ where: { channel: "SMS" } })).toBe(0);
    expect((await t.db.customer.findUniqueOrThrow({ where: { id: customerIds[1] } })).smsMarketingState).toBe("SUBSCRIBED");
  });

  it("finds the row by the outbox id in custom_args when the message id is unknown", async () => {
    await deliver({
      kind: "sendgrid",
      event: {
        sg_event_id: "y1",
        sg_message_id: "unknown.f",
        outbox_message_id: "o-mail-a",
        email: "a@example.com",
        event: "delivered",
        timestamp: TS,
      },
    });
    expect((await t.db.outboxMessage.findUniqueOrThrow({ where: { id: "o-mail-a" } })).status).toBe("DELIVERED");
    expect((await t.db.messageEvent.findFirstOrThrow({})).customerId).toBe(customerIds[0]);
  });

  it("any interleaving of duplicated and reordered deliveries ends as in-order delivery does", async () => {
    for (const delivery of IN_ORDER) await deliver(delivery);
    const expected = await snapshot();
    const interleavings = fc.tuple(
      fc.shuffledSubarray(
        IN_ORDER.map((_, i) => i),
        { minLength: IN_ORDER.length, maxLength: IN_ORDER.length },
      ),
      fc.array(fc.tuple(fc.nat(IN_ORDER.length - 1), fc.nat(IN_ORDER.length * 2)), { maxLength: 8 }),
    );
    await fc.assert(
      fc.asyncProperty(interleavings, async ([order, duplicates]) => {
        await resetOutbox();
        const sequence = [...order];
        for (const [which, at] of duplicates) sequence.splice(at % (sequence.length + 1), 0, which);
        for (const index of sequence) await deliver(IN_ORDER[index]!);
        expect(await snapshot()).toEqual(expected);
      }),
      { numRuns: 15, seed: 20261206 },
    );
  }, 120_000);
});
