// Verifies a Shopify webhook request with the same outcome as shopify-app-remix's
// `authenticate.webhook` (server/authenticate/webhooks/authenticate.mjs, which calls
// shopify-api's lib/webhooks/validate.mjs and lib/utils/hmac-validator.mjs), without the parts
// the receive path does not use. Same rules, in the same order:
//   not POST → 405; empty body → 400; no signature header → 400; signature not the base64
//   HMAC-SHA256 of the body's UTF-8 text under the app secret → 401; then a missing topic,
//   shop domain, API version or webhook id header → 400. The API version is only required to
//   be present (the library does not check its value either). One deliberate difference: a
//   shop domain header that is not one (malformed, or sent twice and so joined by ", ") is a
//   400 here, where the library throws and Remix answers a logged 500.
// "Events" deliveries (`shopify-hmac-sha256` and friends, no `X-` prefix) are told apart the
// same way. What is left out: parsing the whole body as JSON (the inbox keeps the raw text)
// and loading the shop's offline session, which the receive path never uses (a token close to
// expiry is refreshed by the Admin API callers instead). receive-verify.integration.test.ts
// holds both paths to the same answers.
import { createHmac, timingSafeEqual } from "node:crypto";
import { topicKey } from "./topics";

export type WebhookKind = "webhooks" | "events";

export interface VerifiedWebhook {
  webhookType: WebhookKind;
  /** As the library stores it: `ORDERS_CREATE`. */
  topic: string;
  shop: string;
  apiVersion: string;
  webhookId: string;
  eventId?: string;
  triggeredAt?: string;
  /** The body text, exactly as signed. */
  rawBody: string;
}

export type VerifyResult =
  { ok: true; webhook: VerifiedWebhook } | { ok: false; status: 400 | 401 | 405 | 413; statusText: string; reason: string };

/**
 * Larger bodies are refused with 413 before they are verified: a forged request must not make
 * the server buffer whatever it sends. Shopify's largest payloads (orders with hundreds of
 * lines) are far below this.
 */
export const MAX_WEBHOOK_BYTES = 10 * 1024 * 1024;

// shopify-api's sanitizeShop (lib/utils/shop-validator.mjs) with no domain transformations.
const DOMAINS = "myshopify\\.com|shopify\\.com|myshopify\\.io|shop\\.dev";
const SHOP_URL = new RegExp(`^[a-zA-Z0-9][a-zA-Z0-9-_]*\\.(${DOMAINS})[/]*$`);
const SHOP_ADMIN_URL = new RegExp(`^admin\\.(${DOMAINS})/store/([a-zA-Z0-9][a-zA-Z0-9-_]*)$`);

export function isShopDomain(shop: string): boolean {
  return SHOP_URL.test(shop) || SHOP_ADMIN_URL.test(shop);
}

const HEADERS = {
  webhooks: {
    hmac: "x-shopify-hmac-sha256",
    topic: "x-shopify-topic",
    domain: "x-shopify-shop-domain",
    apiVersion: "x-shopify-api-version",
    webhookId: "x-shopify-webhook-id",
    triggeredAt: "x-shopify-triggered-at",
    eventId: "x-shopify-event-id",
  },
  events: {
    hmac: "shopify-hmac-sha256",
    topic: "shopify-topic",
    domain: "shopify-shop-domain",
    apiVersion: "shopify-api-version",
    webhookId: "shopify-webhook-id",
    triggeredAt: "shopify-triggered-at",
    eventId: undefined,
  },
} as const;

const badRequest = (reason: string): VerifyResult => ({ ok: false, status: 400, statusText: "Bad Request", reason });

export function webhookSignature(body: string, secret: string): string {
  return createHmac("sha256", secret).update(body, "utf8").digest("base64");
}

function sameSignature(given: string, expected: string): boolean {
  const a = Buffer.from(given, "utf8");
  const b = Buffer.from(expected, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A delivery as received: header lookup is case-insensitive, repeated headers joined by ", ". */
export interface WebhookDelivery {
  header(name: string): string | null;
  /** The body decoded as fetch's `text()` decodes it (UTF-8, a leading BOM dropped). */
  body: string;
}

/** Checks signature and headers of a POSTed delivery; nothing else is touched. */
export function verifyWebhookDelivery(delivery: WebhookDelivery, secret: string): VerifyResult {
  const { header, body: rawBody } = delivery;
  const kind: WebhookKind = header(HEADERS.events.hmac) ? "events" : "webhooks";
  const names = HEADERS[kind];
  if (rawBody.length === 0) return badRequest("missing_body");
  const hmac = header(names.hmac);
  if (!hmac) return badRequest("missing_hmac");
  if (!sameSignature(hmac, webhookSignature(rawBody, secret)))
    return { ok: false, status: 401, statusText: "Unauthorized", reason: "invalid_hmac" };
  const topic = header(names.topic);
  const shop = header(names.domain);
  const apiVersion = header(names.apiVersion);
  const webhookId = header(names.webhookId);
  if (!topic || !shop || !apiVersion || !webhookId) return badRequest("missing_headers");
  if (!isShopDomain(shop)) return badRequest("invalid_shop_domain");
  const webhook: VerifiedWebhook = { webhookType: kind, topic: topicKey(topic), shop, apiVersion, webhookId, rawBody };
  const triggeredAt = header(names.triggeredAt);
  if (triggeredAt) webhook.triggeredAt = triggeredAt;
  const eventId = names.eventId ? header(names.eventId) : null;
  if (eventId) webhook.eventId = eventId;
  return { ok: true, webhook };
}

const tooLarge: VerifyResult = { ok: false, status: 413, statusText: "Payload Too Large", reason: "body_too_large" };

/** The body as fetch's text() decodes it, or undefined past `max` bytes (the rest is not read). */
async function boundedText(request: Request, max: number): Promise<string | undefined> {
  if (Number(request.headers.get("content-length") ?? 0) > max) return undefined;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8").decode(Buffer.concat(chunks));
}

/** The same for a fetch Request (Remix routes): 405 unless POST, 413 past the limit, then reads the body once. */
export async function verifyWebhook(request: Request, secret: string): Promise<VerifyResult> {
  if (request.method !== "POST") return { ok: false, status: 405, statusText: "Method not allowed", reason: "method" };
  const body = await boundedText(request, MAX_WEBHOOK_BYTES);
  if (body === undefined) return tooLarge;
  return verifyWebhookDelivery({ header: (name) => request.headers.get(name), body }, secret);
}
