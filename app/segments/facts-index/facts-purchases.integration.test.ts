import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCustomer, uniqueShop } from "../../../tests/factories/store";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { FactsIndexCache } from "./facts-index.server";
import { queryTree } from "../test-support/test-records";

// Purchases read from line items joined to orders, by both index builds (driver and Prisma)
// and by the incremental re-read of changed customers.
const NOW = new Date("2026-11-23T15:00:00Z");
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.drop();
});

const tree = queryTree;

let orderNo = 0;
async function order(
  shop: string,
  customerId: number,
  processedAt: string,
  lines: [string, number][],
  extra: { deletedAt?: Date; test?: boolean } = {},
): Promise<void> {
  orderNo += 1;
  const at = new Date(processedAt);
  await t.db.order.create({
    data: {
      shop,
      gid: `gid://shopify/Order/${orderNo}`,
      name: `#${orderNo}`,
      customerId,
      currency: "USD",
      totalPrice: 1000n,
      processedAt: at,
      shopifyCreatedAt: at,
      shopifyUpdatedAt: at,
      ...extra,
      lineItems: {
        create: lines.map(([product, quantity], i) => ({
          shop,
          gid: `gid://shopify/LineItem/${orderNo}-${i}`,
          productGid: `gid://shopify/Product/${product}`,
          title: product,
          quantity,
          price: 500n,
        })),
      },
    },
  });
}

async function shopWithPurchases(): Promise<{ shop: string; buyer: number }> {
  const shop = uniqueShop();
  await t.db.shop.create({ data: { shop, name: "Purchases", ianaTimezone: "America/New_York", currency: "USD" } });
  for (const id of ["77", "78"])
    await t.db.product.create({ data: { shop, gid: `gid://shopify/Product/${id}`, title: id, handle: id, shopifyUpdatedAt: NOW } });
  const { id: buyer } = await t.db.customer.create({ data: buildCustomer(shop), select: { id: true } });
  await t.db.customerFacts.create({ data: { customerId: buyer, shop, amountSpent: 0n, orderCount: 4, version: 1n } });
  // 77 bought three times (the middle order has it on two lines), once in a deleted order; 99 is unknown.
  await order(shop, buyer, "2026-01-05T12:00:00Z", [["77", 5]]);
  await order(shop, buyer, "2026-11-10T15:00:00Z", [
    ["77", 1],
    ["78", 1],
    ["77", 1],
    ["99", 9],
  ]);
  await order(shop, buyer, "2026-11-20T15:00:00Z", [["77", 3]]);
  await order(shop, buyer, "2026-11-15T15:00:00Z", [["77", 50]], { deletedAt: NOW });
  // A test order counts nowhere, as in the customer's facts and orders_placed.
  await order(
    shop,
    buyer,
    "2026-11-12T15:00:00Z",
    [
      ["77", 7],
      ["78", 1],
    ],
    { test: true },
  );
  return { shop, buyer };
}

const RULES: [string, boolean][] = [
  ["products_purchased MATCHES (id = 77, date = 2026-11-10)", true],
  ["products_purchased MATCHES (id = 77, date = 2026-11-15)", false],
  ["products_purchased MATCHES (id = 77, date = 2026-11-12)", false],
  ["products_purchased MATCHES (id = 78, count = 1)", true],
  ["products_purchased MATCHES (id = 77, date BETWEEN 2026-11-01 AND 2026-11-30, sum_quantity = 5)", true],
  ["products_purchased MATCHES (id = 77, date BETWEEN 2026-11-01 AND 2026-11-30, count = 2)", true],
  ["products_purchased MATCHES (id = 77, quantity = 2, date = 2026-11-10)", true],
  ["products_purchased MATCHES (id = 77, sum_quantity = 10)", true],
  ["products_purchased MATCHES (id = 99)", false],
];

describe("purchases in the facts index", () => {
  it.each([{ url: true }, { url: false }])("are exact per order and day (driver build: $url)", async ({ url }) => {
    // GIVEN a customer's orders with line items
    const { shop } = await shopWithPurchases();
    // WHEN the index is built
    const index = await new FactsIndexCache(t.db, url ? { url: t.url } : {}).get(shop);
    // THEN both evaluators see each purchase as it was
    for (const [query, expected] of RULES) {
      expect({ query, columnar: index.evaluate(tree(query), NOW).count() === 1 }).toEqual({ query, columnar: expected });
      expect({ query, perCustomer: index.matches(tree(query), 0, NOW) }).toEqual({ query, perCustomer: expected });
    }
  });

  it("re-reads a changed customer's purchases exactly", async () => {
    // GIVEN a built index
    const { shop, buyer } = await shopWithPurchases();
    const cache = new FactsIndexCache(t.db, { url: t.url });
    const rule = tree("products_purchased MATCHES (id = 78, date = 2026-11-22, sum_quantity >= 4)");
    expect((await cache.get(shop)).evaluate(rule, NOW).count()).toBe(0);
    // WHEN a new order arrives with 78 on two lines and the customer's facts move on
    await order(shop, buyer, "2026-11-22T18:00:00Z", [
      ["78", 2],
      ["78", 2],
    ]);
    await t.db.customerFacts.update({ where: { customerId: buyer }, data: { version: 2n } });
    // THEN the caught-up index has the new purchase, as one purchase of four units
    const index = await cache.get(shop);
    expect(index.evaluate(rule, NOW).count()).toBe(1);
    expect(index.evaluate(tree("products_purchased MATCHES (id = 78, quantity = 4)"), NOW).count()).toBe(1);
    expect(index.explain(rule, 0, NOW)).toMatchObject({
      result: true,
      facts: { "products_purchased.matching": ["78 2026-11-22T18:00:00.000Z x4"] },
    });
  });
  it("re-reads a customer with more orders than SQLite takes bound parameters", async () => {
    // GIVEN a built index, then a customer who placed 1,100 orders of product 78
    const { shop, buyer } = await shopWithPurchases();
    const cache = new FactsIndexCache(t.db, { url: t.url });
    await cache.get(shop);
    const at = new Date("2026-11-22T18:00:00Z");
    await t.db.order.createMany({
      data: Array.from({ length: 1_100 }, (_, k) => ({
        shop,
        gid: `gid://shopify/Order/bulk-${shop}-${k}`,
        name: `#B${k}`,
        customerId: buyer,
        currency: "USD",
        totalPrice: 100n,
        processedAt: at,
        shopifyCreatedAt: at,
        shopifyUpdatedAt: at,
      })),
    });
    const bulk = await t.db.order.findMany({ where: { shop, name: { startsWith: "#B" } }, select: { id: true } });
    await t.db.lineItem.createMany({
      data: bulk.map((o) => ({
        shop,
        gid: `gid://shopify/LineItem/bulk-${o.id}`,
        orderId: o.id,
        productGid: "gid://shopify/Product/78",
        title: "78",
        quantity: 1,
        price: 100n,
      })),
    });
    await t.db.customerFacts.update({ where: { customerId: buyer }, data: { version: 2n } });
    // WHEN the index catches up, and when a Prisma build reads the shop
    const caughtUp = await cache.get(shop);
    const prismaBuilt = await new FactsIndexCache(t.db).get(shop);
    // THEN every one of those purchases is there (plus the one of 10 November)
    const rule = tree("products_purchased MATCHES (id = 78, count = 1101, sum_quantity = 1101)");
    expect(caughtUp.evaluate(rule, NOW).count()).toBe(1);
    expect(prismaBuilt.evaluate(rule, NOW).count()).toBe(1);
  });
});
