// Reconciliation repairs missed webhooks and re-pulls collection membership.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueShop } from "../../../tests/factories/store";
import type { AdminGraphql } from "~/shopify/admin-client.server";
import { reconcileShop } from "./reconcile.server";
import { fixtureText } from "./test-support/signed-webhooks";
import { openWebhookTestEnv, type WebhookTestEnv } from "./test-support/webhook-env";

const CUSTOMER = "gid://shopify/Customer/706405506930370084";
const PRODUCT = "gid://shopify/Product/9100000000000000001";
const COLLECTION = "gid://shopify/Collection/9200000000000000001";
const money = (amount: string) => ({ shopMoney: { amount, currencyCode: "USD" } });
const page = (nodes: unknown[]) => ({ nodes, pageInfo: { hasNextPage: false, endCursor: null } });

// What the Admin API answers: the customer changed (tags, consent) and an order and a smart
// collection's product exist that no webhook announced.
const ANSWERS: Record<string, unknown> = {
  CustomersPage: {
    customers: page([
      {
        id: CUSTOMER,
        firstName: "Bob",
        lastName: "Biller",
        defaultEmailAddress: {
          emailAddress: "bob@biller.com",
          marketingState: "SUBSCRIBED",
          marketingOptInLevel: "SINGLE_OPT_IN",
          marketingUpdatedAt: "2026-11-23T09:00:00Z",
        },
        defaultPhoneNumber: null,
        defaultAddress: {
          countryCodeV2: "CA",
          provinceCode: "ON",
          city: "Ottawa",
          zip: "K2P 2L8",
          address1: "151 O'Connor Street",
          address2: null,
        },
        tags: ["vip", "dogs"],
        locale: "fr",
        state: "ENABLED",
        verifiedEmail: true,
        note: null,
        amountSpent: { amount: "25.00", currencyCode: "USD" },
        numberOfOrders: 1,
        createdAt: "2022-01-01T00:00:00Z",
        updatedAt: "2026-11-23T09:00:00Z",
      },
    ]),
  },
  ReconcileOrders: {
    orders: page([
      {
        id: "gid://shopify/Order/9300000000000000001",
        name: "#1001",
        customer: { id: CUSTOMER },
        currencyCode: "USD",
        totalPriceSet: money("25.00"),
        subtotalPriceSet: money("25.00"),
        totalRefundedSet: money("0.00"),
        displayFinancialStatus: "PAID",
        displayFulfillmentStatus: "UNFULFILLED",
        cancelledAt: null,
        checkoutToken: null,
        sourceName: "web",
        test: false,
        processedAt: "2026-11-23T08:00:00Z",
        createdAt: "2026-11-23T08:00:00Z",
        updatedAt: "2026-11-23T08:00:00Z",
        lineItems: page([
          {
            id: "gid://shopify/LineItem/9400000000000000001",
            title: "Treats",
            quantity: 2,
            product: { id: PRODUCT },
            variant: null,
            originalUnitPriceSet: money("12.50"),
          },
        ]),
      },
    ]),
  },
  ReconcileProducts: {
    products: page([
      {
        id: PRODUCT,
        title: "Treats",
        handle: "treats",
        status: "ACTIVE",
        vendor: "V",
        productType: "Food",
        tags: [],
        updatedAt: "2026-11-23T07:00:00Z",
      },
    ]),
  },
  ReconcileCollections: {
    collections: page([
      {
        id: COLLECTION,
        title: "Dog Treats",
        handle: "dog-treats",
        sources: [{ id: "gid://shopify/CollectionRuleSource/1" }],
        updatedAt: "2026-11-23T07:00:00Z",
      },
    ]),
  },
  ReconcileCollectionProducts: { collection: { products: page([{ id: PRODUCT }]) } },
  ReconcileCheckouts: { abandonedCheckouts: page([]) },
};
const searches: string[] = [];
const admin: AdminGraphql = async (query, options) => {
  const name = /query (\w+)/.exec(query)?.[1] ?? "";
  if (typeof options?.variables?.query === "string") searches.push(options.variables.query);
  return new Response(JSON.stringify({ data: ANSWERS[name] }), { status: 200, headers: { "Content-Type": "application/json" } });
};

let env: WebhookTestEnv;
beforeAll(async () => {
  env = await openWebhookTestEnv({ adminGraphql: admin });
});
afterAll(async () => env?.close());

describe("reconciliation", () => {
  it("pulls what changed since the watermark, refreshes facts and collection membership", async () => {
    // GIVEN a customer known from a webhook, whose later changes and order were missed
    const shop = uniqueShop();
    await env.post("customers/create", fixtureText("customers-create"), { shop });
    await env.drain(shop);
    await env.t.db.syncRun.create({
      data: { shop, resource: "all", kind: "reconcile", status: "completed", startedAt: new Date("2026-11-23T06:00:00Z") },
    });
    // WHEN reconciliation runs
    const result = await reconcileShop(env.deps, shop);
    // THEN it asked for records updated since the last run (with an overlap)
    expect(result.since.toISOString()).toBe("2026-11-23T05:50:00.000Z");
    expect(searches).toContain("updated_at:>'2026-11-23T05:50:00.000Z'");
    // AND the missed changes are in
    const customer = await env.t.db.customer.findFirstOrThrow({ where: { shop }, include: { facts: true } });
    expect(customer).toMatchObject({ tags: "vip, dogs", emailMarketingState: "SUBSCRIBED", locale: "fr" });
    expect(customer.facts).toMatchObject({ orderCount: 1, amountSpent: 2500n });
    expect(await env.t.db.lineItem.findFirst({ where: { shop }, select: { quantity: true } })).toEqual({ quantity: 2 });
    // AND the smart collection's membership is stored
    expect(await env.t.db.collectionProduct.count({ where: { shop } })).toBe(1);
    expect(result.memberships).toBe(1);
    // AND the run is the next watermark
    expect(await env.t.db.syncRun.count({ where: { shop, kind: "reconcile", status: "completed" } })).toBe(2);
  });
});
