// PURE: what binds a signed delivery to the shop it is about. Shopify signs the body only
// (https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-2-validate-the-origin-of-your-webhook-to-ensure-its-coming-from-shopify):
// the X-Shopify-Shop-Domain, topic, event-id and triggered-at headers can be changed by anyone
// who holds one signed body. So the shop a payload names must be the header's, and a body
// older than Shopify's retry window is no delivery Shopify would still make.
import type { WebhookTopic } from "./topics";

/**
 * Shopify retries a failed delivery 8 times over 4 hours, always with the payload and
 * X-Shopify-Triggered-At of the original trigger ("Updates to webhook retry mechanism",
 * https://shopify.dev/changelog/updates-to-webhook-retry-mechanism, 2024-09-10). A delivery
 * triggered before that window is a replay. Ten minutes more cover the last retry's own
 * backoff jitter and clock skew between Shopify and this server.
 */
export const SHOPIFY_RETRY_WINDOW_MS = 4 * 3600 * 1000;
export const STALE_AFTER_MS = SHOPIFY_RETRY_WINDOW_MS + 10 * 60 * 1000;

export function isStaleDelivery(triggeredAt: Date | null, now: Date): boolean {
  return triggeredAt !== null && now.getTime() - triggeredAt.getTime() > STALE_AFTER_MS;
}

/**
 * Top-level payload fields that hold the shop's myshopify domain: `shop_domain` (the three
 * compliance topics), `myshopify_domain` (the Shop of app/uninstalled and shop/update). `domain`
 * in a Shop is its primary domain, a custom domain for many shops (`shop.example.com`), so it
 * binds only when it is a myshopify domain.
 */
const SHOP_FIELDS = ["shop_domain", "myshopify_domain", "domain"] as const;

export type ShopBinding = { ok: true } | { ok: false; reason: string };

// Most bodies (orders, customers, products) name no shop at all: skip parsing them.
const MAY_NAME_SHOP = /"(shop_domain|myshopify_domain|domain)"\s*:/;

function namedShops(rawBody: string): { field: string; shop: string }[] {
  if (!MAY_NAME_SHOP.test(rawBody)) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody);
  } catch {
    // Not JSON: nothing names a shop here; the applier records the bad body.
    return [];
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return [];
  const record = parsed as Record<string, unknown>;
  const named: { field: string; shop: string }[] = [];
  for (const field of SHOP_FIELDS) {
    const value = record[field];
    if (typeof value !== "string" || value === "") continue;
    if (field === "domain" && !value.toLowerCase().endsWith(".myshopify.com")) continue;
    named.push({ field, shop: value });
  }
  return named;
}

/**
 * The header shop against the shops the body names. app/uninstalled must name its own shop:
 * it pauses and later erases the shop the header names, so a body that names none could be
 * re-posted under any shop.
 */
export function checkShopBinding(topic: WebhookTopic, headerShop: string, rawBody: string): ShopBinding {
  const named = namedShops(rawBody);
  const other = named.find((n) => n.shop.toLowerCase() !== headerShop.toLowerCase());
  if (other) return { ok: false, reason: `Payload ${other.field} does not match X-Shopify-Shop-Domain` };
  if (topic === "app/uninstalled" && named.length === 0) return { ok: false, reason: "app/uninstalled payload names no myshopify_domain" };
  return { ok: true };
}

// A JSON \u0000 escape not itself escaped (`\\u0000` is a backslash and the text "u0000").
const ESCAPED_NUL = /(?<!\\)((?:\\\\)*)\\u0000/g;

/**
 * Removes NUL characters, raw or as a JSON escape: PostgreSQL text cannot hold them (neither
 * the inbox row nor the customer fields the applier writes), and they carry no meaning in a
 * name, note or address. The signature was checked on the body as sent.
 */
export function stripNul(rawBody: string): string {
  if (!rawBody.includes("\u0000") && !rawBody.includes("\\u0000")) return rawBody;
  return rawBody.replaceAll("\u0000", "").replace(ESCAPED_NUL, "$1");
}
