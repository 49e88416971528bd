// A shop with Twilio and SendGrid configured, and signed provider requests to it, for the tests
// that drive inbound SMS, status callbacks and events through the real webhook handlers.
import { eventWebhookKeys, signEventBatch } from "~/sandbox/sendgrid/sign";
import { signTwilioRequest } from "~/sandbox/twilio/signature";
import type { Db } from "~/db/db.server";
import { saveEmailSettings, saveSmsSettings } from "../settings/settings.server";
import type { WebhookDeps } from "../webhooks/receive.server";

export const APP = "https://flock.test";
export const ACCOUNT = "AC0123456789abcdef0123456789abcdef";
const TOKEN = "the-auth-token-of-this-shop";
export const KEYS = eventWebhookKeys();
export const SECRET = Buffer.alloc(32, 7);

export interface RecordedJob {
  name: string;
  payload: Record<string, unknown>;
}

export async function setUpShop(db: Db, shop: string): Promise<{ deps: WebhookDeps; jobs: RecordedJob[] }> {
  const jobs: RecordedJob[] = [];
  const keys = new Set<string>();
  const deps: WebhookDeps = {
    db,
    key: SECRET,
    appUrl: APP,
    // Like the real queue: a key held by a pending job is not enqueued again (none run here).
    enqueue: async (name, payload, options) => {
      if (options?.uniqueKey && keys.has(options.uniqueKey)) return null;
      if (options?.uniqueKey) keys.add(options.uniqueKey);
      jobs.push({ name, payload });
      return `job-${jobs.length}`;
    },
  };
  await db.shop.create({
    data: {
      shop,
      installedAt: new Date(0),
      name: "Paws & Whiskers",
      smsHelpText: "Paws & Whiskers: help at paws.example. Reply STOP to opt out.",
    },
  });
  await saveSmsSettings(
    db,
    shop,
    {
      twilioAccountSid: ACCOUNT,
      twilioAuthToken: TOKEN,
      twilioSenderType: "10dlc",
      twilioSender: "+14155550100",
      twilioSenderVerified: true,
      smsPerSecond: 1,
    },
    SECRET,
  );
  await saveEmailSettings(
    db,
    shop,
    {
      emailFromName: "W",
      emailFromAddress: "w@example.com",
      emailUnsubscribeGroupId: 1,
      postalAddress: "1 Main St, Springfield",
      sendgridApiKey: "SG.x",
      sendgridEventKey: KEYS.publicKey,
    },
    SECRET,
  );
  return { deps, jobs };
}

export function twilioRequest(path: string, params: Record<string, string>): Request {
  const signature = signTwilioRequest(TOKEN, `${APP}${path}`, params);
  return new Request(`http://127.0.0.1:3000${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
    body: new URLSearchParams(params).toString(),
  });
}

export function sendGridRequest(shop: string, events: unknown[], now: Date): Request {
  const body = `${JSON.stringify(events)}\r\n`;
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return new Request(`http://127.0.0.1:3000/webhooks/sendgrid/events?shop=${shop}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-twilio-email-event-webhook-signature": signEventBatch(KEYS.privateKey, timestamp, body),
      "x-twilio-email-event-webhook-timestamp": timestamp,
    },
    body,
  });
}

let sidCounter = 0;
/** A fresh, well-formed MessageSid. */
export function nextSid(): string {
  sidCounter += 1;
  return `SM${sidCounter.toString(16).padStart(32, "0")}`;
}

export async function addCustomer(
  db: Db,
  shop: string,
  fields: {
    gid: string;
    phone?: string;
    email?: string;
    sms?: "SUBSCRIBED" | "NOT_SUBSCRIBED" | "UNSUBSCRIBED";
    email_state?: "SUBSCRIBED" | "NOT_SUBSCRIBED" | "UNSUBSCRIBED";
  },
) {
  return db.customer.create({
    data: {
      shop,
      gid: fields.gid,
      phone: fields.phone ?? null,
      email: fields.email ?? null,
      smsMarketingState: fields.sms ?? "NOT_SUBSCRIBED",
      emailMarketingState: fields.email_state ?? "NOT_SUBSCRIBED",
      shopifyCreatedAt: new Date("2026-01-01T00:00:00Z"),
      shopifyUpdatedAt: new Date("2026-01-01T00:00:00Z"),
    },
  });
}
