// Signed deliveries from Twilio and SendGrid are stored once; unsigned, forged, tampered,
// stale or misaddressed ones are refused and leave nothing behind.
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eventWebhookKeys, signEventBatch } from "~/sandbox/sendgrid/sign";
import { signTwilioRequest } from "~/sandbox/twilio/signature";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import type { WebhookDeps } from "./receive.server";
import { saveEmailSettings, saveSmsSettings } from "../settings/settings.server";
import { receiveSendGridEvents, receiveTwilioWebhook } from "./receive.server";

const SHOP = "webhooks.myshopify.com";
const APP = "https://flock.test";
const ACCOUNT = "AC0123456789abcdef0123456789abcdef";
const TOKEN = "the-auth-token-of-this-shop";
const NOW = new Date("2026-11-20T15:00:00Z");
const KEYS = eventWebhookKeys();
let t: TestDb;
let deps: WebhookDeps;

beforeAll(async () => {
  t = await createTestDb();
  deps = { db: t.db, key: Buffer.alloc(32, 7), appUrl: APP, enqueue: async () => null };
  await t.db.shop.create({ data: { shop: SHOP, name: "Webhooks" } });
  await saveSmsSettings(
    t.db,
    SHOP,
    {
      twilioAccountSid: ACCOUNT,
      twilioAuthToken: TOKEN,
      twilioSenderType: "10dlc",
      twilioSender: "+14155550100",
      twilioSenderVerified: true,
      smsPerSecond: 1,
    },
    deps.key,
  );
  await saveEmailSettings(
    t.db,
    SHOP,
    {
      emailFromName: "W",
      emailFromAddress: "w@example.com",
      emailUnsubscribeGroupId: 1,
      postalAddress: "1 Main St, Springfield",
      sendgridApiKey: "SG.x",
      sendgridEventKey: KEYS.publicKey,
    },
    deps.key,
  );
});
afterAll(async () => t?.drop());
beforeEach(async () => {
  await t.db.messageEvent.deleteMany({});
});

const SID = "SM0123456789abcdef0123456789abcdef";
const statusParams = (status = "delivered") => ({
  MessageSid: SID,
  SmsSid: SID,
  AccountSid: ACCOUNT,
  From: "+14155550100",
  To: "+14155550123",
  MessageStatus: status,
  SmsStatus: status,
  ApiVersion: "2010-04-01",
});

function twilioRequest(
  path: string,
  params: Record<string, string>,
  options: { token?: string; signature?: string | null; sentParams?: Record<string, string> } = {},
): Request {
  const url = `${APP}${path}`;
  const signature = options.signature === undefined ? signTwilioRequest(options.token ?? TOKEN, url, params) : options.signature;
  // The app sees the request as the local server does; the signature covers the public URL.
  return new Request(`http://127.0.0.1:3000${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...(signature ? { "x-twilio-signature": signature } : {}) },
    body: new URLSearchParams(options.sentParams ?? params).toString(),
  });
}

const statusPath = `/webhooks/twilio/status?shop=${SHOP}`;

describe("Twilio status callbacks and inbound SMS", () => {
  it("stores a signed status callback once, however often Twilio redelivers it", async () => {
    for (let i = 0; i < 2; i++)
      expect((await receiveTwilioWebhook(deps, "status", twilioRequest(statusPath, statusParams()), NOW)).status).toBe(204);
    const rows = await t.db.messageEvent.findMany({ where: { shop: SHOP } });
    expect(rows.map((r) => [r.channel, r.kind, r.providerEventId])).toEqual([["SMS", "sms.delivered", `twilio:${SID}:delivered`]]);
  });

  it("stores a signed inbound SMS raw and answers empty TwiML", async () => {
    const params = { MessageSid: SID, AccountSid: ACCOUNT, From: "+14155550123", To: "+14155550100", Body: "STOP", NumMedia: "0" };
    const response = await receiveTwilioWebhook(deps, "inbound", twilioRequest(`/webhooks/twilio/inbound?shop=${SHOP}`, params), NOW);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("<Response></Response>");
    const [row] = await t.db.messageEvent.findMany({ where: { shop: SHOP } });
    expect(row?.kind).toBe("sms.inbound");
    expect(JSON.parse(row?.detail ?? "{}")).toEqual(params);
  });

  it.each([
    { description: "no signature header", status: 401, request: () => twilioRequest(statusPath, statusParams(), { signature: null }) },
    {
      description: "a forged signature (another token)",
      status: 403,
      request: () => twilioRequest(statusPath, statusParams(), { token: "not-the-token-at-all" }),
    },
    {
      description: "a tampered body",
      status: 403,
      request: () => twilioRequest(statusPath, statusParams(), { sentParams: statusParams("failed") }),
    },
    {
      description: "another shop in the URL",
      status: 403,
      request: () => twilioRequest(`/webhooks/twilio/status?shop=other.myshopify.com`, statusParams()),
    },
    {
      description: "another account's message, signed with this token",
      status: 403,
      request: () => twilioRequest(statusPath, { ...statusParams(), AccountSid: "AC" + "f".repeat(32) }),
    },
  ])("refuses $description with $status and stores nothing", async ({ request, status }) => {
    expect((await receiveTwilioWebhook(deps, "status", request(), NOW)).status).toBe(status);
    expect(await t.db.messageEvent.count()).toBe(0);
  });
});

const eventsUrl = `http://127.0.0.1:3000/webhooks/sendgrid/events?shop=${SHOP}`;
const batch = (id = "ev1") =>
  `${JSON.stringify([{ email: "a@example.com", event: "delivered", sg_event_id: id, sg_message_id: "m1.filter", timestamp: NOW.getTime() / 1000, outbox_message_id: "o1" }])}\r\n`;

function sendGridRequest(
  body: string,
  options: { timestamp?: string; key?: ReturnType<typeof eventWebhookKeys>; signedBody?: string; headers?: boolean; url?: string } = {},
): Request {
  const timestamp = options.timestamp ?? String(NOW.getTime() / 1000);
  const signature = signEventBatch((options.key ?? KEYS).privateKey, timestamp, options.signedBody ?? body);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.headers !== false)
    Object.assign(headers, { "x-twilio-email-event-webhook-signature": signature, "x-twilio-email-event-webhook-timestamp": timestamp });
  return new Request(options.url ?? eventsUrl, { method: "POST", headers, body });
}

describe("SendGrid Event Webhook", () => {
  it("stores a signed batch once per sg_event_id", async () => {
    for (let i = 0; i < 2; i++) expect((await receiveSendGridEvents(deps, sendGridRequest(batch()), NOW)).status).toBe(204);
    const rows = await t.db.messageEvent.findMany({ where: { shop: SHOP } });
    expect(rows.map((r) => [r.channel, r.kind, r.providerEventId, r.outboxMessageId, r.at.toISOString()])).toEqual([
      ["EMAIL", "email.delivered", "sendgrid:ev1", "o1", NOW.toISOString()],
    ]);
  });

  it.each([
    { description: "no signature headers", status: 401, request: () => sendGridRequest(batch(), { headers: false }) },
    {
      description: "a forged signature (another key)",
      status: 403,
      request: () => sendGridRequest(batch(), { key: eventWebhookKeys(generatePem()) }),
    },
    { description: "a tampered body", status: 403, request: () => sendGridRequest(batch("ev2"), { signedBody: batch() }) },
    {
      description: "a replay 11 minutes late",
      status: 403,
      request: () => sendGridRequest(batch(), { timestamp: String(NOW.getTime() / 1000 - 660) }),
    },
    {
      description: "an unknown shop",
      status: 403,
      request: () => sendGridRequest(batch(), { url: eventsUrl.replace(SHOP, "other.myshopify.com") }),
    },
  ])("refuses $description with $status and stores nothing", async ({ request, status }) => {
    expect((await receiveSendGridEvents(deps, request(), NOW)).status).toBe(status);
    expect(await t.db.messageEvent.count()).toBe(0);
  });
});

function generatePem(): string {
  // A second P-256 key, so the forged batch is validly signed, just not by the shop's key.
  return generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey.export({ format: "pem", type: "pkcs8" }).toString();
}
