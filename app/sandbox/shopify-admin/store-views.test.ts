import { describe, expect, it } from "vitest";
import { createGeneratedStoreSource } from "./store-source";
import { StoreViews } from "./store-views";
import { TEST_NOW } from "./test-support";

const options = { seed: 9, customers: 150, now: TEST_NOW, shop: "flock-test.myshopify.com" };
const cached = new StoreViews(createGeneratedStoreSource(options));
const streamed = new StoreViews(createGeneratedStoreSource({ ...options, cacheLimit: 0 }));
const ids = (page: { nodes: object[] }) => page.nodes.map((n) => (n as { id: string }).id);

describe("StoreViews over a streamed store (the 1M-customer benchmark) and a cached one (the demo)", () => {
  it.each([
    { description: "customers by ID", run: (v: StoreViews) => v.customers().page({ first: 40, after: null }) },
    {
      description: "customers updated since, by UPDATED_AT",
      run: (v: StoreViews) => v.customers().page({ first: 250, sortKey: "UPDATED_AT", query: "updated_at:>'2026-09-01T00:00:00Z'" }),
    },
    {
      description: "orders updated since, newest first",
      run: (v: StoreViews) => v.orders().page({ first: 100, sortKey: "UPDATED_AT", reverse: true, query: "updated_at:>=2026-06-01" }),
    },
    {
      description: "checkouts created before",
      run: (v: StoreViews) => v.abandonedCheckouts().page({ last: 20, query: "created_at:<2026-06-01" }),
    },
  ])("answers $description identically", ({ run }) => {
    const a = run(cached);
    expect(a.nodes.length).toBeGreaterThan(0);
    expect(ids(run(streamed))).toEqual(ids(a));
    expect(run(streamed).pageInfo).toEqual(a.pageInfo);
  });

  it("finds records by GID without holding the store", () => {
    const chunk = [...streamed.source.chunks(70, 71)][0];
    const order = chunk?.orders[0];
    const li = order?.lineItems[0];
    expect(streamed.node(chunk?.customer.gid ?? "")).toMatchObject({ id: chunk?.customer.gid });
    expect(streamed.node(order?.gid ?? "")).toMatchObject({ id: order?.gid, name: order?.name });
    expect(streamed.node(li?.gid ?? "")).toMatchObject({ id: li?.gid, quantity: li?.quantity });
    expect(streamed.node("gid://shopify/Customer/7100000099999")).toBeNull();
  });
});
