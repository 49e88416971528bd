// Both shapes of an abandoned checkout map to the same key (the token).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkoutTokenFromUrl, mapCheckoutNode, mapCheckoutWebhook } from "./checkout";
import { parseShopifyJson } from "./gid";

const webhookBody = readFileSync("tests/fixtures/shopify/webhook-checkouts-create.json", "utf8");

describe("checkout mappers", () => {
  it.each([
    {
      description: "classic recovery URL",
      url: "https://shop.example/548380009/checkouts/123123123/recover?key=abc",
      expected: "123123123",
    },
    {
      description: "hex token",
      url: "https://paws.example/checkouts/50c812662a1f9d65d260c15ccb537a11/recover",
      expected: "50c812662a1f9d65d260c15ccb537a11",
    },
    { description: "an extra path segment", url: "https://shop.example/checkouts/ac/Z2NwLXVz/recover?key=k", expected: "Z2NwLXVz" },
    { description: "not a recovery URL", url: "https://shop.example/cart", expected: null },
  ])("token from $description", ({ url, expected }) => {
    expect(checkoutTokenFromUrl(url)).toBe(expected);
  });

  it("maps Shopify's checkouts/create example, customer id kept to 64 bits", () => {
    // GIVEN the published payload with its numeric customer id made 64-bit exact
    const payload = parseShopifyJson(webhookBody.replace('"id": 603851970716743400', '"id": 603851970716743426')) as Record<
      string,
      unknown
    >;
    const { admin_graphql_api_id: _dropped, ...customer } = payload.customer as Record<string, unknown>;
    // WHEN mapped, with and without admin_graphql_api_id on the customer
    const row = mapCheckoutWebhook(payload);
    const fromNumeric = mapCheckoutWebhook({ ...payload, customer });
    // THEN
    expect(row).toEqual({
      token: "123123123",
      gid: null,
      customerGid: "gid://shopify/Customer/603851970716743426",
      email: "example@email.com",
      phone: null,
      recoveryUrl: "https://checkout.local/548380009/checkouts/123123123/recover?key=example-secret-token",
      currency: "USD",
      totalPrice: 42188,
      shopifyCreatedAt: new Date("2022-01-01T00:00:00Z"),
      shopifyUpdatedAt: new Date("2022-01-01T00:00:00Z"),
      completedAt: null,
    });
    expect(fromNumeric.customerGid).toBe("gid://shopify/Customer/603851970716743426");
  });

  it("maps the GraphQL form to the same token", () => {
    const row = mapCheckoutNode({
      id: "gid://shopify/AbandonedCheckout/31000000000001",
      abandonedCheckoutUrl: "https://checkout.local/548380009/checkouts/123123123/recover?key=example-secret-token",
      customer: {
        id: "gid://shopify/Customer/603851970716743426",
        defaultEmailAddress: { emailAddress: "john@example.com" },
        defaultPhoneNumber: null,
      },
      totalPriceSet: { shopMoney: { amount: "421.88", currencyCode: "USD" } },
      createdAt: "2022-01-01T00:00:00Z",
      updatedAt: "2022-01-01T00:05:00Z",
      completedAt: null,
    });
    expect(row).toMatchObject({
      token: "123123123",
      gid: "gid://shopify/AbandonedCheckout/31000000000001",
      totalPrice: 42188,
      email: "john@example.com",
    });
  });
});
