// `npm run bench -- attribution [--customers N] [--target sqlite|pg|both]`: one run of the
// messaging.attribute job (attributeShop) over a shop with 2 × N orders (default N = 50,000, so
// 100,000 orders), on a scratch database. Every customer got an SMS and an email; their events
// (delivered, opened, clicked, email deliveries that do not count) are spread over the 10 days
// before their orders, so about half the orders fall in a window. Timing covers the job only,
// not the seeding. Metrics: `orders_per_s` (orders read and decided per second) and
// `attributed_per_s` (attribution rows written per second).
import { connectDb, type Db } from "~/db/db.server";
import { attributeShop } from "~/messaging/attribution/attribute-shop.server";
import { createScratchDb } from "../scripts/lib/migrations";
import type { BenchOptions, BenchResult } from "./types";

const SHOP = "attribution.myshopify.com";
const NOW = new Date("2026-12-07T17:00:00Z");
const HOUR_MS = 3_600_000;
const CHUNK = 500;

/** A small deterministic generator (mulberry32), so every run seeds the same store. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

async function inChunks<T>(rows: readonly T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

export async function seed(db: Db, customers: number, seedValue: number): Promise<number> {
  const rand = random(seedValue);
  await db.shop.create({ data: { shop: SHOP, name: "Bench", currency: "USD" } });
  await inChunks(
    Array.from({ length: customers }, (_, i) => i),
    (chunk) =>
      db.customer.createMany({
        data: chunk.map((i) => ({ shop: SHOP, gid: `gid://shopify/Customer/${i + 1}`, shopifyCreatedAt: NOW, shopifyUpdatedAt: NOW })),
      }),
  );
  const ids = (await db.customer.findMany({ where: { shop: SHOP }, select: { id: true }, orderBy: { id: "asc" } })).map((c) => c.id);
  const messages = ids.flatMap((customerId, i) =>
    (["SMS", "EMAIL"] as const).map((channel) => ({
      id: `m-${channel}-${i}`,
      shop: SHOP,
      idempotencyKey: `campaign:bench:${customerId}:${channel}`,
      channel,
      customerId,
      recipient: "x",
      body: "Hi",
      status: "DELIVERED" as const,
      notBefore: NOW,
      campaignId: `c${i % 20}`,
    })),
  );
  await inChunks(messages, (chunk) => db.outboxMessage.createMany({ data: chunk }));
  const events: {
    shop: string;
    outboxMessageId: string;
    customerId: number;
    channel: "SMS" | "EMAIL";
    kind: string;
    providerEventId: string;
    at: Date;
  }[] = [];
  const orders: {
    shop: string;
    gid: string;
    name: string;
    customerId: number;
    currency: string;
    totalPrice: bigint;
    processedAt: Date;
    shopifyCreatedAt: Date;
    shopifyUpdatedAt: Date;
  }[] = [];
  ids.forEach((customerId, i) => {
    const sentAt = NOW.getTime() - (rand() * 20 + 2) * 24 * HOUR_MS;
    const event = (channel: "SMS" | "EMAIL", kind: string, afterHours: number) =>
      events.push({
        shop: SHOP,
        outboxMessageId: `m-${channel}-${i}`,
        customerId,
        channel,
        kind,
        providerEventId: `${kind}:${i}`,
        at: new Date(sentAt + afterHours * HOUR_MS),
      });
    event("SMS", "sms.delivered", 0);
    if (rand() < 0.3) event("SMS", "clicked", rand() * 48);
    event("EMAIL", "email.delivered", 0);
    if (rand() < 0.5) event("EMAIL", "email.open", rand() * 24);
    for (let k = 0; k < 2; k++) {
      const placed = new Date(Math.min(NOW.getTime() - 60_000, sentAt + (rand() * 10 - 1) * 24 * HOUR_MS));
      orders.push({
        shop: SHOP,
        gid: `gid://shopify/Order/${i * 2 + k + 1}`,
        name: `#${i * 2 + k + 1}`,
        customerId,
        currency: "USD",
        totalPrice: BigInt(1_000 + Math.floor(rand() * 20_000)),
        processedAt: placed,
        shopifyCreatedAt: placed,
        shopifyUpdatedAt: placed,
      });
    }
  });
  await inChunks(events, (chunk) => db.messageEvent.createMany({ data: chunk }));
  // Orders arrive in time order, as webhooks bring them.
  orders.sort((a, b) => a.processedAt.getTime() - b.processedAt.getTime());
  await inChunks(orders, (chunk) => db.order.createMany({ data: chunk }));
  return orders.length;
}

async function benchOne(kind: "sqlite" | "postgres", customers: number, seedValue: number): Promise<BenchResult[]> {
  const scratch = await createScratchDb(kind, "abench");
  const db = connectDb(scratch.url);
  try {
    const orders = await seed(db, customers, seedValue);
    if (kind === "postgres") await db.$executeRawUnsafe("ANALYZE");
    const started = performance.now();
    const report = await attributeShop(db, SHOP, NOW);
    const seconds = (performance.now() - started) / 1000;
    if (report.scanned !== orders) throw new Error(`attribution bench: read ${report.scanned} of ${orders} orders`);
    process.stderr.write(`attribution (${kind}): ${orders} orders, ${report.attributed} attributed in ${seconds.toFixed(2)} s\n`);
    const variant = kind === "sqlite" ? "sqlite" : "pg";
    return [
      { bench: "attribution", metric: "orders_per_s", value: Math.round(orders / seconds), unit: "orders/s", variant },
      { bench: "attribution", metric: "attributed_per_s", value: Math.round(report.attributed / seconds), unit: "rows/s", variant },
    ];
  } finally {
    await db.$disconnect();
    await scratch.drop();
  }
}

export async function benchAttribution(options: BenchOptions & { target?: "sqlite" | "pg" | "both" }): Promise<BenchResult[]> {
  const customers = options.customers ?? 50_000;
  const target = options.target ?? "sqlite";
  const results: BenchResult[] = [];
  if (target !== "pg") results.push(...(await benchOne("sqlite", customers, options.seed)));
  if (target !== "sqlite") results.push(...(await benchOne("postgres", customers, options.seed)));
  return results;
}
