import { afterEach, describe, expect, it } from "vitest";
import { startTestStandIn, TEST_TOKEN } from "./test-support";

let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

async function start(bucket?: { capacity: number; restorePerSecond: number; clock?: () => number }) {
  const t = await startTestStandIn({ customers: 60, bucket });
  stop = () => t.standIn.close();
  return t;
}

describe("query cost and the leaky bucket", () => {
  it("reports requested and actual cost in extensions.cost", async () => {
    const t = await start();
    // 2 for the connection + 100 × (1 Customer + 1 MoneyV2); only 60 customers exist.
    const body = await t.gql("{ customers(first: 100) { nodes { id amountSpent { amount } } } }");
    expect(body.extensions?.cost).toEqual({
      requestedQueryCost: 202,
      actualQueryCost: 122,
      throttleStatus: { maximumAvailable: 2000, currentlyAvailable: expect.any(Number), restoreRate: 100 },
    });
    expect(body.extensions?.cost?.throttleStatus.currentlyAvailable).toBeGreaterThanOrEqual(2000 - 122);
  });

  it("answers THROTTLED in Shopify's shape when the bucket is short, then restores", async () => {
    // GIVEN a 50-point bucket restoring 200 points a second on a clock the test moves, and a 22-point query
    let now = 0;
    const t = await start({ capacity: 50, restorePerSecond: 200, clock: () => now });
    const query = "{ customers(first: 20) { nodes { id } } }";
    // WHEN it is sent three times at once
    const bodies = [await t.gql(query), await t.gql(query), await t.gql(query)];
    // THEN the third is throttled: no data, actualQueryCost null, code THROTTLED
    expect(bodies[0]?.data.customers.nodes).toHaveLength(20);
    expect(bodies[2]).toEqual({
      errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }],
      extensions: {
        cost: {
          requestedQueryCost: 22,
          actualQueryCost: null,
          throttleStatus: { maximumAvailable: 50, currentlyAvailable: expect.any(Number), restoreRate: 200 },
        },
      },
    });
    expect(bodies[2]?.extensions?.cost?.throttleStatus.currentlyAvailable).toBeLessThan(22);
    // AND once the bucket has had time to refill the query runs again
    now += 200;
    expect((await t.gql(query)).data.customers.nodes).toHaveLength(20);
  });

  it("refuses a single query above 1,000 points with MAX_COST_EXCEEDED", async () => {
    const t = await start();
    const body = await t.gql("{ orders(first: 250) { nodes { id lineItems(first: 10) { nodes { id } } } } }");
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "MAX_COST_EXCEEDED", maxCost: 1000 });
    expect(body.errors?.[0]?.message).toMatch(/^Query cost is \d+, which exceeds the single query max cost limit \(1000\)/);
  });
});

describe("HTTP surface", () => {
  it("answers 401 with Shopify's body without a valid access token", async () => {
    const t = await start();
    for (const headers of [{}, { "X-Shopify-Access-Token": "wrong" }] as Record<string, string>[]) {
      const res = await fetch(t.endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...headers },
        body: JSON.stringify({ query: "{ shop { id } }" }),
      });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
    }
  });

  it("answers 404 for another API version", async () => {
    const t = await start();
    const res = await fetch(`${t.standIn.origin}/admin/api/2025-01/graphql.json`, {
      method: "POST",
      headers: { "X-Shopify-Access-Token": TEST_TOKEN },
      body: "{}",
    });
    expect(res.status).toBe(404);
  });

  it("returns validation errors with locations and no data for an invalid or deprecated document", async () => {
    const t = await start();
    const invalid = await t.gql("{ customers(first: 1) { nodes { id nope } } }");
    expect(invalid.data).toBeUndefined();
    expect(invalid.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/Cannot query field "nope"/),
      locations: [{ line: 1, column: 36 }],
    });
    const deprecated = await t.gql("{ customers(first: 1) { nodes { email } } }");
    expect(deprecated.errors?.[0]?.message).toBe("The field Customer.email is deprecated. Use `defaultEmailAddress.emailAddress` instead.");
  });
});
