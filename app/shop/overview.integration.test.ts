import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../tests/setup/test-db";
import { buildCustomer, uniqueShop } from "../../tests/factories/store";
import { getStoreOverview, UnknownShopError } from "./overview.server";

describe("getStoreOverview", () => {
  let t: TestDb;
  const shop = uniqueShop();
  const other = uniqueShop();

  beforeAll(async () => {
    t = await createTestDb();
    await t.db.shop.create({ data: { shop, name: "Paws", currency: "CAD", ianaTimezone: "America/Toronto" } });
    await t.db.customer.createMany({
      data: [
        buildCustomer(shop, { smsMarketingState: "SUBSCRIBED", emailMarketingState: "SUBSCRIBED" }),
        buildCustomer(shop, { smsMarketingState: "SUBSCRIBED", phone: null }),
        buildCustomer(shop, { emailMarketingState: "UNSUBSCRIBED" }),
        buildCustomer(shop, { emailMarketingState: "SUBSCRIBED", deletedAt: new Date() }),
        buildCustomer(other, { smsMarketingState: "SUBSCRIBED", emailMarketingState: "SUBSCRIBED" }),
      ],
    });
  });
  afterAll(async () => t?.drop());

  it("counts live customers and reachable subscribers of this shop only", async () => {
    const overview = await getStoreOverview(t.db, shop);
    expect(overview).toEqual({
      shop, name: "Paws", currency: "CAD", ianaTimezone: "America/Toronto",
      customers: 3, orders: 0, smsSubscribers: 1, emailSubscribers: 1,
    });
  });

  it("names an unknown shop", async () => {
    await expect(getStoreOverview(t.db, "nobody.myshopify.com")).rejects.toThrow(UnknownShopError);
    await expect(getStoreOverview(t.db, "nobody.myshopify.com")).rejects.toThrow("nobody.myshopify.com");
  });
});
