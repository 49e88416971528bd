import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadClientModule } from "~/db/db.server";
import { bulkWriteStore } from "~/sandbox/store-generator/bulk-write.server";
import { demoShop } from "~/sandbox/store-generator/generate";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { BENCHMARK_SEGMENTS, ORDER_SOURCE_SEGMENTS, PURCHASE_WINDOW_SEGMENTS } from "./benchmark-segments";
import { FactsIndexCache } from "../facts-index/facts-index.server";
import { parseSegmentQuery } from "../query-language/parser";
import type { ShopIndex } from "../engine/shop-index";

// The generated store "as of" the benchmark's instant: 07:00 in New York (EST) on 2026-11-23.
const NOW = new Date("2026-11-23T12:00:00.000Z");
const SHOP = "sql-count.myshopify.com";
const { Prisma } = loadClientModule("sqlite");
type Sql = ReturnType<typeof Prisma.sql>;
let t: TestDb;
let index: ShopIndex;

// Hand-written SQL over the same store. Day boundaries are New York midnights worked out by
// hand: -30d is 2026-10-24 (EDT, UTC-4), so "> -30d" starts 2026-10-25T04:00Z; 2026-03-01 starts
// at 05:00Z (EST); -90d is 2026-08-25, starting 04:00Z. "> -24h" is after 2026-11-22T12:00:00Z at
// second precision.
const base = Prisma.sql`FROM "Customer" c LEFT JOIN "CustomerFacts" f ON f."customerId" = c."id" WHERE c."shop" = ${SHOP} AND c."deletedAt" IS NULL`;
// A purchase: a known product on a line of the customer's order that is neither deleted nor a test.
const bought = Prisma.sql`FROM "LineItem" li JOIN "Order" o ON o."id" = li."orderId" JOIN "Product" pr ON pr."shop" = li."shop" AND pr."gid" = li."productGid"
  WHERE o."customerId" = c."id" AND o."deletedAt" IS NULL AND o."test" = FALSE`;
const tagged = (tag: string) => Prisma.sql`(', ' || LOWER(c."tags") || ',') LIKE ${`%, ${tag},%`}`;
const SQL: Record<string, Sql> = {
  "amount spent": Prisma.sql`AND COALESCE(f."amountSpent", 0) >= 50000`,
  "ordered in the last 30 days": Prisma.sql`AND f."lastOrderAt" >= ${new Date("2026-10-25T04:00:00Z")}`,
  "not ordered since a date": Prisma.sql`AND f."lastOrderAt" < ${new Date("2026-03-01T05:00:00Z")}`,
  "number of orders": Prisma.sql`AND COALESCE(f."orderCount", 0) >= 10`,
  "bought a product": Prisma.sql`AND EXISTS (SELECT 1 ${bought} AND pr."gid" = 'gid://shopify/Product/8200000000001')`,
  "bought from a collection": Prisma.sql`AND EXISTS (SELECT 1 ${bought} AND pr."id" IN (SELECT cp."productId" FROM "CollectionProduct" cp JOIN "Collection" co ON co."id" = cp."collectionId" WHERE co."gid" = 'gid://shopify/Collection/4100000000002'))`,
  "abandoned a checkout in the last 24 h without ordering": Prisma.sql`AND EXISTS (SELECT 1 FROM "AbandonedCheckout" k WHERE k."customerId" = c."id" AND k."deletedAt" IS NULL AND k."shopifyCreatedAt" >= ${new Date("2026-11-22T12:00:01Z")} AND k."completedAt" IS NULL AND k."recoveredOrderId" IS NULL)`,
  tags: Prisma.sql`AND ${tagged("vip")}`,
  location: Prisma.sql`AND c."countryCode" = 'US' AND c."provinceCode" = 'NY'`,
  "nested AND/OR of five clauses": Prisma.sql`AND ((COALESCE(f."amountSpent", 0) > 10000 AND ${tagged("dog-owner")}) OR (f."lastOrderAt" >= ${new Date("2026-08-25T04:00:00Z")} AND c."emailMarketingState" = 'SUBSCRIBED' AND COALESCE(f."orderCount", 0) >= 3))`,
};

// Purchases straight from line items and orders: one purchase is a product in one order.
const lineItems = (product: string, from: string, to: string) =>
  Prisma.sql`FROM "LineItem" li JOIN "Order" o ON o."id" = li."orderId" WHERE o."customerId" = c."id" AND o."deletedAt" IS NULL
    AND li."productGid" ${Prisma.raw(product)} AND o."processedAt" >= ${new Date(from)} AND o."processedAt" < ${new Date(to)}`;
const PURCHASE_SQL: Record<string, Sql> = {
  "bought a product in a window, two units or more there": Prisma.sql`AND (SELECT COALESCE(SUM(li."quantity"), 0) ${lineItems("= 'gid://shopify/Product/8200000000001'", "2026-10-01T04:00:00Z", "2026-10-31T04:00:00Z")}) >= 2`,
  "bought from a collection on a day": Prisma.sql`AND EXISTS (SELECT 1 ${lineItems(
    `IN (SELECT pr."gid" FROM "Product" pr JOIN "CollectionProduct" cp ON cp."productId" = pr."id" JOIN "Collection" co ON co."id" = cp."collectionId" WHERE co."gid" = 'gid://shopify/Collection/4100000000002')`,
    "2026-11-20T05:00:00Z",
    "2026-11-21T05:00:00Z",
  )})`,
};

const liveOrders = Prisma.sql`FROM "Order" o WHERE o."customerId" = c."id" AND o."deletedAt" IS NULL AND o."test" = FALSE`;
const ORDER_SOURCE_SQL: Record<string, Sql> = {
  "ordered at a shop twice or more": Prisma.sql`AND (SELECT COUNT(*) ${liveOrders} AND o."locationGid" IN ('gid://shopify/Location/71000000001', 'gid://shopify/Location/71000000002')) >= 2`,
  "never ordered through Point of Sale": Prisma.sql`AND NOT EXISTS (SELECT 1 ${liveOrders} AND o."appGid" = 'gid://shopify/App/129785')`,
};

beforeAll(async () => {
  t = await createTestDb();
  const target =
    t.kind === "sqlite" ? { kind: "sqlite" as const, file: t.url.replace(/^file:/, "") } : { kind: "postgres" as const, url: t.url };
  await bulkWriteStore(target, demoShop(SHOP), { seed: 7, customers: 4000, now: NOW });
  index = await new FactsIndexCache(t.db, { url: t.url }).get(SHOP);
}, 120_000);

afterAll(async () => {
  await t.drop();
});

describe("the ten benchmark segments and the purchase-window ones", () => {
  it.each([...BENCHMARK_SEGMENTS, ...PURCHASE_WINDOW_SEGMENTS])(
    "$name: the engine's count equals hand-written SQL",
    async ({ name, query }) => {
      // GIVEN the generated store and its facts index
      const parsed = parseSegmentQuery(query);
      if (!parsed.ok) throw new Error(parsed.error.message);
      // WHEN the columnar evaluator counts the segment
      const bits = index.evaluate(parsed.tree, NOW);
      // THEN SQL over the same rows gives the same number, and so does the per-customer evaluator
      const [row] = await t.db.$queryRaw<{ n: bigint | number }[]>(
        Prisma.sql`SELECT COUNT(*) AS "n" ${base} ${SQL[name] ?? PURCHASE_SQL[name] ?? Prisma.empty}`,
      );
      expect(bits.count()).toBe(Number(row?.n));
      expect(bits.count()).toBeGreaterThan(0);
      let perCustomer = 0;
      for (let p = 0; p < index.size; p++) if (index.matches(parsed.tree, p, NOW)) perCustomer++;
      expect(perCustomer).toBe(bits.count());
    },
  );
});

describe("segments on where orders were placed", () => {
  it.each(ORDER_SOURCE_SEGMENTS)("$name: the engine's count equals hand-written SQL", async ({ name, query }) => {
    // GIVEN the generated store's facts index with its per-order rows
    const parsed = parseSegmentQuery(query);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const withOrders = await new FactsIndexCache(t.db, { url: t.url }).get(SHOP, { withOrders: true });
    // WHEN the columnar evaluator counts the segment
    const bits = withOrders.evaluate(parsed.tree, NOW);
    // THEN SQL over the orders' app and location columns gives the same number, and so does the per-customer evaluator
    const [row] = await t.db.$queryRaw<{ n: bigint | number }[]>(
      Prisma.sql`SELECT COUNT(*) AS "n" ${base} ${ORDER_SOURCE_SQL[name] ?? Prisma.empty}`,
    );
    expect(bits.count()).toBe(Number(row?.n));
    expect(bits.count()).toBeGreaterThan(0);
    expect(bits.count()).toBeLessThan(withOrders.size);
    let perCustomer = 0;
    for (let p = 0; p < withOrders.size; p++) if (withOrders.matches(parsed.tree, p, NOW)) perCustomer++;
    expect(perCustomer).toBe(bits.count());
  });
});
