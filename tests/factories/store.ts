// Factories: `buildX(overrides)` returns a plain object, `createX(db, overrides)` persists it.
import { randomUUID } from "node:crypto";
import type { Db } from "~/db/db.server";

let seq = 0;
const next = () => ++seq;

export function uniqueShop(): string {
  return `shop-${randomUUID().slice(0, 8)}.myshopify.com`;
}

export function buildCustomer(shop: string, overrides: Record<string, unknown> = {}) {
  const n = next();
  return {
    shop,
    gid: `gid://shopify/Customer/${9_000_000_000_000 + n}`,
    email: `person${n}@example.com`,
    phone: `+1213555${String(n % 10000).padStart(4, "0")}`,
    firstName: "Test",
    lastName: `Person${n}`,
    shopifyCreatedAt: new Date("2026-01-01T00:00:00Z"),
    shopifyUpdatedAt: new Date("2026-01-01T00:00:00Z"),
    ...overrides,
  };
}

/** Creates one row in every store-data table for `shop`; returns the ids it made. */
export async function createStoreRows(db: Db, shop: string) {
  const customer = await db.customer.create({ data: buildCustomer(shop), select: { id: true } });
  const n = next();
  const order = await db.order.create({
    data: {
      shop,
      gid: `gid://shopify/Order/${n}`,
      name: `#${n}`,
      customerId: customer.id,
      currency: "USD",
      totalPrice: 1000n,
      processedAt: new Date(),
      shopifyCreatedAt: new Date(),
      shopifyUpdatedAt: new Date(),
    },
    select: { id: true },
  });
  await db.lineItem.create({
    data: { shop, gid: `gid://shopify/LineItem/${n}`, orderId: order.id, title: "Treats", quantity: 1, price: 1000n },
  });
  const product = await db.product.create({
    data: { shop, gid: `gid://shopify/Product/${n}`, title: "Treats", handle: `treats-${n}`, shopifyUpdatedAt: new Date() },
    select: { id: true },
  });
  const collection = await db.collection.create({
    data: { shop, gid: `gid://shopify/Collection/${n}`, title: "Dog", handle: `dog-${n}`, shopifyUpdatedAt: new Date() },
    select: { id: true },
  });
  await db.collectionProduct.create({ data: { shop, collectionId: collection.id, productId: product.id } });
  await db.abandonedCheckout.create({
    data: {
      shop,
      token: `tok-${n}`,
      customerId: customer.id,
      currency: "USD",
      totalPrice: 500n,
      shopifyCreatedAt: new Date(),
      shopifyUpdatedAt: new Date(),
    },
  });
  await db.customerFacts.create({ data: { shop, customerId: customer.id, amountSpent: 1000n, orderCount: 1 } });
  const segment = await db.segment.create({
    data: { shop, name: "Everyone", kind: "DYNAMIC", query: "number_of_orders >= 0" },
    select: { id: true },
  });
  await db.segmentMembership.create({ data: { shop, segmentId: segment.id, customerId: customer.id, enteredAt: new Date() } });
  await db.segmentMembershipEvent.create({
    data: { shop, segmentId: segment.id, customerId: customer.id, change: "ENTERED", at: new Date() },
  });
  const campaign = await db.campaign.create({
    data: { shop, name: "Launch", channel: "SMS", body: "Hi", segmentId: segment.id },
    select: { id: true },
  });
  await db.campaignHoldout.create({ data: { shop, campaignId: campaign.id, customerId: customer.id } });
  const automation = await db.automation.create({ data: { shop, kind: "ABANDONED_CHECKOUT", steps: "[]" }, select: { id: true } });
  await db.automationRun.create({
    data: { shop, automationId: automation.id, checkoutToken: `tok-${n}`, status: "ACTIVE", startedAt: new Date() },
  });
  await db.outboxMessage.create({
    data: {
      shop,
      idempotencyKey: `campaign:${campaign.id}:${customer.id}`,
      channel: "SMS",
      customerId: customer.id,
      recipient: "+12135550100",
      body: "Hi",
      notBefore: new Date(),
    },
  });
  await db.messageEvent.create({
    data: { shop, channel: "SMS", kind: "delivered", customerId: customer.id, providerEventId: `ev-${n}`, at: new Date() },
  });
  await db.suppression.create({ data: { shop, channel: "SMS", addressHash: `hash-${n}`, reason: "STOP" } });
  await db.consentChange.create({
    data: {
      shop,
      customerId: customer.id,
      channel: "SMS",
      fromState: "SUBSCRIBED",
      toState: "UNSUBSCRIBED",
      source: "sms_stop",
      at: new Date(0),
    },
  });
  await db.shortLink.create({ data: { code: `c${n}${shop.slice(5, 13)}`, shop, url: "https://example.com" } });
  await db.webhookInbox.create({ data: { shop, topic: "orders/create", eventId: `evt-${n}-${shop}`, payload: "{}" } });
  await db.syncRun.create({ data: { shop, resource: "customers", kind: "BULK", status: "RUNNING", startedAt: new Date() } });
  await db.dataRequest.create({ data: { shop, customerGid: `gid://shopify/Customer/${n}`, requestedAt: new Date() } });
  await db.providerCredential.create({ data: { shop, provider: "twilio", encrypted: "v1.x.y.z" } });
  await db.channelSettings.create({ data: { shop, brandName: "Paws" } });
  await db.sendRateSlot.create({ data: { shop, nextSlotMs: 0 } });
  await db.sendingRules.create({ data: { shop } });
  await db.attributionCursor.create({ data: { shop, lastOrderId: order.id } });
  await db.orderAttribution.create({
    data: {
      shop,
      orderId: order.id,
      customerId: customer.id,
      outboxMessageId: "m",
      campaignId: campaign.id,
      channel: "SMS",
      touch: "clicked",
      touchAt: new Date(0),
      orderAt: new Date(0),
      revenue: 1000n,
      currency: "USD",
    },
  });
  await db.session.create({ data: { id: `offline_${shop}`, shop, state: "s", accessToken: "t" } });
  await db.shop.create({ data: { shop, name: shop } });
  await db.segmentRefreshPending.create({ data: { shop, customerId: customer.id } });
  await db.shopDrainLease.create({ data: { shop, holder: "w", leaseUntil: 0n } });
  await db.optInRequest.create({
    data: {
      id: `optin-${n}-${shop}`,
      shop,
      phone: "+12135550100",
      customerId: customer.id,
      source: "block",
      consentText: "Reply Y",
      createdAt: new Date(0),
    },
  });
  await db.optInRateCount.create({ data: { shop, key: "ip:127.0.0.1", windowStart: 0, count: 1 } });
  await db.optInSettings.create({ data: { shop } });
  return { customerId: customer.id, orderId: order.id, segmentId: segment.id };
}
