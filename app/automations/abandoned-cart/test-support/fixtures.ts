// Shops, customers, checkouts, orders and an enabled automation for the run tests, and tick deps
// around a fake discount issuer and a recording queue. Every time is passed in.
import { randomUUID } from "node:crypto";
import type { Db } from "~/db/db.server";
import type { EnqueueOptions, JobPayload } from "~/jobs/queue";
import { FakeDiscountIssuer } from "../discount-port";
import { DEFAULT_SEQUENCE, AUTOMATION_KIND, type SequenceConfig } from "../steps";
import { runTick } from "../tick.server";

export const TEST_KEY = Buffer.alloc(32, 9);
let seq = 0;

export async function createShop(db: Db): Promise<string> {
  const shop = `cart-${randomUUID().slice(0, 8)}.myshopify.com`;
  await db.shop.create({ data: { shop, name: "Paws", ianaTimezone: "America/New_York" } });
  return shop;
}

export async function enableAutomation(db: Db, shop: string, enabledAt: Date, config: SequenceConfig = DEFAULT_SEQUENCE): Promise<string> {
  const row = await db.automation.create({
    data: { shop, kind: AUTOMATION_KIND, enabled: true, enabledAt, steps: JSON.stringify(config) },
    select: { id: true },
  });
  return row.id;
}

export interface CartCustomer {
  id: number;
  gid: string;
  phone: string;
  email: string;
}

export async function createCustomer(
  db: Db,
  shop: string,
  overrides: {
    phone?: string;
    smsMarketingState?: "SUBSCRIBED" | "NOT_SUBSCRIBED" | "UNSUBSCRIBED";
    emailMarketingState?: "SUBSCRIBED" | "NOT_SUBSCRIBED" | "UNSUBSCRIBED";
  } = {},
): Promise<CartCustomer> {
  const n = ++seq;
  const gid = `gid://shopify/Customer/${9_100_000 + n}`;
  const phone = overrides.phone ?? `+1212555${String(n % 10000).padStart(4, "0")}`;
  const email = `cart${n}-${randomUUID().slice(0, 4)}@example.com`;
  const row = await db.customer.create({
    data: {
      shop,
      gid,
      phone,
      email,
      firstName: "Alex",
      countryCode: "US",
      provinceCode: "NY",
      smsMarketingState: "SUBSCRIBED",
      emailMarketingState: "SUBSCRIBED",
      ...overrides,
      shopifyCreatedAt: new Date("2026-01-01T00:00:00Z"),
      shopifyUpdatedAt: new Date("2026-01-01T00:00:00Z"),
    },
    select: { id: true },
  });
  return { id: row.id, gid, phone, email };
}

/** A checkout as the webhook applier leaves it (one row per token; a later update moves `updatedAt`). */
export async function upsertCheckout(
  db: Db,
  shop: string,
  customer: CartCustomer,
  token: string,
  updatedAt: Date,
  createdAt = updatedAt,
): Promise<void> {
  const data = {
    customerId: customer.id,
    customerGid: customer.gid,
    email: customer.email,
    phone: customer.phone,
    currency: "USD",
    totalPrice: 4200n,
    recoveryUrl: `https://${shop}/checkouts/${token}/recover?key=k`,
    shopifyCreatedAt: createdAt,
    shopifyUpdatedAt: updatedAt,
  };
  await db.abandonedCheckout.upsert({
    where: { shop_token: { shop, token } },
    create: { shop, token, ...data },
    update: { shopifyUpdatedAt: updatedAt },
  });
}

export async function placeOrder(
  db: Db,
  shop: string,
  customer: CartCustomer,
  at: Date,
  checkoutToken: string | null = null,
): Promise<void> {
  await db.order.create({
    data: {
      shop,
      gid: `gid://shopify/Order/${++seq + 7_000_000}`,
      name: `#${seq}`,
      customerId: customer.id,
      customerGid: customer.gid,
      currency: "USD",
      totalPrice: 4200n,
      checkoutToken,
      processedAt: at,
      shopifyCreatedAt: at,
      shopifyUpdatedAt: at,
    },
  });
}

export function tickDeps(db: Db, discounts = new FakeDiscountIssuer()) {
  const wakes: { name: string; payload: JobPayload; options?: EnqueueOptions }[] = [];
  const queue = {
    enqueue: async (name: string, payload: JobPayload, options?: EnqueueOptions) => {
      wakes.push({ name, payload, ...(options ? { options } : {}) });
      return randomUUID();
    },
  };
  const deps = { db, discounts, appUrl: "https://flock.test", key: TEST_KEY, queue };
  return { deps, discounts, wakes, tick: (now: Date) => runTick(deps, now) };
}

export const outboxOf = (db: Db, shop: string) =>
  db.outboxMessage.findMany({
    where: { shop },
    orderBy: { idempotencyKey: "asc" },
    select: {
      idempotencyKey: true,
      channel: true,
      status: true,
      skipReason: true,
      body: true,
      subject: true,
      deadline: true,
      recipient: true,
    },
  });
export const runsOf = (db: Db, shop: string) =>
  db.automationRun.findMany({
    where: { shop },
    select: {
      id: true,
      status: true,
      nextStep: true,
      cancelReason: true,
      discountCode: true,
      discountGid: true,
      stepLog: true,
      smsUsed: true,
    },
  });
