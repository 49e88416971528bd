import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadClientModule } from "~/db/db.server";
import { bulkWriteStore } from "~/sandbox/store-generator/bulk-write.server";
import { demoShop } from "~/sandbox/store-generator/generate";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { FactsIndexCache } from "../facts-index/facts-index.server";
import { previewQuery } from "./preview-queries.server";
import { countQueryWithTotal } from "./segment-queries.server";
import type { SegmentDeps } from "../segment-service.server";

// Issue #12: values spelled as Shopify (and the customer) spell them select the customers
// hand-written SQL finds over the same generated store, and values matching nothing say so.
const NOW = new Date("2026-11-23T12:00:00.000Z");
const SHOP = "location-values.myshopify.com";
const { Prisma } = loadClientModule("sqlite");
type Sql = ReturnType<typeof Prisma.sql>;
let t: TestDb;
let deps: SegmentDeps;

const live = Prisma.sql`FROM "Customer" c WHERE c."shop" = ${SHOP} AND c."deletedAt" IS NULL`;
const CASES: { description: string; query: string; sql: Sql }[] = [
  {
    description: "a region whose province code carries the country",
    query: "customer_regions CONTAINS 'JP-13'",
    sql: Prisma.sql`AND c."countryCode" = 'JP' AND c."provinceCode" = 'JP-13'`,
  },
  {
    description: "a city in that region",
    query: "customer_cities CONTAINS 'JP-13-Tokyo'",
    sql: Prisma.sql`AND c."countryCode" = 'JP' AND c."provinceCode" = 'JP-13' AND c."city" = 'Tokyo'`,
  },
  {
    description: "a city as the customer wrote it, with its accent",
    query: "customer_cities CONTAINS 'CA-QC-Montréal'",
    sql: Prisma.sql`AND c."countryCode" = 'CA' AND c."provinceCode" = 'QC' AND c."city" = 'Montréal'`,
  },
  {
    description: "the same city without the accent",
    query: "customer_cities CONTAINS 'CA-QC-Montreal'",
    sql: Prisma.sql`AND c."countryCode" = 'CA' AND c."provinceCode" = 'QC' AND c."city" = 'Montréal'`,
  },
  {
    description: "Shopify's own spelling of New York",
    query: "customer_cities CONTAINS 'US-NY-NewYorkCity'",
    sql: Prisma.sql`AND c."countryCode" = 'US' AND c."provinceCode" = 'NY' AND c."city" = 'New York'`,
  },
  {
    description: "!= keeps customers without an email",
    query: "customer_email_domain != 'gmail.com'",
    sql: Prisma.sql`AND (c."email" IS NULL OR LOWER(c."email") NOT LIKE '%@gmail.com')`,
  },
];

beforeAll(async () => {
  t = await createTestDb();
  const target =
    t.kind === "sqlite" ? { kind: "sqlite" as const, file: t.url.replace(/^file:/, "") } : { kind: "postgres" as const, url: t.url };
  await bulkWriteStore(target, demoShop(SHOP), { seed: 42, customers: 1500, now: NOW });
  deps = { db: t.db, index: new FactsIndexCache(t.db, { url: t.url }) };
}, 120_000);

afterAll(async () => {
  await t.drop();
});

describe("location and text values as Shopify spells them", () => {
  it.each(CASES)("$description: $query counts what SQL counts", async ({ query, sql }) => {
    // GIVEN the generated store WHEN the editor counts the query
    const counted = await countQueryWithTotal(deps, SHOP, query, NOW);
    if (!counted.ok) throw new Error(counted.message);
    // THEN SQL over the same rows agrees, the count is not empty, and no value is flagged
    const [row] = await t.db.$queryRaw<{ n: bigint | number }[]>(Prisma.sql`SELECT COUNT(*) AS "n" ${live} ${sql}`);
    expect(counted.count).toBe(Number(row?.n));
    expect(counted.count).toBeGreaterThan(0);
    expect(counted.warnings).toEqual([]);
  });
});

describe("values that match nothing in the store", () => {
  it("a misspelt city counts 0 and names New York with its customers", async () => {
    const counted = await countQueryWithTotal(deps, SHOP, "customer_cities CONTAINS 'US-NY-NewYrok'", NOW);
    if (!counted.ok) throw new Error(counted.message);
    const [row] = await t.db.$queryRaw<{ n: bigint | number }[]>(
      Prisma.sql`SELECT COUNT(*) AS "n" ${live} AND c."countryCode" = 'US' AND c."provinceCode" = 'NY' AND c."city" = 'New York'`,
    );
    expect(counted.count).toBe(0);
    expect(counted.warnings).toHaveLength(1);
    expect(counted.warnings[0]?.closest[0]).toEqual({ value: "US-NY-NewYork", customers: Number(row?.n) });
    // AND the preview carries the same warnings
    const preview = await previewQuery(deps, SHOP, "customer_cities CONTAINS 'US-NY-NewYrok'", 1, NOW);
    expect(preview.ok && preview.warnings).toEqual(counted.warnings);
  });

  it("a product and a collection that are not in the store", async () => {
    const counted = await countQueryWithTotal(
      deps,
      SHOP,
      "products_purchased(id: 1234) = true OR collections_purchased MATCHES (id = 5678)",
      NOW,
    );
    if (!counted.ok) throw new Error(counted.message);
    expect(counted.count).toBe(0);
    expect(counted.warnings.map((w) => w.message)).toEqual(["No product 1234 in this store.", "No collection 5678 in this store."]);
  });
});
