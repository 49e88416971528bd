// The three compliance topics through the real routes. The redact tests read every table that
// carries a shop and look for any trace of the person.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db/db.server";
import { SHOP_SCOPED_MODELS } from "~/db/shop-scope.server";
import { fixtureForShop, fixtureText, withFields } from "~/shopify/webhooks/test-support/signed-webhooks";
import { openWebhookTestEnv, type WebhookTestEnv } from "~/shopify/webhooks/test-support/webhook-env";
import type { WebhookTopic } from "~/shopify/webhooks/topics";
import { uniqueShop } from "../../tests/factories/store";
import { findDataRequestExport } from "./data-request.server";
import { suppressionHash } from "./suppression-hash";
import { eraseDueShops } from "./uninstall.server";

let env: WebhookTestEnv;
beforeAll(async () => {
  env = await openWebhookTestEnv();
});
afterAll(async () => env?.close());

// The person of Shopify's customers/redact and customers/data_request samples.
const GID = "gid://shopify/Customer/191167";
const PII = ["john@example.com", "555-625-1199", "Johnny", "Appleseed", "1 Infinite Loop", "K2P 2L8", "203.0.113.7"];

const customerBody = withFields(fixtureText("customers-create"), {
  email: "john@example.com",
  phone: "555-625-1199",
  first_name: "Johnny",
  last_name: "Appleseed",
  admin_graphql_api_id: GID,
}).replace('"151 O\'Connor Street"', '"1 Infinite Loop"');
const orderBody = withFields(fixtureText("orders-create"), { cancelled_at: null, admin_graphql_api_id: "gid://shopify/Order/299938" })
  .replace('"gid://shopify/Customer/115310627314723954"', `"${GID}"`)
  .replace('"test": true', '"test": false');
const checkoutBody = withFields(fixtureText("checkouts-create"), { email: "john@example.com", phone: "555-625-1199" }).replace(
  '"gid://shopify/Customer/603851970716743426"',
  `"${GID}"`,
);
const emailOptOut = fixtureText("customers_email_marketing_consent-update").replace("706405506930370084", "191167");

async function deliver(shop: string, topic: WebhookTopic, body: string): Promise<void> {
  expect((await env.post(topic, body, { shop })).status).toBe(200);
  const result = await env.drain(shop);
  expect(result.failed).toBe(0);
}

/** Creates the person everywhere Flock can hold them: customer, consent, order, checkout, messages. */
async function seedPerson(shop: string): Promise<number> {
  await deliver(shop, "customers/create", customerBody);
  await deliver(shop, "customers_email_marketing_consent/update", emailOptOut);
  await deliver(shop, "orders/create", orderBody);
  await deliver(shop, "checkouts/create", checkoutBody);
  const { id } = await env.t.db.customer.findUniqueOrThrow({ where: { shop_gid: { shop, gid: GID } }, select: { id: true } });
  const message = await env.t.db.outboxMessage.create({
    data: {
      shop,
      idempotencyKey: `campaign:c1:${id}`,
      channel: "EMAIL",
      customerId: id,
      recipient: "john@example.com",
      body: "Hi Johnny",
      notBefore: new Date(),
    },
  });
  await env.t.db.messageEvent.create({
    data: {
      shop,
      outboxMessageId: message.id,
      customerId: id,
      channel: "EMAIL",
      kind: "delivered",
      at: new Date(),
      detail: "to john@example.com",
    },
  });
  await env.t.db.shortLink.create({
    data: { code: `c${id}${shop.slice(5, 13)}`, shop, url: "https://shop.example/?email=john@example.com", outboxMessageId: message.id },
  });
  // A storefront sign-up (with where it came from) and its rate-limit counter
  await env.t.db.optInRequest.create({
    data: {
      id: `optin-${shop}`,
      shop,
      email: "john@example.com",
      customerId: id,
      source: "block",
      ip: "203.0.113.7",
      consentText: "Sign me up",
      createdAt: new Date(),
    },
  });
  await env.t.db.optInRateCount.create({ data: { shop, key: "email:john@example.com", windowStart: 0, count: 1 } });
  // A sign-up whose email (an older address) was confirmed by them, its phone someone else's
  await env.t.db.optInRequest.create({
    data: {
      id: `optin-email-${shop}`,
      shop,
      phone: "+12135550999",
      email: "johnny.old@example.net",
      emailCustomerId: id,
      emailState: "CONFIRMED",
      source: "embed",
      consentText: "Email me",
      createdAt: new Date(),
      emailConfirmedAt: new Date(),
      emailConfirmIp: "198.51.100.23",
      emailConfirmUserAgent: "Johnny's mail app",
    },
  });
  await env.t.db.campaignHoldout.create({ data: { shop, campaignId: "c2", customerId: id } });
  return id;
}

async function everyRow(db: Db, shop: string): Promise<string> {
  const dump: Record<string, unknown> = {};
  for (const model of SHOP_SCOPED_MODELS) {
    const key = model.charAt(0).toLowerCase() + model.slice(1);
    const delegate = (db as unknown as Record<string, { findMany(a: object): Promise<unknown[]> }>)[key];
    dump[model] = await delegate?.findMany({ where: { shop } });
  }
  return JSON.stringify(dump, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

describe("compliance topics", () => {
  it("customers/data_request stores a JSON export of everything about the customer", async () => {
    const shop = uniqueShop();
    await seedPerson(shop);
    await deliver(shop, "customers/data_request", fixtureForShop("customers-data_request", shop));
    const request = await env.t.db.dataRequest.findFirstOrThrow({ where: { shop } });
    expect(request).toMatchObject({ id: `${shop}:9999`, customerGid: GID });
    const data = JSON.parse(request.exportJson ?? "{}") as Record<string, unknown>;
    expect(data.customer).toMatchObject({ email: "john@example.com", firstName: "Johnny" });
    expect(data.orders).toHaveLength(1);
    // What they bought per product, from the order's line items (three lines of one product, the
    // other two lines have no product)
    const at = "2022-01-01T00:00:00.000Z";
    expect(data.productPurchases).toEqual([
      { productGid: "gid://shopify/Product/788032119674292900", quantity: 3, orderCount: 1, firstAt: at, lastAt: at },
    ]);
    expect(data.abandonedCheckouts).toHaveLength(1);
    expect(data.messages).toHaveLength(1);
    expect(data.messageEvents).toHaveLength(1);
    expect(data.facts).toMatchObject({ orderCount: 1 });
    expect(data.signups).toEqual([
      expect.objectContaining({ email: "john@example.com", ip: "203.0.113.7", consentText: "Sign me up" }),
      expect.objectContaining({
        email: "johnny.old@example.net",
        emailConfirmIp: "198.51.100.23",
        emailConfirmUserAgent: "Johnny's mail app",
      }),
    ]);
    // The merchant downloads it from the app; another shop cannot.
    expect(await findDataRequestExport(env.t.db, shop, request.id)).toBe(request.exportJson);
    expect(await findDataRequestExport(env.t.db, uniqueShop(), request.id)).toBeNull();
  });

  it("customers/redact leaves no personal data in any table, and keeps the opt-out as a hash", async () => {
    // GIVEN the person everywhere, and an export made for them earlier
    const shop = uniqueShop();
    const id = await seedPerson(shop);
    await env.t.db.consentChange.create({
      data: {
        shop,
        customerId: id,
        channel: "EMAIL",
        fromState: "SUBSCRIBED",
        toState: "UNSUBSCRIBED",
        source: "unsubscribe_link",
        at: new Date("2026-11-20T10:00:00Z"),
      },
    });
    await deliver(shop, "customers/data_request", fixtureForShop("customers-data_request", shop));
    expect(await everyRow(env.t.db, shop)).toContain("john@example.com");
    // WHEN Shopify asks for redaction
    await deliver(shop, "customers/redact", fixtureForShop("customers-redact", shop));
    // THEN no table of the shop holds any of their personal data
    const rows = await everyRow(env.t.db, shop);
    for (const value of PII) expect(rows).not.toContain(value);
    for (const value of ["johnny.old@example.net", "198.51.100.23", "Johnny's mail app"]) expect(rows).not.toContain(value);
    // AND the tombstone stays redacted when a late customers/update arrives
    await deliver(shop, "customers/update", withFields(customerBody, { updated_at: "2030-01-01T00:00:00Z" }));
    await deliver(shop, "checkouts/update", withFields(checkoutBody, { updated_at: "2030-01-01T00:00:00Z" }));
    const after = await everyRow(env.t.db, shop);
    for (const value of PII) expect(after).not.toContain(value);
    expect(await env.t.db.customer.findUniqueOrThrow({ where: { id } })).toMatchObject({
      redactedAt: expect.any(Date),
      email: null,
      emailMarketingState: "REDACTED",
    });
    // AND their consent history is gone with them
    expect(await env.t.db.consentChange.count({ where: { shop, customerId: id } })).toBe(0);
    // AND no campaign holdout names them any more
    expect(await env.t.db.campaignHoldout.count({ where: { shop, customerId: id } })).toBe(0);
    // AND the opted-out address is still suppressed, by hash only
    const hash = suppressionHash(env.deps.secret, shop, "EMAIL", "John@Example.com");
    expect(await env.t.db.suppression.count({ where: { shop, channel: "EMAIL", addressHash: hash } })).toBe(1);
    // AND the order stays for the merchant's totals, no longer linked to the person
    expect(await env.t.db.order.findFirst({ where: { shop }, select: { customerId: true, customerGid: true, totalPrice: true } })).toEqual({
      customerId: null,
      customerGid: null,
      totalPrice: 40495n,
    });
  });

  it("shop/redact erases everything of the shop and nothing of another", async () => {
    const shop = uniqueShop();
    const other = uniqueShop();
    await seedPerson(shop);
    await seedPerson(other);
    await deliver(shop, "app/uninstalled", withFields(fixtureText("app-uninstalled"), { myshopify_domain: shop }));
    await deliver(shop, "shop/redact", fixtureForShop("shop-redact", shop));
    const left = JSON.parse(await everyRow(env.t.db, shop)) as Record<string, unknown[]>;
    const nonEmpty = Object.entries(left).filter(([model, rows]) => rows.length > 0 && model !== "WebhookInbox");
    expect(nonEmpty).toEqual([]);
    // Only the shop/redact event itself remains, applied and without its body.
    expect(left.WebhookInbox).toEqual([expect.objectContaining({ topic: "shop/redact", payload: "" })]);
    expect(await everyRow(env.t.db, other)).toContain("john@example.com");
  });

  it("erases a shop whose removal deadline passed without shop/redact, and not a reinstalled one", async () => {
    const gone = uniqueShop();
    const back = uniqueShop();
    await seedPerson(gone);
    await env.t.db.shop.update({
      where: { shop: gone },
      data: { name: "Gone", uninstalledAt: new Date("2026-01-01"), dataRemovalDueAt: new Date("2026-01-03") },
    });
    await env.t.db.shop.create({
      data: { shop: back, name: "Back", uninstalledAt: new Date("2026-01-01"), dataRemovalDueAt: new Date("2026-01-03") },
    });
    await env.t.db.session.create({ data: { id: `offline_${back}`, shop: back, state: "", accessToken: "reinstalled" } });
    expect(await eraseDueShops(env.t.db, new Date("2026-01-04"))).toEqual([gone]);
    expect(await env.t.db.customer.count({ where: { shop: gone } })).toBe(0);
    expect(await env.t.db.shop.count({ where: { shop: back } })).toBe(1);
  });
});
