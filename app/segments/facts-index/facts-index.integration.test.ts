import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCustomer, uniqueShop } from "../../../tests/factories/store";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { REDACTED_UPDATED_AT } from "~/privacy/redact-customer.server";
import { FactsIndexCache } from "./facts-index.server";
import { queryTree } from "../test-support/test-records";

const NOW = new Date("2026-11-23T15:00:00Z");
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.drop();
});

const tree = queryTree;

async function shopWith(amounts: number[]): Promise<{ shop: string; ids: number[] }> {
  const shop = uniqueShop();
  const ids: number[] = [];
  for (const amount of amounts) {
    const c = await t.db.customer.create({ data: buildCustomer(shop), select: { id: true } });
    await t.db.customerFacts.create({ data: { customerId: c.id, shop, amountSpent: BigInt(amount), orderCount: 1, version: 1n } });
    ids.push(c.id);
  }
  return { shop, ids };
}

describe("FactsIndexCache", () => {
  it.each([{ url: true }, { url: false }])("catches up by watermark (driver build: $url)", async ({ url }) => {
    // GIVEN a built index
    const { shop, ids } = await shopWith([100, 20_000]);
    const cache = new FactsIndexCache(t.db, url ? { url: t.url } : {});
    expect((await cache.get(shop)).evaluate(tree("amount_spent > 100"), NOW).count()).toBe(1);
    // WHEN facts change with a newer version, a customer arrives and another is deleted
    await t.db.customerFacts.update({ where: { customerId: ids[0] }, data: { amountSpent: 50_000n, version: 2n } });
    const added = await t.db.customer.create({
      data: buildCustomer(shop, { shopifyUpdatedAt: new Date("2026-11-23T00:00:00Z") }),
      select: { id: true },
    });
    await t.db.customerFacts.create({ data: { customerId: added.id, shop, amountSpent: 90_000n, orderCount: 2, version: 3n } });
    await t.db.customer.update({ where: { id: ids[1] }, data: { deletedAt: NOW, shopifyUpdatedAt: new Date("2026-11-23T01:00:00Z") } });
    // THEN the next read sees all three changes
    const index = await cache.get(shop);
    const members = index
      .evaluate(tree("amount_spent > 100"), NOW)
      .toArray()
      .map((p) => index.customerIdAt(p));
    expect(members.sort()).toEqual([ids[0], added.id].sort());
  });

  it("catches up message events recorded after the build, with no facts or customer change", async () => {
    // GIVEN a built index where nobody has a message event
    const { shop, ids } = await shopWith([100, 200]);
    const cache = new FactsIndexCache(t.db, { url: t.url });
    const clicked = tree("messages MATCHES (channel = 'sms', event = 'clicked')");
    expect((await cache.get(shop)).evaluate(clicked, NOW).count()).toBe(0);
    // WHEN a click is recorded for one customer (and an event without a customer for the shop)
    await t.db.messageEvent.create({ data: { shop, customerId: ids[1], channel: "SMS", kind: "clicked", at: NOW } });
    await t.db.messageEvent.create({ data: { shop, customerId: null, channel: "SMS", kind: "clicked", at: NOW } });
    // THEN the next read counts that customer
    const index = await cache.get(shop);
    expect(
      index
        .evaluate(clicked, NOW)
        .toArray()
        .map((p) => index.customerIdAt(p)),
    ).toEqual([ids[1]]);
  });

  it("catches up after bursts of over 999 recent customers and re-reads only what changed", async () => {
    // GIVEN 1,200 customers updated at the same recent moment (all inside the overlap window)
    const shop = uniqueShop();
    const at = new Date("2026-11-23T10:00:00Z");
    for (let i = 0; i < 1_200; i += 100) {
      await t.db.customer.createMany({ data: Array.from({ length: 100 }, () => buildCustomer(shop, { shopifyUpdatedAt: at })) });
    }
    const cache = new FactsIndexCache(t.db, { url: t.url });
    const tagged = tree("customer_tags CONTAINS 'vip'");
    // WHEN the index is read again and again (each read catches up)
    expect((await cache.get(shop)).size).toBe(1_200);
    expect((await cache.get(shop)).evaluate(tagged, NOW).count()).toBe(0);
    // AND a late write lands with a timestamp older than the newest one seen
    const one = await t.db.customer.findFirstOrThrow({ where: { shop }, select: { id: true } });
    await t.db.customer.update({ where: { id: one.id }, data: { tags: "vip", shopifyUpdatedAt: new Date(at.getTime() - 60_000) } });
    // THEN the next read has it
    const index = await cache.get(shop);
    expect(
      index
        .evaluate(tagged, NOW)
        .toArray()
        .map((p) => index.customerIdAt(p)),
    ).toEqual([one.id]);
  });

  it("leaves redacted customers out, like deleted ones", async () => {
    const { shop, ids } = await shopWith([100, 200, 300]);
    await t.db.customer.update({ where: { id: ids[0] }, data: { redactedAt: NOW, email: null } });
    for (const url of [true, false]) {
      const index = await new FactsIndexCache(t.db, url ? { url: t.url } : {}).get(shop);
      expect(index.liveCount()).toBe(2);
      expect(index.evaluate(tree("amount_spent >= 0"), NOW).count()).toBe(2);
    }
  });

  it("after a redaction, later customer changes are still caught up (the redaction's far-future stamp is no watermark)", async () => {
    // GIVEN a built index, then one customer redacted (stamped REDACTED_UPDATED_AT) and caught up
    const { shop, ids } = await shopWith([100, 200, 300]);
    const cache = new FactsIndexCache(t.db, {});
    expect((await cache.get(shop)).evaluate(tree("customer_tags CONTAINS 'vip'"), NOW).count()).toBe(0);
    await t.db.customer.update({ where: { id: ids[0] }, data: { redactedAt: NOW, email: null, shopifyUpdatedAt: REDACTED_UPDATED_AT } });
    expect((await cache.get(shop)).liveCount()).toBe(2);
    // WHEN another customer is tagged afterwards (customers/update stamps Shopify's time)
    await t.db.customer.update({ where: { id: ids[1] }, data: { tags: "vip", shopifyUpdatedAt: new Date("2026-11-23T14:00:00Z") } });
    // THEN the next read sees the tag
    const index = await cache.get(shop);
    const members = index.evaluate(tree("customer_tags CONTAINS 'vip'"), NOW).toArray();
    expect(members.map((p) => index.customerIdAt(p))).toEqual([ids[1]]);
  });

  it("reads collections as they are now: a product added to a collection counts at once", async () => {
    // GIVEN a customer who bought a product that is in no collection yet
    const { shop, ids } = await shopWith([1_000]);
    const product = await t.db.product.create({
      data: { shop, gid: "gid://shopify/Product/77", title: "Bed", handle: "bed", shopifyUpdatedAt: NOW },
      select: { id: true },
    });
    await t.db.order.create({
      data: {
        shop,
        gid: "gid://shopify/Order/1",
        name: "#1",
        customerId: ids[0] ?? 0,
        currency: "USD",
        totalPrice: 100n,
        processedAt: NOW,
        shopifyCreatedAt: NOW,
        shopifyUpdatedAt: NOW,
        lineItems: {
          create: [
            { shop, gid: "gid://shopify/LineItem/1", productGid: "gid://shopify/Product/77", title: "Bed", quantity: 1, price: 100n },
          ],
        },
      },
    });
    const collection = await t.db.collection.create({
      data: { shop, gid: "gid://shopify/Collection/55", title: "Beds", handle: "beds", shopifyUpdatedAt: NOW },
      select: { id: true },
    });
    const cache = new FactsIndexCache(t.db, { url: t.url });
    const rule = tree("collections_purchased MATCHES (id = 55)");
    expect((await cache.get(shop)).evaluate(rule, NOW).count()).toBe(0);
    // WHEN the product joins the collection THEN the customer matches
    await t.db.collectionProduct.create({ data: { shop, collectionId: collection.id, productId: product.id } });
    expect((await cache.get(shop)).evaluate(rule, NOW).count()).toBe(1);
  });

  it("evicts the least recently used shop above its byte cap", async () => {
    const a = await shopWith([1]);
    const b = await shopWith([2]);
    const cache = new FactsIndexCache(t.db, { url: t.url, maxBytes: 1 });
    await cache.get(a.shop);
    await cache.get(b.shop);
    expect(cache.peek(a.shop)).toBeUndefined();
    expect(cache.peek(b.shop)).toBeDefined();
  });

  it("never reads another shop's customers", async () => {
    const a = await shopWith([10_000, 10_000]);
    await shopWith([10_000]);
    const index = await new FactsIndexCache(t.db, { url: t.url }).get(a.shop);
    expect(index.size).toBe(2);
  });
});
