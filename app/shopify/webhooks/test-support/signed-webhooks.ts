// Test helpers: webhook requests signed as Shopify signs them (HMAC-SHA256, base64, of the raw
// body, with the app's secret) and the headers Shopify sends.
// https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-2-validate-the-origin-of-your-webhook-to-ensure-its-coming-from-shopify
import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { env } from "~/env.server";
import { webhookPath, type WebhookTopic } from "../topics";

const FIXTURES = join(process.cwd(), "tests/fixtures/shopify/webhooks");

/** The raw text of a fixture (`orders-create`), exactly as stored. */
export function fixtureText(name: string): string {
  return readFileSync(join(FIXTURES, `${name}.json`), "utf8");
}

/** A compliance sample with its `{shop}.myshopify.com` placeholder set to `shop`. */
export function fixtureForShop(name: string, shop: string): string {
  return fixtureText(name).replaceAll("{shop}.myshopify.com", shop);
}

export function sign(body: string, secret: string): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

export interface SignOptions {
  shop: string;
  eventId?: string;
  triggeredAt?: Date;
  /** Defaults to the app's SHOPIFY_API_SECRET (tests/setup/env.ts sets it). */
  secret?: string;
  /** Replace the signature, or `null` to send none. */
  hmac?: string | null;
  /** Send a different X-Shopify-Topic than the route's. */
  headerTopic?: string;
  origin?: string;
}

export function webhookHeaders(topic: string, body: string, options: SignOptions): Record<string, string> {
  const secret = options.secret ?? env().SHOPIFY_API_SECRET;
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    "X-Shopify-Topic": options.headerTopic ?? topic,
    "X-Shopify-Shop-Domain": options.shop,
    "X-Shopify-Api-Version": "2026-10",
    "X-Shopify-Webhook-Id": randomUUID(),
    "X-Shopify-Event-Id": options.eventId ?? randomUUID(),
    "X-Shopify-Triggered-At": (options.triggeredAt ?? new Date()).toISOString(),
  };
  const hmac = options.hmac === undefined ? sign(body, secret) : options.hmac;
  if (hmac !== null) headers["X-Shopify-Hmac-Sha256"] = hmac;
  return headers;
}

export function signedWebhook(topic: WebhookTopic, body: string, options: SignOptions): Request {
  return new Request(`${options.origin ?? "https://flock.test"}${webhookPath(topic)}`, {
    method: "POST",
    headers: webhookHeaders(topic, body, options),
    body,
  });
}

/** Replaces top-level string fields of a JSON text without touching its 64-bit number literals. */
export function withFields(text: string, fields: Record<string, string | null>): string {
  let out = text;
  for (const [key, value] of Object.entries(fields)) {
    const pattern = new RegExp(`("${key}":\\s*)(null|"[^"]*")`);
    if (!pattern.test(out)) throw new Error(`Fixture has no top-level ${key}`);
    out = out.replace(pattern, `$1${value === null ? "null" : JSON.stringify(value)}`);
  }
  return out;
}
