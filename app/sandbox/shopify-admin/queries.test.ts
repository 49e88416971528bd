import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeCustomerFacts } from "~/facts/customer-facts";
import { decimal } from "./format";
import { startTestStandIn } from "./test-support";

let t: Awaited<ReturnType<typeof startTestStandIn>>;
beforeAll(async () => {
  t = await startTestStandIn({ customers: 120 });
});
afterAll(async () => {
  await t.standIn.close();
});

describe("pagination", () => {
  it("walks every customer forward with first/after, in ID order, with pageInfo", async () => {
    const ids: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const body = await t.gql(
        "query($after: String) { customers(first: 50, after: $after) { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }",
        { after },
      );
      const conn = body.data.customers;
      expect(conn.pageInfo.hasPreviousPage).toBe(pages > 0);
      expect(conn.pageInfo.startCursor).toBe(conn.edges[0].cursor);
      ids.push(...conn.edges.map((e: { node: { id: string } }) => e.node.id));
      pages += 1;
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(ids).toEqual([...t.source.chunks()].map((c) => c.customer.gid));
  });

  it("pages backward with last/before", async () => {
    const all = [...t.source.chunks()].map((c) => c.customer.gid);
    const tail = await t.gql("{ customers(last: 30) { nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor } } }");
    expect(tail.data.customers.nodes.map((n: { id: string }) => n.id)).toEqual(all.slice(-30));
    expect(tail.data.customers.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const before = await t.gql("query($b: String) { customers(last: 30, before: $b) { nodes { id } pageInfo { hasNextPage } } }", {
      b: tail.data.customers.pageInfo.startCursor,
    });
    expect(before.data.customers.nodes.map((n: { id: string }) => n.id)).toEqual(all.slice(-60, -30));
    expect(before.data.customers.pageInfo.hasNextPage).toBe(true);
  });

  it.each([
    { description: "more than 250", query: "{ customers(first: 251) { nodes { id } } }", message: /between 0 and 250/ },
    { description: "neither first nor last", query: "{ customers { nodes { id } } }", message: /you must provide one of first or last/ },
    {
      description: "a nested connection without first",
      query: "{ orders(first: 1) { nodes { lineItems { nodes { id } } } } }",
      message: /you must provide one of first or last/,
    },
  ])("rejects $description", async ({ query, message }) => {
    const body = await t.gql(query);
    expect(body.errors?.[0]?.message).toMatch(message);
  });
});

describe("sorting and search", () => {
  it("orders default to PROCESSED_AT; reverse flips the order", async () => {
    const asc = await t.gql("{ orders(first: 40) { nodes { processedAt } } }");
    const desc = await t.gql("{ orders(first: 40, sortKey: UPDATED_AT, reverse: true) { nodes { updatedAt } } }");
    const a = asc.data.orders.nodes.map((n: { processedAt: string }) => n.processedAt);
    const d = desc.data.orders.nodes.map((n: { updatedAt: string }) => n.updatedAt);
    expect(a).toEqual([...a].sort());
    expect(d).toEqual([...d].sort().reverse());
    const newest = [...t.source.chunks()]
      .flatMap((c) => c.orders)
      .reduce((m, o) => Math.max(m, Math.floor(o.updatedAt.getTime() / 1000) * 1000), 0);
    expect(Date.parse(d[0])).toBe(newest);
  });

  it("filters with updated_at:>'…' exactly like the store", async () => {
    const since = "2026-10-01T00:00:00Z";
    const body = await t.gql(`{ customers(first: 250, query: "updated_at:>'${since}'") { nodes { id updatedAt } } }`);
    const expected = [...t.source.chunks()]
      .filter((c) => Math.floor(c.customer.updatedAt.getTime() / 1000) * 1000 > Date.parse(since))
      .map((c) => c.customer.gid);
    expect(expected.length).toBeGreaterThan(0);
    expect(body.data.customers.nodes.map((n: { id: string }) => n.id)).toEqual(expected);
    expect(body.extensions?.search).toBeUndefined();
  });

  it("counts with customersCount / ordersCount, capped by limit", async () => {
    const orders = [...t.source.chunks()].reduce((n, c) => n + c.orders.length, 0);
    const body = await t.gql(
      '{ customersCount { count precision } ordersCount(limit: null) { count precision } capped: ordersCount(limit: 5) { count precision } enabled: customersCount(query: "state:ENABLED") { count } }',
    );
    expect(body.data).toEqual({
      customersCount: { count: 120, precision: "EXACT" },
      ordersCount: { count: orders, precision: "EXACT" },
      capped: { count: 5, precision: "AT_LEAST" },
      enabled: { count: [...t.source.chunks()].filter((c) => c.customer.accountState === "ENABLED").length },
    });
  });

  it("warns about an unknown search field in extensions.search and ignores it", async () => {
    const body = await t.gql('{ customers(first: 5, query: "favourite_colour:blue") { nodes { id } } }');
    expect(body.data.customers.nodes).toHaveLength(5);
    expect(body.extensions?.search).toEqual([
      {
        path: ["customers"],
        query: "favourite_colour:blue",
        warnings: [{ field: "favourite_colour", message: "Invalid search field for this query." }],
      },
    ]);
  });
});

describe("fields", () => {
  it("resolves customers from the store, with facts as Flock computes them", async () => {
    const body = await t.gql(`{ shop { name myshopifyDomain currencyCode ianaTimezone }
      customers(first: 120) { nodes { id firstName amountSpent { amount currencyCode } numberOfOrders state createdAt
        defaultEmailAddress { emailAddress marketingState } defaultPhoneNumber { phoneNumber smsMarketingConsent { state } }
        defaultAddress { countryCodeV2 country } } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.shop).toEqual({
      name: "Paws & Whiskers",
      myshopifyDomain: "flock-test.myshopify.com",
      currencyCode: "USD",
      ianaTimezone: "America/New_York",
    });
    for (const [i, chunk] of [...t.source.chunks()].entries()) {
      const node = body.data.customers.nodes[i];
      const facts = computeCustomerFacts(chunk.orders);
      expect(node).toMatchObject({
        id: chunk.customer.gid,
        firstName: chunk.customer.firstName,
        numberOfOrders: String(facts.orderCount),
        amountSpent: { amount: decimal(facts.amountSpent), currencyCode: "USD" },
      });
      expect(node.defaultEmailAddress?.emailAddress ?? null).toBe(chunk.customer.email);
      expect(node.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
  });

  it("resolves products, collections and abandoned checkouts from the store", async () => {
    // Three requests: together they would exceed the 1,000-point single query limit.
    const [p, c, k] = await Promise.all([
      t.gql(
        "{ products(first: 100, sortKey: TITLE) { nodes { id title handle status vendor productType tags updatedAt collections(first: 5) { nodes { id } } } } }",
      ),
      t.gql(
        "{ collections(first: 10) { nodes { id title handle updatedAt sources { __typename id } products(first: 50) { nodes { id } } } } }",
      ),
      t.gql(
        "{ abandonedCheckouts(first: 100) { nodes { id abandonedCheckoutUrl createdAt completedAt customer { id } totalPriceSet { shopMoney { amount currencyCode } } } } }",
      ),
    ]);
    expect([p.errors, c.errors, k.errors]).toEqual([undefined, undefined, undefined]);
    const body = { data: { ...p.data, ...c.data, ...k.data } };
    const { products, collections } = t.source.catalog;
    const titles = body.data.products.nodes.map((p: { title: string }) => p.title.toLowerCase());
    expect(titles).toEqual([...titles].sort());
    expect(body.data.products.nodes).toHaveLength(products.length);
    const first = products[0];
    expect(body.data.products.nodes).toContainEqual(
      expect.objectContaining({ id: first?.gid, status: "ACTIVE", collections: { nodes: first?.collectionGids.map((id) => ({ id })) } }),
    );
    for (const [i, col] of collections.entries()) {
      expect(body.data.collections.nodes[i].sources).toEqual(
        col.kind === "SMART" ? [{ __typename: "CollectionConditionsSource", id: expect.any(String) }] : [],
      );
    }
    const best = collections[collections.length - 1];
    const bestNode = body.data.collections.nodes.find((c: { id: string }) => c.id === best?.gid);
    expect(bestNode.products.nodes.map((p: { id: string }) => p.id)).toEqual(
      products.filter((p) => p.collectionGids.includes(best?.gid ?? "")).map((p) => p.gid),
    );
    const checkouts = [...t.source.chunks()].flatMap((c) => c.checkouts);
    expect(body.data.abandonedCheckouts.nodes).toHaveLength(checkouts.length);
    for (const [i, k] of checkouts.entries()) {
      expect(body.data.abandonedCheckouts.nodes[i]).toMatchObject({
        id: k.gid,
        customer: { id: k.customerGid },
        totalPriceSet: { shopMoney: { amount: decimal(k.totalPrice) } },
      });
      expect(body.data.abandonedCheckouts.nodes[i].abandonedCheckoutUrl).toContain(`/checkouts/${k.token}/recover`);
    }
  });

  it("looks records up with node and nodes, and exposes the checkout token", async () => {
    const chunk = [...t.source.chunks()].find((c) => c.checkouts.some((k) => k.completedAt) && c.orders.length > 0);
    const checkout = chunk?.checkouts.find((k) => k.completedAt);
    const order = chunk?.orders.find((o) => o.checkoutToken === checkout?.token);
    expect(order).toBeDefined();
    const body = await t.gql(
      `query($ids: [ID!]!, $order: ID!) {
      nodes(ids: $ids) { __typename id }
      node(id: $order) { ... on Order { checkoutToken customer { id } lineItems(first: 10) { nodes { id product { id } } } } } }`,
      { ids: [chunk?.customer.gid, checkout?.gid, "gid://shopify/Customer/1"], order: order?.gid },
    );
    expect(body.data.nodes).toEqual([
      { __typename: "Customer", id: chunk?.customer.gid },
      { __typename: "AbandonedCheckout", id: checkout?.gid },
      null,
    ]);
    expect(body.data.node).toMatchObject({ checkoutToken: checkout?.token, customer: { id: chunk?.customer.gid } });
    expect(body.data.node.lineItems.nodes).toHaveLength(order?.lineItems.length ?? -1);
  });

  it("fails loudly on a non-null field it does not implement, and answers null for a nullable one", async () => {
    // GIVEN fields the stand-in has no data for: Customer.lifetimeDuration (String!), Shop.description (String)
    const body = await t.gql("{ customers(first: 1) { nodes { id lifetimeDuration } } }");
    const nullable = await t.gql("{ shop { id description } }");
    // THEN the non-null one is an error naming it (the null propagates up, per GraphQL), the nullable one is null
    expect(body.errors?.map((e) => e.message)).toEqual(["Admin stand-in does not implement non-null field Customer.lifetimeDuration"]);
    expect(body.errors?.[0]?.path).toEqual(["customers", "nodes", 0, "lifetimeDuration"]);
    expect(body.data).toBeNull();
    expect(nullable).toMatchObject({ data: { shop: { description: null } } });
    expect(nullable.errors).toBeUndefined();
  });
});
