// End to end against the Admin stand-in: bulk operations started in parallel, polled, their
// JSONL downloaded and applied, the import killed half-way and restarted. The result must be
// exactly the stand-in's store: the same generated store written directly by the store
// generator (writeGeneratedStore) is the reference, compared table by table and field by field.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db/db.server";
import { forShop } from "~/db/shop-scope.server";
import { startTestStandIn, TEST_NOW, TEST_TOKEN } from "~/sandbox/shopify-admin/test-support";
import { CollectionView } from "~/sandbox/shopify-admin/views";
import { writeGeneratedStore } from "~/sandbox/store-generator/write.server";
import { createFetchGraphql } from "~/shopify/fetch-graphql.server";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { importStoreFromAdmin } from "./import.server";

// Until the stand-in answers `Collection.sources` (2026-10's replacement for the deprecated
// `ruleSet`), answer it here from `ruleSet`: smart collections have a rule source.
if (!("sources" in CollectionView.prototype)) {
  Object.defineProperty(CollectionView.prototype, "sources", {
    configurable: true,
    get(this: { ruleSet: unknown; id: string }) {
      return this.ruleSet ? [{ id: `${this.id}/source/1` }] : [];
    },
  });
}

const CUSTOMERS = 60;
let testDb: TestDb;
let env: Awaited<ReturnType<typeof startTestStandIn>>;
let dataDir: string;
beforeAll(async () => {
  testDb = await createTestDb();
  env = await startTestStandIn({ customers: CUSTOMERS, bucket: { capacity: 20_000, restorePerSecond: 10_000 } });
  dataDir = mkdtempSync(join(tmpdir(), "flock-import-"));
});
afterAll(async () => {
  await env.standIn.close();
  await testDb.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Shopify's DateTime has whole seconds; the generator keeps milliseconds. */
const seconds = (d: Date | null) => (d === null ? null : Math.floor(d.getTime() / 1000));

async function snapshot(db: Db, shop: string) {
  const s = forShop(db, shop);
  const customers = await s.customer.findMany({ orderBy: { gid: "asc" }, include: { facts: true } });
  const orders = await s.order.findMany({
    orderBy: { gid: "asc" },
    include: { lineItems: { orderBy: { gid: "asc" } }, customer: { select: { gid: true } } },
  });
  const checkouts = await s.abandonedCheckout.findMany({ orderBy: { token: "asc" }, include: { customer: { select: { gid: true } } } });
  const recovered = new Map(orders.map((o) => [o.id, o.gid]));
  return {
    counts: {
      customers: customers.length,
      orders: orders.length,
      lineItems: await s.lineItem.count(),
      products: await s.product.count(),
      collections: await s.collection.count(),
      collectionProducts: await s.collectionProduct.count(),
      checkouts: checkouts.length,
      facts: await s.customerFacts.count(),
    },
    customers: customers.map((c) => ({
      gid: c.gid,
      email: c.email,
      phone: c.phone,
      firstName: c.firstName,
      lastName: c.lastName,
      emailMarketingState: c.emailMarketingState,
      emailMarketingOptIn: c.emailMarketingOptIn,
      emailConsentUpdatedAt: seconds(c.emailConsentUpdatedAt),
      smsMarketingState: c.smsMarketingState,
      smsMarketingOptIn: c.smsMarketingOptIn,
      smsConsentUpdatedAt: seconds(c.smsConsentUpdatedAt),
      tags: c.tags,
      countryCode: c.countryCode,
      provinceCode: c.provinceCode,
      city: c.city,
      zip: c.zip,
      address1: c.address1,
      locale: c.locale,
      accountState: c.accountState,
      verifiedEmail: c.verifiedEmail,
      createdAt: seconds(c.shopifyCreatedAt),
      updatedAt: seconds(c.shopifyUpdatedAt),
      facts: c.facts && {
        amountSpent: c.facts.amountSpent,
        orderCount: c.facts.orderCount,
        averageOrderValue: c.facts.averageOrderValue,
        firstOrderAt: seconds(c.facts.firstOrderAt),
        lastOrderAt: seconds(c.facts.lastOrderAt),
        lastAbandonedAt: seconds(c.facts.lastAbandonedAt),
      },
    })),
    orders: orders.map((o) => ({
      gid: o.gid,
      name: o.name,
      customer: o.customer?.gid,
      customerGid: o.customerGid,
      currency: o.currency,
      totalPrice: o.totalPrice,
      subtotalPrice: o.subtotalPrice,
      totalRefunded: o.totalRefunded,
      financialStatus: o.financialStatus,
      cancelledAt: seconds(o.cancelledAt),
      checkoutToken: o.checkoutToken,
      sourceName: o.sourceName,
      appGid: o.appGid,
      locationGid: o.locationGid,
      processedAt: seconds(o.processedAt),
      updatedAt: seconds(o.shopifyUpdatedAt),
      lineItems: o.lineItems.map((li) => ({
        gid: li.gid,
        productGid: li.productGid,
        variantGid: li.variantGid,
        title: li.title,
        quantity: li.quantity,
        price: li.price,
      })),
    })),
    checkouts: checkouts.map((k) => ({
      token: k.token,
      gid: k.gid,
      customer: k.customer?.gid,
      email: k.email,
      phone: k.phone,
      recoveryUrl: k.recoveryUrl,
      currency: k.currency,
      totalPrice: k.totalPrice,
      createdAt: seconds(k.shopifyCreatedAt),
      updatedAt: seconds(k.shopifyUpdatedAt),
      completedAt: seconds(k.completedAt),
      recoveredOrder: k.recoveredOrderId === null ? null : recovered.get(k.recoveredOrderId),
    })),
    products: (
      await s.product.findMany({
        orderBy: { gid: "asc" },
        include: { collections: { include: { collection: { select: { gid: true } } } } },
      })
    ).map((p) => ({
      gid: p.gid,
      title: p.title,
      handle: p.handle,
      vendor: p.vendor,
      productType: p.productType,
      updatedAt: seconds(p.shopifyUpdatedAt),
      collections: p.collections.map((c) => c.collection.gid).sort(),
    })),
    collections: (await s.collection.findMany({ orderBy: { gid: "asc" } })).map((c) => ({
      gid: c.gid,
      title: c.title,
      handle: c.handle,
      kind: c.kind,
      updatedAt: seconds(c.shopifyUpdatedAt),
    })),
  };
}

describe("importStoreFromAdmin against the Admin stand-in", () => {
  it("yields exactly the stand-in's store, even when killed half-way and restarted", async () => {
    // GIVEN the stand-in's store, and the same store written directly as the reference
    const shop = env.source.shop.shop;
    const reference = "reference.myshopify.com";
    await writeGeneratedStore(testDb.db, { ...env.source.shop, shop: reference }, { seed: 42, customers: CUSTOMERS, now: TEST_NOW });
    const graphql = createFetchGraphql({ origin: env.standIn.origin, shop, accessToken: TEST_TOKEN, apiVersion: "2026-10" });
    // WHEN an import dies after two committed batches of orders, and is started again
    let batches = 0;
    const first = importStoreFromAdmin({
      graphql,
      db: testDb.db,
      shop,
      dataDir,
      pollIntervalMs: 20,
      batchSize: 50,
      onBatch: (resource) => {
        if (resource === "orders" && ++batches === 2) throw new Error("killed");
      },
    });
    await expect(first).rejects.toThrow("killed");
    const result = await importStoreFromAdmin({ graphql, db: testDb.db, shop, dataDir, pollIntervalMs: 20, batchSize: 50 });
    // THEN every table matches the reference, field by field, with nothing twice
    const settings = {
      name: env.source.shop.name,
      ianaTimezone: env.source.shop.ianaTimezone,
      currency: env.source.shop.currency,
      email: env.source.shop.email,
    };
    expect(result.settings).toMatchObject(settings);
    expect(await testDb.db.shop.findUniqueOrThrow({ where: { shop } })).toMatchObject(settings);
    const [got, want] = [await snapshot(testDb.db, shop), await snapshot(testDb.db, reference)];
    expect(got.counts).toEqual(want.counts);
    expect(got.collections).toEqual(want.collections);
    expect(got.products).toEqual(want.products);
    expect(got.customers).toEqual(want.customers);
    expect(got.orders).toEqual(want.orders);
    expect(got.checkouts).toEqual(want.checkouts);
    // Four bulk operations ran once; orders ran once and was resumed, not restarted.
    const runs = await forShop(testDb.db, shop).syncRun.findMany({ select: { resource: true, status: true } });
    expect(runs).toHaveLength(5);
    expect(new Set(runs.map((r) => r.status))).toEqual(new Set(["completed"]));
  });
});
