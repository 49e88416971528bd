// A signed body re-posted under another shop's headers, a replay past Shopify's retry window,
// a delivery for a shop with no installation: through the real route actions and the apply
// job, on both databases. Shopify signs only the body, so these are what an attacker holding
// one signed delivery can send.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueShop } from "../../../tests/factories/store";
import { fixtureForShop, fixtureText, withFields } from "./test-support/signed-webhooks";
import { openWebhookTestEnv, type WebhookTestEnv } from "./test-support/webhook-env";

let env: WebhookTestEnv;
beforeAll(async () => {
  env = await openWebhookTestEnv();
});
afterAll(async () => env?.close());

const NOW = new Date("2026-11-23T12:00:00.000Z");
const HOUR = 3_600_000;
const customerBody = fixtureText("customers-create");
const uninstalledBody = (shop: string) => withFields(fixtureText("app-uninstalled"), { myshopify_domain: shop });

/** An installed shop holding one customer. */
async function installedShopWithCustomer(): Promise<string> {
  const shop = uniqueShop();
  expect((await env.post("customers/create", customerBody, { shop, triggeredAt: NOW })).status).toBe(200);
  await env.drain(shop);
  expect(await env.t.db.customer.count({ where: { shop } })).toBe(1);
  return shop;
}

describe("a delivery is bound to the shop it is about", () => {
  it("refuses shop/redact whose body names another shop than the header, erasing nothing", async () => {
    // GIVEN a victim shop that uninstalled, and the attacker's own signed shop/redact
    const victim = await installedShopWithCustomer();
    expect((await env.post("app/uninstalled", uninstalledBody(victim), { shop: victim, triggeredAt: NOW })).status).toBe(200);
    await env.drain(victim);
    const attacker = uniqueShop();
    // WHEN the attacker's body is re-posted under the victim's shop header
    const response = await env.post("shop/redact", fixtureForShop("shop-redact", attacker), { shop: victim, triggeredAt: NOW });
    await env.drain(victim);
    // THEN it is refused, and the victim's data is still there
    expect(response.status).toBe(400);
    expect(await env.t.db.customer.count({ where: { shop: victim } })).toBe(1);
    expect(await env.t.db.webhookInbox.count({ where: { shop: victim, topic: "shop/redact" } })).toBe(0);
  });

  it("erases on shop/redact only a shop that uninstalled", async () => {
    // GIVEN an installed shop
    const shop = await installedShopWithCustomer();
    // WHEN a shop/redact naming it arrives while it is installed
    const early = await env.post("shop/redact", fixtureForShop("shop-redact", shop), { shop, triggeredAt: NOW });
    await env.drain(shop);
    // THEN it is acknowledged and dropped: nothing is erased
    expect(early.status).toBe(200);
    expect(await env.t.db.customer.count({ where: { shop } })).toBe(1);
    // AND after the uninstall, the same request erases the shop
    await env.post("app/uninstalled", uninstalledBody(shop), { shop, triggeredAt: NOW });
    await env.drain(shop);
    expect((await env.post("shop/redact", fixtureForShop("shop-redact", shop), { shop, triggeredAt: NOW })).status).toBe(200);
    await env.drain(shop);
    expect(await env.t.db.customer.count({ where: { shop } })).toBe(0);
    expect(await env.t.db.shop.count({ where: { shop } })).toBe(0);
  });

  it("refuses app/uninstalled that names another shop or none, pausing nothing", async () => {
    const victim = await installedShopWithCustomer();
    const attacker = uniqueShop();
    const other = await env.post("app/uninstalled", uninstalledBody(attacker), { shop: victim, triggeredAt: NOW });
    const none = await env.post("app/uninstalled", fixtureText("app-uninstalled"), { shop: victim, triggeredAt: NOW });
    await env.drain(victim);
    expect([other.status, none.status]).toEqual([400, 400]);
    expect(await env.t.db.shop.findUnique({ where: { shop: victim }, select: { sendingPaused: true, uninstalledAt: true } })).toEqual({
      sendingPaused: false,
      uninstalledAt: null,
    });
  });

  it("refuses a compliance request whose shop_domain is another shop's", async () => {
    const shop = await installedShopWithCustomer();
    const response = await env.post("customers/redact", fixtureForShop("customers-redact", uniqueShop()), { shop, triggeredAt: NOW });
    expect(response.status).toBe(400);
    expect(await env.t.db.webhookInbox.count({ where: { shop, topic: "customers/redact" } })).toBe(0);
  });
});

describe("deliveries Shopify would not make are acknowledged and dropped", () => {
  it("drops a delivery triggered before Shopify's 4-hour retry window, whatever its event id", async () => {
    // GIVEN an installed shop
    const shop = await installedShopWithCustomer();
    const before = await env.t.db.webhookInbox.count({ where: { shop } });
    // WHEN a body triggered 5 hours ago arrives under a fresh event id, and one from 3 hours ago
    const stale = await env.post("orders/create", fixtureText("orders-create"), {
      shop,
      triggeredAt: new Date(NOW.getTime() - 5 * HOUR),
      receivedAt: NOW,
    });
    const late = await env.post("products/create", fixtureText("products-create"), {
      shop,
      triggeredAt: new Date(NOW.getTime() - 3 * HOUR),
      receivedAt: NOW,
    });
    // THEN both are acknowledged; only the one Shopify could still be retrying is stored
    expect([stale.status, late.status]).toEqual([200, 200]);
    const rows = await env.t.db.webhookInbox.findMany({ where: { shop }, select: { topic: true } });
    expect(rows.length - before).toBe(1);
    expect(rows.map((r) => r.topic)).not.toContain("orders/create");
  });

  it("drops deliveries for a shop that never installed or was erased, creating no rows", async () => {
    // GIVEN a shop that never installed Flock
    const stranger = uniqueShop();
    // WHEN a customer and an order arrive for it
    const responses = [
      await env.post("customers/create", customerBody, { shop: stranger, triggeredAt: NOW, install: false }),
      await env.post("orders/create", fixtureText("orders-create"), { shop: stranger, triggeredAt: NOW, install: false }),
      await env.post("shop/update", fixtureText("app-uninstalled"), { shop: stranger, triggeredAt: NOW, install: false }),
    ];
    await env.drain(stranger);
    // THEN they are acknowledged, and nothing of that shop is stored anywhere
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await env.t.db.webhookInbox.count({ where: { shop: stranger } })).toBe(0);
    expect(await env.t.db.customer.count({ where: { shop: stranger } })).toBe(0);
    expect(await env.t.db.order.count({ where: { shop: stranger } })).toBe(0);
    expect(await env.t.db.shop.count({ where: { shop: stranger } })).toBe(0);
  });
});

describe("payload text", () => {
  it("strips NUL characters, raw or escaped, before storing and applying", async () => {
    // GIVEN a customer whose note and name hold NULs (PostgreSQL text cannot)
    const shop = uniqueShop();
    const body = withFields(customerBody, { first_name: "Jo\u0000hn" })
      .replace('"note": "', '"note": "a\\u0000b\\\\u0000')
      .replace('"last_name": "', '"last_name": "\u0000');
    // WHEN it is received and applied
    const response = await env.post("customers/create", body, { shop, triggeredAt: NOW });
    const stored = await env.t.db.webhookInbox.findFirstOrThrow({ where: { shop }, select: { payload: true } });
    await env.drain(shop);
    // THEN it is stored and applied without them; an escaped backslash before "u0000" stays
    expect(response.status).toBe(200);
    expect(stored.payload).not.toContain("\u0000");
    expect(stored.payload).toContain('"first_name": "John"');
    expect(stored.payload).toContain('"note": "ab\\\\u0000');
    expect(await env.t.db.customer.findFirst({ where: { shop }, select: { firstName: true, lastName: true } })).toEqual({
      firstName: "John",
      lastName: "Biller",
    });
  });
});
