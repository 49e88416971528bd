// Rows for the attribution tests: a shop, customers, outbox messages, their events and orders.
import { randomUUID } from "node:crypto";
import type { Db } from "~/db/db.server";

export const HOUR_MS = 3_600_000;
export const hoursBefore = (at: Date, hours: number) => new Date(at.getTime() - hours * HOUR_MS);

export function uniqueShop(): string {
  return `attr-${randomUUID().slice(0, 8)}.myshopify.com`;
}

export async function createShop(
  db: Db,
  shop: string,
  options: { currency?: string; windows?: { clickHours: number; deliveryHours: number } } = {},
): Promise<void> {
  await db.shop.create({ data: { shop, name: shop, currency: options.currency ?? "USD" } });
  if (options.windows) {
    await db.sendingRules.create({
      data: { shop, attributionClickHours: options.windows.clickHours, attributionDeliveryHours: options.windows.deliveryHours },
    });
  }
}

let n = 0;

export async function addCustomer(db: Db, shop: string): Promise<{ id: number; gid: string }> {
  n += 1;
  const gid = `gid://shopify/Customer/${8_000_000 + n}`;
  return db.customer.create({
    data: {
      shop,
      gid,
      email: `p${n}@example.com`,
      shopifyCreatedAt: new Date("2026-01-01T00:00:00Z"),
      shopifyUpdatedAt: new Date("2026-01-01T00:00:00Z"),
    },
    select: { id: true, gid: true },
  });
}

export interface MessageRef {
  id: string;
  shop: string;
  customerId: number;
  channel: "SMS" | "EMAIL";
  campaignId: string | null;
  automationRunId: string | null;
}

export async function addMessage(
  db: Db,
  shop: string,
  customerId: number,
  channel: "SMS" | "EMAIL",
  source: { campaignId?: string; automationRunId?: string } = {},
): Promise<MessageRef> {
  n += 1;
  const row = await db.outboxMessage.create({
    data: {
      shop,
      idempotencyKey: `test:${n}`,
      channel,
      customerId,
      recipient: channel === "SMS" ? "+14155550123" : "p@example.com",
      body: "Hi",
      status: "DELIVERED",
      notBefore: new Date(0),
      campaignId: source.campaignId ?? null,
      automationRunId: source.automationRunId ?? null,
    },
    select: { id: true },
  });
  return { id: row.id, shop, customerId, channel, campaignId: source.campaignId ?? null, automationRunId: source.automationRunId ?? null };
}

/** A stored event on the message, named as the receivers store it (`sms.delivered`, `email.open`, `clicked`, …). */
export async function addEvent(db: Db, message: MessageRef, kind: string, at: Date): Promise<void> {
  n += 1;
  await db.messageEvent.create({
    data: {
      shop: message.shop,
      outboxMessageId: message.id,
      customerId: message.customerId,
      channel: message.channel,
      kind,
      campaignId: message.campaignId,
      providerEventId: `ev-${n}`,
      at,
    },
  });
}

export interface OrderOptions {
  totalPrice?: bigint;
  totalRefunded?: bigint;
  currency?: string;
  test?: boolean;
  cancelledAt?: Date | null;
  customerGid?: string | null;
}

export async function addOrder(
  db: Db,
  shop: string,
  customerId: number | null,
  placedAt: Date,
  options: OrderOptions = {},
): Promise<number> {
  n += 1;
  const row = await db.order.create({
    data: {
      shop,
      gid: `gid://shopify/Order/${7_000_000 + n}`,
      name: `#${n}`,
      customerId,
      customerGid: options.customerGid ?? null,
      currency: options.currency ?? "USD",
      totalPrice: options.totalPrice ?? 5_000n,
      totalRefunded: options.totalRefunded ?? 0n,
      test: options.test ?? false,
      cancelledAt: options.cancelledAt ?? null,
      processedAt: placedAt,
      shopifyCreatedAt: placedAt,
      shopifyUpdatedAt: placedAt,
    },
    select: { id: true },
  });
  return row.id;
}

export async function attributionsOf(db: Db, shop: string) {
  return db.orderAttribution.findMany({
    where: { shop },
    orderBy: { orderId: "asc" },
    select: {
      orderId: true,
      outboxMessageId: true,
      touch: true,
      channel: true,
      touchAt: true,
      orderAt: true,
      revenue: true,
      currency: true,
      campaignId: true,
      automationRunId: true,
      customerId: true,
    },
  });
}
