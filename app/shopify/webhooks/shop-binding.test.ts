import { describe, expect, it } from "vitest";
import { checkShopBinding, isStaleDelivery, STALE_AFTER_MS, stripNul } from "./shop-binding";
import type { WebhookTopic } from "./topics";

const SHOP = "super-toys.myshopify.com";

describe("checkShopBinding", () => {
  it.each([
    { description: "an order names no shop", topic: "orders/create", body: '{"id":1,"email":"a@b.c"}', ok: true },
    { description: "shop/redact naming the header shop", topic: "shop/redact", body: `{"shop_id":1,"shop_domain":"${SHOP}"}`, ok: true },
    {
      description: "shop/redact naming another shop",
      topic: "shop/redact",
      body: '{"shop_id":1,"shop_domain":"evil.myshopify.com"}',
      ok: false,
    },
    { description: "case does not matter", topic: "customers/redact", body: `{"shop_domain":"${SHOP.toUpperCase()}"}`, ok: true },
    {
      description: "app/uninstalled with its own myshopify_domain",
      topic: "app/uninstalled",
      body: `{"domain":"shop.example.com","myshopify_domain":"${SHOP}"}`,
      ok: true,
    },
    {
      description: "app/uninstalled with another myshopify_domain",
      topic: "app/uninstalled",
      body: '{"myshopify_domain":"evil.myshopify.com"}',
      ok: false,
    },
    { description: "app/uninstalled naming no shop", topic: "app/uninstalled", body: '{"domain":null,"myshopify_domain":null}', ok: false },
    {
      description: "app/uninstalled whose domain is its myshopify domain",
      topic: "app/uninstalled",
      body: `{"domain":"${SHOP}"}`,
      ok: true,
    },
    {
      description: "shop/update with a custom primary domain",
      topic: "shop/update",
      body: `{"domain":"shop.example.com","myshopify_domain":"${SHOP}"}`,
      ok: true,
    },
    {
      description: "shop/update whose domain is another myshopify domain",
      topic: "shop/update",
      body: '{"domain":"evil.myshopify.com"}',
      ok: false,
    },
    {
      description: "a nested domain does not bind",
      topic: "orders/create",
      body: '{"customer":{"shop_domain":"evil.myshopify.com"}}',
      ok: true,
    },
    { description: "a body that is not JSON", topic: "orders/create", body: '"shop_domain": nope', ok: true },
  ] satisfies { description: string; topic: WebhookTopic; body: string; ok: boolean }[])("$description", ({ topic, body, ok }) => {
    expect(checkShopBinding(topic, SHOP, body).ok).toBe(ok);
  });
});

describe("isStaleDelivery", () => {
  const now = new Date("2026-11-23T12:00:00.000Z");
  it.each([
    { description: "no trigger time", triggeredAt: null, stale: false },
    { description: "just triggered", triggeredAt: now, stale: false },
    { description: "at the window's edge", triggeredAt: new Date(now.getTime() - STALE_AFTER_MS), stale: false },
    { description: "past the window", triggeredAt: new Date(now.getTime() - STALE_AFTER_MS - 1), stale: true },
    { description: "a day old", triggeredAt: new Date(now.getTime() - 86_400_000), stale: true },
  ])("$description", ({ triggeredAt, stale }) => {
    expect(isStaleDelivery(triggeredAt, now)).toBe(stale);
  });

  it("covers Shopify's 4-hour retry window", () => {
    expect(STALE_AFTER_MS).toBeGreaterThanOrEqual(4 * 3_600_000);
    expect(STALE_AFTER_MS).toBeLessThan(5 * 3_600_000);
  });
});

describe("stripNul", () => {
  it.each([
    { description: "no NUL", input: '{"a":"b"}', expected: '{"a":"b"}' },
    { description: "a raw NUL", input: '{"a":"b\u0000c"}', expected: '{"a":"bc"}' },
    { description: "an escaped NUL", input: '{"a":"b\\u0000c"}', expected: '{"a":"bc"}' },
    { description: "two escaped NULs in a row", input: '{"a":"\\u0000\\u0000"}', expected: '{"a":""}' },
    { description: "an escaped backslash before u0000", input: '{"a":"\\\\u0000"}', expected: '{"a":"\\\\u0000"}' },
    { description: "two escaped backslashes, then an escaped NUL", input: '{"a":"\\\\\\\\\\u0000x"}', expected: '{"a":"\\\\\\\\x"}' },
  ])("$description", ({ input, expected }) => {
    const out = stripNul(input);
    expect(out).toBe(expected);
    expect((JSON.parse(out) as { a: string }).a).not.toContain("\u0000");
  });
});
