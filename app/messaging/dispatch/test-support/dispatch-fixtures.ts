// Shops, customers and outbox rows for the dispatcher's tests, and deps around a given clock.
import { randomUUID } from "node:crypto";
import type { Db } from "~/db/db.server";
import { suppressionHash } from "~/privacy/suppression-hash";
import { FakeEmailChannel, FakeSmsChannel } from "../../channels/fake";
import { enqueueOutboxMessages, type NewOutboxMessage } from "../../outbox/outbox-store.server";
import type { DispatchClock } from "../clock";
import type { DispatchDeps } from "../dispatcher.server";

export const TEST_KEY = Buffer.alloc(32, 7);

export async function createShop(db: Db, overrides: { sendingPaused?: boolean; ianaTimezone?: string } = {}): Promise<string> {
  const shop = `dispatch-${randomUUID().slice(0, 8)}.myshopify.com`;
  await db.shop.create({ data: { shop, name: "Paws", ianaTimezone: "America/New_York", ...overrides } });
  return shop;
}

let seq = 0;

export interface TestCustomer {
  id: number;
  phone: string;
  email: string;
}

/** A New York customer subscribed on both channels unless told otherwise. */
export async function createCustomer(
  db: Db,
  shop: string,
  overrides: {
    smsMarketingState?: "SUBSCRIBED" | "NOT_SUBSCRIBED" | "UNSUBSCRIBED";
    emailMarketingState?: "SUBSCRIBED" | "NOT_SUBSCRIBED" | "UNSUBSCRIBED";
  } = {},
): Promise<TestCustomer> {
  const n = ++seq;
  const phone = `+1212555${String(n % 10000).padStart(4, "0")}`;
  const email = `person${n}-${randomUUID().slice(0, 4)}@example.com`;
  const row = await db.customer.create({
    data: {
      shop,
      gid: `gid://shopify/Customer/${8_000_000 + n}`,
      phone,
      email,
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
  return { id: row.id, phone, email };
}

export async function suppress(db: Db, shop: string, channel: "SMS" | "EMAIL", address: string): Promise<void> {
  await db.suppression.create({ data: { shop, channel, addressHash: suppressionHash(TEST_KEY, shop, channel, address), reason: "stop" } });
}

export function smsRow(shop: string, customer: TestCustomer, now: Date, overrides: Partial<NewOutboxMessage> = {}): NewOutboxMessage {
  return {
    shop,
    idempotencyKey: `campaign:c1:${customer.id}`,
    channel: "SMS",
    customerId: customer.id,
    recipient: customer.phone,
    body: "Sale today. Reply STOP to opt out",
    notBefore: now,
    ...overrides,
  };
}

export function emailRow(shop: string, customer: TestCustomer, now: Date, overrides: Partial<NewOutboxMessage> = {}): NewOutboxMessage {
  return {
    shop,
    idempotencyKey: `campaign:e1:${customer.id}`,
    channel: "EMAIL",
    customerId: customer.id,
    recipient: customer.email,
    subject: "Sale",
    body: "Sale today",
    notBefore: now,
    ...overrides,
  };
}

export async function enqueue(db: Db, rows: NewOutboxMessage[], now: Date): Promise<void> {
  await enqueueOutboxMessages(db, rows, now);
}

export function fakeDeps(db: Db, clock: DispatchClock, overrides: Partial<DispatchDeps> = {}) {
  const sms = new FakeSmsChannel({ now: () => clock.now() });
  const email = new FakeEmailChannel();
  const deps: DispatchDeps = {
    db,
    key: TEST_KEY,
    clock,
    sms,
    email: { channel: email, from: { email: "shop@example.com" } },
    smsPerSecond: 1000,
    ...overrides,
  };
  return { deps, sms, email };
}
