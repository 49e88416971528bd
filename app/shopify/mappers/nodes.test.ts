// GraphQL nodes / bulk JSONL lines → rows, for the fields whose mapping is not a copy.
import { describe, expect, it } from "vitest";
import { mapCollectionNode } from "./catalog";
import { mapCustomerNode, toMarketingState } from "./customer";
import { mapLineItemNode, mapOrderNode } from "./order";

const customer = {
  id: "gid://shopify/Customer/7100000000001",
  firstName: "Leo",
  lastName: "Lee",
  defaultEmailAddress: {
    emailAddress: "leo@example.com",
    marketingState: "SUBSCRIBED",
    marketingOptInLevel: "CONFIRMED_OPT_IN",
    marketingUpdatedAt: "2026-06-24T21:06:12Z",
  },
  defaultPhoneNumber: {
    phoneNumber: "+12132000001",
    smsMarketingConsent: { state: "NEVER_SUBSCRIBED", optInLevel: null, updatedAt: null },
  },
  defaultAddress: { countryCodeV2: "US", provinceCode: "CA", city: "Los Angeles", zip: "90012", address1: "325 Cedar St", address2: null },
  tags: ["dog-owner", "gift-buyer"],
  locale: "en",
  state: "ENABLED",
  verifiedEmail: true,
  note: null,
  amountSpent: { amount: "797.67", currencyCode: "USD" },
  numberOfOrders: "8",
  createdAt: "2025-09-15T03:02:11Z",
  updatedAt: "2026-07-28T23:35:44Z",
};

describe("node mappers", () => {
  it("maps a customer: consent from the default address and phone, tags joined, UnsignedInt64 as a string", () => {
    expect(mapCustomerNode(customer)).toMatchObject({
      email: "leo@example.com",
      emailMarketingState: "SUBSCRIBED",
      emailMarketingOptIn: "CONFIRMED_OPT_IN",
      emailConsentUpdatedAt: new Date("2026-06-24T21:06:12Z"),
      phone: "+12132000001",
      smsMarketingState: "NOT_SUBSCRIBED",
      smsMarketingOptIn: null,
      tags: "dog-owner, gift-buyer",
      accountState: "ENABLED",
      shopifyAmountSpent: 79767,
      shopifyNumberOfOrders: 8,
      countryCode: "US",
      address2: null,
    });
  });

  it("maps a customer without email, phone or address", () => {
    const bare = {
      ...customer,
      defaultEmailAddress: null,
      defaultPhoneNumber: null,
      defaultAddress: null,
      amountSpent: null,
      numberOfOrders: null,
    };
    expect(mapCustomerNode(bare)).toMatchObject({
      email: null,
      phone: null,
      emailMarketingState: "NOT_SUBSCRIBED",
      countryCode: null,
      shopifyAmountSpent: null,
      shopifyNumberOfOrders: null,
    });
  });

  it.each([
    { value: "NEVER_SUBSCRIBED", expected: "NOT_SUBSCRIBED" },
    { value: "REDACTED", expected: "REDACTED" },
    { value: "INVALID", expected: "INVALID" },
    { value: "SOMETHING_NEW", expected: "NOT_SUBSCRIBED" },
  ])("marketing state $value → $expected", ({ value, expected }) => {
    expect(toMarketingState(value)).toBe(expected);
  });

  it("maps an order's money bags to minor units and its customer to a GID", () => {
    const row = mapOrderNode({
      id: "gid://shopify/Order/1",
      name: "#1001",
      customer: { id: "gid://shopify/Customer/2" },
      currencyCode: "USD",
      totalPriceSet: { shopMoney: { amount: "208.95", currencyCode: "USD" } },
      subtotalPriceSet: null,
      totalRefundedSet: { shopMoney: { amount: "0.1", currencyCode: "USD" } },
      displayFinancialStatus: "PARTIALLY_REFUNDED",
      displayFulfillmentStatus: "FULFILLED",
      cancelledAt: null,
      checkoutToken: "abc",
      sourceName: "web",
      test: false,
      processedAt: "2025-11-04T13:41:16Z",
      createdAt: "2025-11-04T13:41:16Z",
      updatedAt: "2025-11-05T00:00:00Z",
    });
    expect(row).toMatchObject({
      customerGid: "gid://shopify/Customer/2",
      totalPrice: 20895,
      subtotalPrice: 0,
      totalRefunded: 10,
      financialStatus: "PARTIALLY_REFUNDED",
      checkoutToken: "abc",
    });
    // An order with no app or retail location selected (or none recorded) has neither.
    expect(row).toMatchObject({ appGid: null, locationGid: null });
  });

  it("maps the app and retail location a POS order was placed through", () => {
    const row = mapOrderNode({
      id: "gid://shopify/Order/2",
      name: "#1002",
      customer: null,
      currencyCode: "USD",
      totalPriceSet: { shopMoney: { amount: "5.00", currencyCode: "USD" } },
      displayFinancialStatus: "PAID",
      sourceName: "pos",
      app: { id: "gid://shopify/App/129785" },
      retailLocation: { id: "gid://shopify/Location/71000000002" },
      test: false,
      processedAt: "2025-11-04T13:41:16Z",
      createdAt: "2025-11-04T13:41:16Z",
      updatedAt: "2025-11-04T13:41:16Z",
    });
    expect(row).toMatchObject({ sourceName: "pos", appGid: "gid://shopify/App/129785", locationGid: "gid://shopify/Location/71000000002" });
  });

  it("maps a line item line to its parent order", () => {
    const line = {
      id: "gid://shopify/LineItem/9",
      title: "Brush",
      quantity: 2,
      product: null,
      variant: { id: "gid://shopify/ProductVariant/3" },
      originalUnitPriceSet: { shopMoney: { amount: "9.99", currencyCode: "USD" } },
      __parentId: "gid://shopify/Order/1",
    };
    expect(mapLineItemNode(line)).toEqual({
      gid: "gid://shopify/LineItem/9",
      orderGid: "gid://shopify/Order/1",
      productGid: null,
      variantGid: "gid://shopify/ProductVariant/3",
      title: "Brush",
      quantity: 2,
      price: 999,
    });
  });

  it.each([
    { sources: [], kind: "CUSTOM" },
    { sources: [{ id: "gid://shopify/CollectionSource/1" }], kind: "SMART" },
  ])("collection with $sources.length sources is $kind", ({ sources, kind }) => {
    expect(
      mapCollectionNode({ id: "gid://shopify/Collection/1", title: "T", handle: "t", sources, updatedAt: "2026-01-01T00:00:00Z" }).kind,
    ).toBe(kind);
  });

  it("throws with the record's id when a required field is missing", () => {
    expect(() => mapOrderNode({ id: "gid://shopify/Order/7" })).toThrow("Record gid://shopify/Order/7: expected string name");
  });
});
