import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../tests/setup/test-db";
import { buildCustomer, createStoreRows, uniqueShop } from "../../tests/factories/store";
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
      shop,
      name: "Paws",
      currency: "CAD",
      ianaTimezone: "America/Toronto",
      customers: 3,
      orders: 0,
      smsSubscribers: 1,
      emailSubscribers: 1,
      records: { customers: 3, orders: 0, products: 0, collections: 0, checkouts: 0 },
      liveSegments: 0,
      channels: 0,
      sentCampaigns: 0,
    });
  });

  it("counts the records stored per resource, not the lines the bulk export held", async () => {
    // GIVEN a shop with one row in every table (an order with a line item, a product linked to a
    // collection: four JSONL objects for two records) and deleted extras that do not count
    const stored = uniqueShop();
    await createStoreRows(t.db, stored);
    await t.db.lineItem.create({
      data: {
        shop: stored,
        gid: "gid://shopify/LineItem/extra",
        orderId: (await t.db.order.findFirstOrThrow({ where: { shop: stored } })).id,
        title: "Toy",
        quantity: 2,
        price: 500n,
      },
    });
    await t.db.product.create({
      data: {
        shop: stored,
        gid: "gid://shopify/Product/gone",
        title: "Gone",
        handle: "gone",
        shopifyUpdatedAt: new Date(),
        deletedAt: new Date(),
      },
    });
    await t.db.abandonedCheckout.create({
      data: {
        shop: stored,
        token: "tok-gone",
        currency: "USD",
        totalPrice: 1n,
        shopifyCreatedAt: new Date(),
        shopifyUpdatedAt: new Date(),
        deletedAt: new Date(),
      },
    });
    await t.db.campaign.create({ data: { shop: stored, name: "Sent", channel: "EMAIL", body: "Hi", status: "SENT" } });

    // WHEN the overview is read
    const overview = await getStoreOverview(t.db, stored);

    // THEN each resource counts its live records, and the checklist inputs are the shop's own
    expect(overview.records).toEqual({ customers: 1, orders: 1, products: 1, collections: 1, checkouts: 1 });
    expect({ liveSegments: overview.liveSegments, channels: overview.channels, sentCampaigns: overview.sentCampaigns }).toEqual({
      liveSegments: 1,
      channels: 1,
      sentCampaigns: 1,
    });
  });

  it("names an unknown shop", async () => {
    await expect(getStoreOverview(t.db, "nobody.myshopify.com")).rejects.toThrow(UnknownShopError);
    await expect(getStoreOverview(t.db, "nobody.myshopify.com")).rejects.toThrow("nobody.myshopify.com");
  });
});
