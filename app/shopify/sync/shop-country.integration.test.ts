// The shop's country (Shop.countryCode, which quiet hours assume where nothing places a
// recipient) comes from Shopify: `shopAddress.countryCodeV2` on install, `country_code` on
// shop/update.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStandIn, TEST_TOKEN } from "~/sandbox/shopify-admin/test-support";
import { createFetchGraphql } from "~/shopify/fetch-graphql.server";
import { fixtureText, withFields } from "~/shopify/webhooks/test-support/signed-webhooks";
import { openWebhookTestEnv, type WebhookTestEnv } from "~/shopify/webhooks/test-support/webhook-env";
import { uniqueShop } from "../../../tests/factories/store";
import { syncShop } from "./shop.server";

let admin: Awaited<ReturnType<typeof startTestStandIn>>;
let env: WebhookTestEnv;
beforeAll(async () => {
  [admin, env] = await Promise.all([startTestStandIn({ customers: 1 }), openWebhookTestEnv()]);
});
afterAll(async () => Promise.all([admin?.standIn.close(), env?.close()]));

describe("the shop's country", () => {
  it("is read from the Admin API on install", async () => {
    const shop = admin.source.shop.shop;
    const graphql = createFetchGraphql({ origin: admin.standIn.origin, shop, accessToken: TEST_TOKEN, apiVersion: "2026-10" });
    expect(await syncShop(graphql, env.t.db, shop)).toMatchObject({ countryCode: "US" });
    expect(await env.t.db.shop.findUniqueOrThrow({ where: { shop }, select: { countryCode: true } })).toEqual({ countryCode: "US" });
  });

  it("follows shop/update, and a payload without one keeps what is stored", async () => {
    const shop = uniqueShop();
    const deliver = async (fields: Record<string, string | null>) => {
      expect((await env.post("shop/update", withFields(fixtureText("app-uninstalled"), fields), { shop })).status).toBe(200);
      expect(await env.drain(shop)).toEqual({ applied: 1, failed: 0 });
    };
    await deliver({ country_code: "CA", updated_at: "2022-01-01T00:00:00Z" });
    expect(await env.t.db.shop.findUniqueOrThrow({ where: { shop }, select: { countryCode: true } })).toEqual({ countryCode: "CA" });
    await deliver({ country_code: null, updated_at: "2022-02-01T00:00:00Z" });
    expect(await env.t.db.shop.findUniqueOrThrow({ where: { shop }, select: { countryCode: true } })).toEqual({ countryCode: "CA" });
  });
});
