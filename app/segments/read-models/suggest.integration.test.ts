import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCustomer, uniqueShop } from "../../../tests/factories/store";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { MAX_SUGGESTIONS, suggestValues } from "./suggest.server";

let t: TestDb;
const SHOP = uniqueShop();
const OTHER = uniqueShop();

beforeAll(async () => {
  t = await createTestDb();
  // GIVEN two shops: ours with tags, addresses, products and collections, and a neighbour whose data must never show
  const customers = [
    { tags: "VIP, local", countryCode: "US", provinceCode: "NY", city: "New York" },
    { tags: "vip, Wholesale", countryCode: "CA", provinceCode: "ON", city: "Toronto" },
    { tags: "50%off", countryCode: "US", provinceCode: "CA", city: "San José" },
    { tags: "ghost", countryCode: "FR", provinceCode: null, city: "Paris", deletedAt: new Date() },
  ];
  for (const c of customers) await t.db.customer.create({ data: buildCustomer(SHOP, c) });
  await t.db.customer.create({
    data: buildCustomer(OTHER, { tags: "VIP-elsewhere", countryCode: "DE", provinceCode: "BE", city: "Berlin" }),
  });
  const now = new Date();
  for (let i = 0; i < 25; i++) {
    await t.db.product.create({
      data: {
        shop: SHOP,
        gid: `gid://shopify/Product/${1000 + i}`,
        title: `Dog treat ${String(i).padStart(2, "0")}`,
        handle: `treat-${i}`,
        shopifyUpdatedAt: now,
      },
    });
  }
  await t.db.product.create({
    data: { shop: OTHER, gid: "gid://shopify/Product/9", title: "Dog treat elsewhere", handle: "x", shopifyUpdatedAt: now },
  });
  await t.db.collection.create({
    data: { shop: SHOP, gid: "gid://shopify/Collection/77", title: "Summer Sale", handle: "summer", shopifyUpdatedAt: now },
  });
});
afterAll(async () => t?.drop());

describe("builder suggestions from the shop's synced data", () => {
  it("tags: split, case-insensitive match, one entry per tag, only live customers of this shop", async () => {
    expect(await suggestValues(t.db, SHOP, "tag", "vip")).toEqual([{ value: "VIP", label: "VIP" }]);
    expect((await suggestValues(t.db, SHOP, "tag", "")).map((s) => s.value).sort()).toEqual(["50%off", "local", "VIP", "Wholesale"].sort());
    // LIKE wildcards in the text are matched literally
    expect((await suggestValues(t.db, SHOP, "tag", "0%")).map((s) => s.value)).toEqual(["50%off"]);
    expect(await suggestValues(t.db, SHOP, "tag", "ghost")).toEqual([]);
  });

  it("locations come back as the keys the filters compare with", async () => {
    expect((await suggestValues(t.db, SHOP, "country", "")).map((s) => s.value)).toEqual(["CA", "US"]);
    expect(await suggestValues(t.db, SHOP, "country", "canada")).toEqual([{ value: "CA", label: "Canada (CA)" }]);
    expect((await suggestValues(t.db, SHOP, "region", "us-")).map((s) => s.value).sort()).toEqual(["US-CA", "US-NY"]);
    expect(await suggestValues(t.db, SHOP, "city", "san")).toEqual([{ value: "US-CA-SanJose", label: "San José, CA, US" }]);
    expect(await suggestValues(t.db, SHOP, "city", "berlin")).toEqual([]);
  });

  it("products and collections give numeric ids, at most 20, never another shop's", async () => {
    const products = await suggestValues(t.db, SHOP, "product", "DOG");
    expect(products).toHaveLength(MAX_SUGGESTIONS);
    expect(products[0]).toEqual({ value: "1000", label: "Dog treat 00" });
    expect(products.some((p) => p.label.includes("elsewhere"))).toBe(false);
    expect(await suggestValues(t.db, SHOP, "collection", "sale")).toEqual([{ value: "77", label: "Summer Sale" }]);
    expect(await suggestValues(t.db, OTHER, "collection", "")).toEqual([]);
    // the id already in the input finds its record, in this shop only
    expect(await suggestValues(t.db, SHOP, "product", "1007")).toEqual([{ value: "1007", label: "Dog treat 07" }]);
    expect(await suggestValues(t.db, OTHER, "product", "1007")).toEqual([]);
  });
});
