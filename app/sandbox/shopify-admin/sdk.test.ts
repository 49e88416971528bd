// The stand-in seen through Shopify's own library, as Flock's sync code will see it.
import "@shopify/shopify-api/adapters/node";
import { ApiVersion, GraphqlQueryError, LogSeverity, Session, shopifyApi } from "@shopify/shopify-api";
import { abstractFetch, setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStandIn, TEST_TOKEN } from "./test-support";

let t: Awaited<ReturnType<typeof startTestStandIn>>;
const realFetch = abstractFetch;
beforeAll(async () => {
  t = await startTestStandIn({ customers: 40 });
  // The library calls https://<shop>/admin/api/…; send those calls to the stand-in instead.
  setAbstractFetchFunc((input, init) => {
    const url = new URL(typeof input === "string" || input instanceof URL ? input.toString() : input.url);
    return realFetch(`${t.standIn.origin}${url.pathname}${url.search}`, init);
  });
});
afterAll(async () => {
  setAbstractFetchFunc(realFetch);
  await t.standIn.close();
});

function client() {
  const shopify = shopifyApi({
    apiKey: "test-api-key",
    apiSecretKey: "test-api-secret",
    scopes: ["read_customers"],
    hostName: "flock.test",
    apiVersion: ApiVersion.October26,
    isEmbeddedApp: true,
    logger: { level: LogSeverity.Error, log: async () => undefined },
  });
  const session = new Session({
    id: "offline_flock-test.myshopify.com",
    shop: "flock-test.myshopify.com",
    state: "",
    isOnline: false,
    accessToken: TEST_TOKEN,
  });
  return new shopify.clients.Graphql({ session });
}

describe("through @shopify/shopify-api", () => {
  it("queries customers with variables and reads extensions.cost", async () => {
    const res = await client().request("query($n: Int!) { customers(first: $n) { nodes { id numberOfOrders } } }", { variables: { n: 3 } });
    expect(res.data).toMatchObject({ customers: { nodes: [{ id: expect.stringMatching(/^gid:\/\/shopify\/Customer\//) }, {}, {}] } });
    expect(res.extensions).toMatchObject({ cost: { requestedQueryCost: 5, actualQueryCost: 5 } });
  });

  it("surfaces a rejected document as a GraphqlQueryError", async () => {
    await expect(client().request("{ customers(first: 1) { nodes { email } } }")).rejects.toBeInstanceOf(GraphqlQueryError);
  });
});
