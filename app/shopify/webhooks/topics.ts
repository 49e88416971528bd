// PURE: the webhook topics Flock subscribes to (shopify.app.toml) and the route each is handled
// at. A test checks the toml, this list and app/routes/webhooks.*.tsx agree.
// https://shopify.dev/docs/api/webhooks/2026-10?reference=toml#list-of-topics

export const SYNC_TOPICS = [
  "customers/create",
  "customers/update",
  "customers/delete",
  "customers_email_marketing_consent/update",
  "customers_marketing_consent/update",
  "orders/create",
  "orders/updated",
  "orders/cancelled",
  "orders/delete",
  "checkouts/create",
  "checkouts/update",
  "checkouts/delete",
  "products/create",
  "products/update",
  "products/delete",
  "collections/create",
  "collections/update",
  "collections/delete",
  "shop/update",
  "bulk_operations/finish",
  "app/uninstalled",
  "app/scopes_update",
] as const;

/** Mandatory privacy topics, subscribed under `compliance_topics`. https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance */
export const COMPLIANCE_TOPICS = ["customers/data_request", "customers/redact", "shop/redact"] as const;

export const WEBHOOK_TOPICS = [...SYNC_TOPICS, ...COMPLIANCE_TOPICS] as const;
export type WebhookTopic = (typeof WEBHOOK_TOPICS)[number];

const TOPIC_SET: ReadonlySet<string> = new Set(WEBHOOK_TOPICS);

export function isWebhookTopic(value: string): value is WebhookTopic {
  return TOPIC_SET.has(value);
}

/** `orders/create` → `/webhooks/orders/create` (the Remix route `webhooks.orders.create.tsx`). */
export function webhookPath(topic: WebhookTopic): string {
  return `/webhooks/${topic}`;
}

/**
 * The header form (`X-Shopify-Topic: orders/create`) as shopify-api normalises it
 * (`ORDERS_CREATE`), so a route can check the header names its own topic.
 */
export function topicKey(topic: string): string {
  return topic.toUpperCase().replace(/\/|\./g, "_");
}
