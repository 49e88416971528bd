// One test per store-data topic: a payload signed like Shopify's goes through the route, the
// job applies it, and the effect is in the database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueShop } from "../../../tests/factories/store";
import { fixtureText, withFields } from "./test-support/signed-webhooks";
import { openWebhookTestEnv, type WebhookTestEnv } from "./test-support/webhook-env";
import type { WebhookTopic } from "./topics";

let env: WebhookTestEnv;
beforeAll(async () => {
  env = await openWebhookTestEnv();
});
afterAll(async () => env?.close());

const CUSTOMER = "gid://shopify/Customer/706405506930370084";
const ORDER = "gid://shopify/Order/820982911946154508";

async function deliver(shop: string, topic: WebhookTopic, body: string): Promise<void> {
  expect((await env.post(topic, body, { shop })).status).toBe(200);
  expect(await env.drain(shop)).toEqual({ applied: 1, failed: 0 });
}

/** orders-create for the customers-create customer, not a test order, not cancelled. */
function orderBody(fields: Record<string, string | null> = {}): string {
  const text = fixtureText("orders-create")
    .replace('"gid://shopify/Customer/115310627314723954"', `"${CUSTOMER}"`)
    .replace('"test": true', '"test": false');
  return withFields(text, { cancelled_at: null, ...fields });
}

describe("store-data topics", () => {
  it("customers/create stores the customer with its address", async () => {
    const shop = uniqueShop();
    await deliver(shop, "customers/create", fixtureText("customers-create"));
    const c = await env.t.db.customer.findUniqueOrThrow({ where: { shop_gid: { shop, gid: CUSTOMER } } });
    expect(c).toMatchObject({
      email: "bob@biller.com",
      firstName: "Bob",
      countryCode: "CA",
      provinceCode: "ON",
      city: "Ottawa",
      verifiedEmail: true,
    });
    expect(await env.t.db.customerFacts.findUnique({ where: { customerId: c.id } })).toMatchObject({ orderCount: 0 });
  });

  it("customers/update applies a newer version and ignores an older one", async () => {
    const shop = uniqueShop();
    await deliver(shop, "customers/create", fixtureText("customers-create"));
    await deliver(
      shop,
      "customers/update",
      withFields(fixtureText("customers-update"), { updated_at: "2022-03-01T00:00:00Z", email: "new@biller.com" }),
    );
    await deliver(
      shop,
      "customers/update",
      withFields(fixtureText("customers-update"), { updated_at: "2022-02-01T00:00:00Z", email: "old@biller.com" }),
    );
    expect(await env.t.db.customer.findFirst({ where: { shop }, select: { email: true } })).toEqual({ email: "new@biller.com" });
  });

  it("customers/delete marks the customer deleted", async () => {
    const shop = uniqueShop();
    await deliver(shop, "customers/create", fixtureText("customers-create"));
    await deliver(shop, "customers/delete", fixtureText("customers-delete"));
    expect((await env.t.db.customer.findFirstOrThrow({ where: { shop } })).deletedAt).not.toBeNull();
  });

  it("customers_email_marketing_consent/update sets email consent; a customers/update does not reset it", async () => {
    const shop = uniqueShop();
    await deliver(shop, "customers_email_marketing_consent/update", fixtureText("customers_email_marketing_consent-update"));
    await deliver(shop, "customers/create", fixtureText("customers-create"));
    const c = await env.t.db.customer.findFirstOrThrow({ where: { shop } });
    expect(c).toMatchObject({ emailMarketingState: "UNSUBSCRIBED", emailMarketingOptIn: "SINGLE_OPT_IN", email: "bob@biller.com" });
    expect(c.shopifyCreatedAt.toISOString()).toBe("2022-01-01T00:00:00.000Z");
  });

  it("customers_marketing_consent/update sets SMS consent", async () => {
    const shop = uniqueShop();
    await deliver(shop, "customers/create", fixtureText("customers-create"));
    await deliver(shop, "customers_marketing_consent/update", fixtureText("customers_marketing_consent-update"));
    expect(await env.t.db.customer.findFirst({ where: { shop }, select: { smsMarketingState: true, smsMarketingOptIn: true } })).toEqual({
      smsMarketingState: "SUBSCRIBED",
      smsMarketingOptIn: "CONFIRMED_OPT_IN",
    });
  });

  it("orders/create stores the order, its line items and the customer's facts", async () => {
    const shop = uniqueShop();
    await deliver(shop, "customers/create", fixtureText("customers-create"));
    await deliver(shop, "orders/create", orderBody());
    const order = await env.t.db.order.findUniqueOrThrow({ where: { shop_gid: { shop, gid: ORDER } }, include: { lineItems: true } });
    expect(order).toMatchObject({ totalPrice: 40495n, subtotalPrice: 40495n, currency: "USD", test: false });
    expect(order.lineItems).toHaveLength(5);
    expect(order.lineItems.map((l) => l.productGid)).toContain("gid://shopify/Product/788032119674292900");
    const facts = await env.t.db.customerFacts.findUniqueOrThrow({ where: { customerId: order.customerId ?? -1 } });
    expect(facts).toMatchObject({ amountSpent: 40495n, orderCount: 1, averageOrderValue: 40495n });
  });

  it("orders/updated before orders/create works, and the older create changes nothing", async () => {
    const shop = uniqueShop();
    await deliver(shop, "customers/create", fixtureText("customers-create"));
    await deliver(shop, "orders/updated", orderBody({ updated_at: "2022-01-05T00:00:00Z", financial_status: "paid" }));
    await deliver(shop, "orders/create", orderBody({ financial_status: "pending" }));
    expect(await env.t.db.order.findFirst({ where: { shop }, select: { financialStatus: true } })).toEqual({ financialStatus: "PAID" });
  });

  it("orders/cancelled keeps the order counted but removes its amount", async () => {
    const shop = uniqueShop();
    await deliver(shop, "customers/create", fixtureText("customers-create"));
    await deliver(shop, "orders/create", orderBody());
    await deliver(shop, "orders/cancelled", orderBody({ updated_at: "2022-01-06T00:00:00Z", cancelled_at: "2022-01-06T00:00:00Z" }));
    const facts = await env.t.db.customerFacts.findFirstOrThrow({ where: { shop } });
    expect(facts).toMatchObject({ orderCount: 1, amountSpent: 0n });
  });

  it("orders/delete removes the order from the facts", async () => {
    const shop = uniqueShop();
    await deliver(shop, "customers/create", fixtureText("customers-create"));
    await deliver(shop, "orders/create", orderBody());
    await deliver(shop, "orders/delete", fixtureText("orders-delete"));
    expect((await env.t.db.order.findFirstOrThrow({ where: { shop } })).deletedAt).not.toBeNull();
    expect(await env.t.db.customerFacts.findFirstOrThrow({ where: { shop } })).toMatchObject({ orderCount: 0, amountSpent: 0n });
  });

  it("checkouts/create stores the abandoned checkout by token", async () => {
    const shop = uniqueShop();
    await deliver(shop, "checkouts/create", fixtureText("checkouts-create"));
    expect(await env.t.db.abandonedCheckout.findFirst({ where: { shop }, select: { token: true, totalPrice: true, email: true } })).toEqual(
      { token: "123123123", totalPrice: 42188n, email: "example@email.com" },
    );
  });

  it("checkouts/update applies a newer version", async () => {
    const shop = uniqueShop();
    await deliver(shop, "checkouts/create", fixtureText("checkouts-create"));
    await deliver(
      shop,
      "checkouts/update",
      withFields(fixtureText("checkouts-update"), { updated_at: "2022-01-02T00:00:00Z", total_price: "500.00" }),
    );
    expect(await env.t.db.abandonedCheckout.findFirst({ where: { shop }, select: { totalPrice: true } })).toEqual({ totalPrice: 50000n });
  });

  it("checkouts/delete marks the checkout deleted", async () => {
    const shop = uniqueShop();
    await deliver(shop, "checkouts/create", fixtureText("checkouts-create"));
    await deliver(shop, "checkouts/delete", fixtureText("checkouts-delete"));
    expect((await env.t.db.abandonedCheckout.findFirstOrThrow({ where: { shop } })).deletedAt).not.toBeNull();
  });

  it("products/create and products/update store the product", async () => {
    const shop = uniqueShop();
    await deliver(shop, "products/create", fixtureText("products-create"));
    await deliver(
      shop,
      "products/update",
      withFields(fixtureText("products-create"), { updated_at: "2022-02-01T00:00:00Z", title: "Renamed" }),
    );
    expect(
      await env.t.db.product.findFirst({ where: { shop }, select: { gid: true, title: true, productType: true, status: true } }),
    ).toEqual({
      gid: "gid://shopify/Product/788032119674292922",
      title: "Renamed",
      productType: "Shirts",
      status: "ACTIVE",
    });
  });

  it("products/delete marks the product deleted", async () => {
    const shop = uniqueShop();
    await deliver(shop, "products/create", fixtureText("products-create"));
    await deliver(shop, "products/delete", fixtureText("products-delete"));
    expect((await env.t.db.product.findFirstOrThrow({ where: { shop } })).deletedAt).not.toBeNull();
  });

  it("collections/create and collections/update store the collection", async () => {
    const shop = uniqueShop();
    await deliver(shop, "collections/create", fixtureText("collections-update"));
    await deliver(
      shop,
      "collections/update",
      withFields(fixtureText("collections-update"), { updated_at: "2022-02-01T00:00:00Z", title: "Dog Treats" }),
    );
    expect(await env.t.db.collection.findFirst({ where: { shop }, select: { gid: true, title: true, handle: true } })).toEqual({
      gid: "gid://shopify/Collection/408372092144951419",
      title: "Dog Treats",
      handle: "mynewcollection",
    });
  });

  it("collections/delete marks the collection deleted", async () => {
    const shop = uniqueShop();
    await deliver(shop, "collections/create", fixtureText("collections-update"));
    await deliver(shop, "collections/delete", fixtureText("collections-delete"));
    expect((await env.t.db.collection.findFirstOrThrow({ where: { shop } })).deletedAt).not.toBeNull();
  });

  it("shop/update stores the shop's settings", async () => {
    const shop = uniqueShop();
    await deliver(
      shop,
      "shop/update",
      withFields(fixtureText("app-uninstalled"), { iana_timezone: "America/Chicago", updated_at: "2022-01-01T00:00:00Z" }),
    );
    expect(
      await env.t.db.shop.findUnique({ where: { shop }, select: { name: true, currency: true, ianaTimezone: true, email: true } }),
    ).toEqual({
      name: "Super Toys",
      currency: "USD",
      ianaTimezone: "America/Chicago",
      email: "super@supertoys.com",
    });
  });
});
