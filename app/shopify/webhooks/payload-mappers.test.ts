import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { obj, type Json } from "~/shopify/mappers/fields";
import { parseShopifyJson } from "~/shopify/mappers/gid";
import {
  mapCollectionPayload,
  mapConsent,
  mapCustomerPayload,
  mapEmailConsentPayload,
  mapOrderPayload,
  mapProductPayload,
  mapSmsConsentPayload,
} from "./payload-mappers";

const fixture = (name: string): Json =>
  obj(parseShopifyJson(readFileSync(join(process.cwd(), "tests/fixtures/shopify/webhooks", `${name}.json`), "utf8"))) ?? {};
const FALLBACK = new Date("2026-01-01T00:00:00Z");

describe("webhook payload mappers", () => {
  it("maps a customer without touching tags or consent the payload does not carry", () => {
    const row = mapCustomerPayload(fixture("customers-create"), FALLBACK);
    expect(row).toMatchObject({
      gid: "gid://shopify/Customer/706405506930370084",
      email: "bob@biller.com",
      countryCode: "CA",
      city: "Ottawa",
      accountState: "DISABLED",
    });
    expect(row.shopifyUpdatedAt.toISOString()).toBe("2022-01-01T00:00:00.000Z");
    expect("tags" in row || "emailConsent" in row || "smsConsent" in row).toBe(false);
  });

  it("maps an order's money in minor units, refunds and 64-bit line item ids", () => {
    const payload = fixture("orders-create");
    payload.refunds = [
      {
        transactions: [
          { kind: "refund", status: "success", amount: "10.50" },
          { kind: "refund", status: "failure", amount: "99.00" },
          { kind: "sale", status: "success", amount: "5.00" },
        ],
      },
    ];
    const { order, lineItems } = mapOrderPayload(payload);
    expect(order).toMatchObject({
      gid: "gid://shopify/Order/820982911946154508",
      totalPrice: 40495,
      totalRefunded: 1050,
      customerGid: "gid://shopify/Customer/115310627314723954",
      test: true,
    });
    expect(lineItems.map((l) => l.gid)).toContain("gid://shopify/LineItem/487817672276298554");
    expect(lineItems[0]).toMatchObject({ productGid: "gid://shopify/Product/788032119674292900", quantity: 1, price: 8999 });
    // Shopify's sample was placed online by no app in particular: no app, no location.
    expect(order).toMatchObject({ appGid: null, locationGid: null });
  });

  it("maps the app and location of an order rung up in a shop", () => {
    const payload = { ...fixture("orders-create"), app_id: 129785, location_id: 71000000001, source_name: "pos" };
    expect(mapOrderPayload(payload).order).toMatchObject({
      sourceName: "pos",
      appGid: "gid://shopify/App/129785",
      locationGid: "gid://shopify/Location/71000000001",
    });
  });

  it.each([
    [
      { state: "subscribed", opt_in_level: "confirmed_opt_in", consent_updated_at: "2022-01-01T00:00:00Z" },
      { state: "SUBSCRIBED", optIn: "CONFIRMED_OPT_IN" },
    ],
    [
      { state: "unsubscribed", opt_in_level: null, consent_updated_at: null },
      { state: "UNSUBSCRIBED", optIn: null, updatedAt: null },
    ],
    [{ state: "never_subscribed" }, { state: "NOT_SUBSCRIBED" }],
  ])("maps consent %j", (input, expected) => {
    expect(mapConsent(input)).toMatchObject(expected);
  });

  it("maps both consent topics to the customer's GID", () => {
    expect(mapEmailConsentPayload(fixture("customers_email_marketing_consent-update"))).toMatchObject({
      gid: "gid://shopify/Customer/706405506930370084",
      consent: { state: "UNSUBSCRIBED" },
    });
    expect(mapSmsConsentPayload(fixture("customers_marketing_consent-update"))).toMatchObject({
      gid: "gid://shopify/Customer/706405506930370084",
      consent: { state: "SUBSCRIBED" },
    });
  });

  it("maps products and collections", () => {
    expect(mapProductPayload(fixture("products-create"))).toMatchObject({
      gid: "gid://shopify/Product/788032119674292922",
      status: "ACTIVE",
      tags: "example, mens, t-shirt",
    });
    expect(mapCollectionPayload(fixture("collections-update"))).toMatchObject({
      gid: "gid://shopify/Collection/408372092144951419",
      kind: "CUSTOM",
    });
  });
});
