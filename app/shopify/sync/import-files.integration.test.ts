// The JSONL importer on both databases (and both runners on SQLite): counts, field values,
// facts, resume after a kill, and no duplicates.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeCustomerFacts } from "~/facts/customer-facts";
import { forShop } from "~/db/shop-scope.server";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { importBulkFiles } from "./import-files.server";
import { openSqliteRunner, prismaRunner, type SqlRunner } from "../../db/sql-runner.server";

const FIXTURES = "tests/fixtures/shopify/bulk";
const files = {
  collections: `${FIXTURES}/collections.jsonl`,
  products: `${FIXTURES}/products.jsonl`,
  customers: `${FIXTURES}/customers.jsonl`,
  orders: `${FIXTURES}/orders.jsonl`,
  checkouts: `${FIXTURES}/checkouts.jsonl`,
};
const NOW = new Date("2026-11-23T12:00:00Z");

// The direct better-sqlite3 runner exists only for SQLite, so it is only registered there.
const RUNNER_NAMES = process.env.TEST_DATABASE === "postgres" ? ["prisma"] : ["prisma", "better-sqlite3"];

let testDb: TestDb;
const runners: { name: string; runner: SqlRunner }[] = [];
beforeAll(async () => {
  testDb = await createTestDb();
  for (const name of RUNNER_NAMES) {
    runners.push({ name, runner: name === "prisma" ? await prismaRunner(testDb.db) : openSqliteRunner(testDb.url) });
  }
});
afterAll(async () => {
  for (const r of runners) await r.runner.close();
  await testDb.drop();
});

const newShop = () => `import-${randomUUID().slice(0, 8)}.myshopify.com`;

async function tableCounts(shop: string) {
  const db = forShop(testDb.db, shop);
  return {
    customers: await db.customer.count(),
    orders: await db.order.count(),
    lineItems: await db.lineItem.count(),
    products: await db.product.count(),
    collections: await db.collection.count(),
    links: await db.collectionProduct.count(),
    checkouts: await db.abandonedCheckout.count(),
    facts: await db.customerFacts.count(),
  };
}

const EXPECTED = { customers: 4, orders: 36, lineItems: 81, products: 23, collections: 6, links: 29, checkouts: 1, facts: 4 };

describe.each(RUNNER_NAMES)("import of Shopify-shaped JSONL (runner %s)", (name) => {
  const runner = () => {
    const r = runners.find((candidate) => candidate.name === name)?.runner;
    if (!r) throw new Error(`runner ${name} was not opened`);
    return r;
  };

  it("stores every record, children joined to parents whatever their order, with facts", async () => {
    const r = runner();
    // GIVEN fixtures exported in Shopify's ungrouped shape (children before and after parents)
    const shop = newShop();
    // WHEN they are imported
    await importBulkFiles({ runner: r, shop, files, now: () => NOW, batchSize: 7 });
    // THEN every table holds the records once, and the facts agree with computeCustomerFacts
    expect(await tableCounts(shop)).toMatchObject(EXPECTED);
    const db = forShop(testDb.db, shop);
    const kai = await db.customer.findFirstOrThrow({
      where: { gid: "gid://shopify/Customer/7100000000000" },
      include: { orders: true, facts: true },
    });
    expect(kai).toMatchObject({
      firstName: "Kai",
      email: "kai.jones.0@gmail.com",
      emailMarketingState: "UNSUBSCRIBED",
      emailMarketingOptIn: "SINGLE_OPT_IN",
      smsMarketingState: "NOT_SUBSCRIBED",
      countryCode: "US",
      provinceCode: "TX",
      accountState: "DISABLED",
      verifiedEmail: true,
      shopifyAmountSpent: 77678n,
      shopifyNumberOfOrders: 5,
      shopifyUpdatedAt: new Date("2026-08-07T16:55:08Z"),
    });
    const expected = computeCustomerFacts(
      kai.orders.map((o) => ({ ...o, totalPrice: Number(o.totalPrice), totalRefunded: Number(o.totalRefunded) })),
    );
    expect(kai.facts).toMatchObject({
      amountSpent: BigInt(expected.amountSpent),
      orderCount: expected.orderCount,
      firstOrderAt: expected.firstOrderAt,
      lastOrderAt: expected.lastOrderAt,
      averageOrderValue: BigInt(expected.averageOrderValue),
    });
    const order = await db.order.findFirstOrThrow({ where: { gid: "gid://shopify/Order/5000000000000" }, include: { lineItems: true } });
    expect(order).toMatchObject({ customerId: kai.id, totalPrice: 1598n, subtotalPrice: 999n, financialStatus: "PAID", test: false });
    expect(order.lineItems).toEqual([
      expect.objectContaining({ gid: "gid://shopify/LineItem/130000000000000", quantity: 1, price: 999n, title: "Slicker Brush" }),
    ]);
    const checkout = await db.abandonedCheckout.findFirstOrThrow({});
    expect(checkout).toMatchObject({
      token: "50c812662a1f9d65d260c15ccb537a11",
      gid: "gid://shopify/AbandonedCheckout/310000000020",
      totalPrice: 23484n,
    });
    expect(checkout.recoveredOrderId).not.toBeNull();
    expect((await db.collection.findFirstOrThrow({ where: { handle: "best-sellers" } })).kind).toBe("SMART");
  });

  it("resumes an import killed half-way and ends with the same rows, none twice", async () => {
    const r = runner();
    // GIVEN an import that dies after three committed batches of orders
    const shop = newShop();
    let batches = 0;
    const killed = importBulkFiles({
      runner: r,
      shop,
      files,
      now: () => NOW,
      batchSize: 10,
      onBatch: (resource) => {
        if (resource === "orders" && ++batches === 3) throw new Error("killed");
      },
    });
    await expect(killed).rejects.toThrow("killed");
    const db = forShop(testDb.db, shop);
    const stopped = await db.syncRun.findFirstOrThrow({ where: { resource: "orders" } });
    // 3 batches of 10 orders: pass 1 skips line items, so the checkpoint is a line number past 30
    expect(stopped.status).toBe("applying");
    expect(stopped.checkpoint).toBeGreaterThan(30);
    expect(stopped.checkpoint).toBeLessThan(117);
    // WHEN it is started again
    await importBulkFiles({ runner: r, shop, files, now: () => NOW, batchSize: 10 });
    // THEN it finishes where it stopped, with exactly the records of a clean import
    expect(await tableCounts(shop)).toMatchObject(EXPECTED);
    const runs = await db.syncRun.findMany({ where: { resource: "orders" } });
    expect(runs).toEqual([expect.objectContaining({ status: "completed", checkpoint: 234, doneCount: 117, objectCount: 117 })]);
  });
});
