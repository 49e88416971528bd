// A customer made by customerCreate is a customer of the store like any other: the stand-in sends
// the signed customers/create webhook Shopify would, and bulk exports of customers list it
// (Flock's import and reconciliation see what its own sign-ups created).
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CUSTOMER_CREATE } from "~/optin/graphql";
import { mapCustomerPayload } from "~/shopify/webhooks/payload-mappers";
import { startTestStandIn, TEST_NOW, TEST_WEBHOOK_SECRET } from "./test-support";

let t: Awaited<ReturnType<typeof startTestStandIn>>;
beforeAll(async () => {
  t = await startTestStandIn({ customers: 30 });
});
afterAll(async () => t.standIn.close());
beforeEach(() => {
  t.webhooks.length = 0;
});

async function create(input: Record<string, unknown>): Promise<string> {
  const body = await t.gql(CUSTOMER_CREATE, { input });
  expect(body.errors).toBeUndefined();
  expect(body.data.customerCreate.userErrors).toEqual([]);
  return body.data.customerCreate.customer.id as string;
}

async function bulkExport(query: string): Promise<{ id: string; defaultEmailAddress?: { emailAddress: string } }[]> {
  const run = await t.gql("mutation($q: String!) { bulkOperationRunQuery(query: $q) { bulkOperation { id } userErrors { message } } }", {
    q: query,
  });
  expect(run.data.bulkOperationRunQuery.userErrors).toEqual([]);
  const id = run.data.bulkOperationRunQuery.bulkOperation.id as string;
  for (let i = 0; i < 400; i++) {
    const op = (await t.gql("query($id: ID!) { bulkOperation(id: $id) { status url } }", { id })).data.bulkOperation;
    if (op.status === "COMPLETED")
      return op.url
        ? (await (await fetch(op.url)).text())
            .trimEnd()
            .split("\n")
            .map((l) => JSON.parse(l))
        : [];
    if (op.status === "FAILED" || op.status === "CANCELED") throw new Error(`bulk operation ${id} ended ${op.status}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`bulk operation ${id} did not finish`);
}

describe("customerCreate on the stand-in", () => {
  it("sends a signed customers/create webhook that the app's mapper reads as the new customer", async () => {
    const gid = await create({ email: "New.Shopper@example.org", phone: "+1 312 555 0161", locale: "en", tags: ["flock-signup"] });
    // No webhook for a refused create.
    expect((await t.gql(CUSTOMER_CREATE, { input: { email: "new.shopper@example.org" } })).data.customerCreate.userErrors).not.toEqual([]);
    await t.standIn.consentWebhooks.idle();
    expect(t.webhooks).toHaveLength(1);
    const request = t.webhooks[0]!;
    const raw = await request.clone().text();
    expect(request.url).toBe("https://flock.test/webhooks/customers/create");
    expect(request.headers.get("x-shopify-topic")).toBe("customers/create");
    expect(request.headers.get("x-shopify-shop-domain")).toBe("flock-test.myshopify.com");
    expect(request.headers.get("x-shopify-hmac-sha256")).toBe(createHmac("sha256", TEST_WEBHOOK_SECRET).update(raw).digest("base64"));
    expect(mapCustomerPayload(JSON.parse(raw), TEST_NOW)).toMatchObject({
      gid,
      email: "new.shopper@example.org",
      phone: "+13125550161",
      shopifyCreatedAt: TEST_NOW,
      shopifyUpdatedAt: TEST_NOW,
    });
    // As since 2025-01: no consent in customer payloads (it comes through the consent topics).
    expect(JSON.parse(raw)).not.toHaveProperty("email_marketing_consent");
  });

  it("lists the created customer in bulk exports of customers, after the generated ones", async () => {
    const gid = await create({ email: "bulk.shopper@example.org" });
    const lines = await bulkExport("{ customers { edges { node { id defaultEmailAddress { emailAddress } } } } }");
    const generated = [...t.source.chunks()].map((c) => c.customer.gid);
    expect(generated).toHaveLength(30);
    expect(lines.slice(0, 30).map((l) => l.id)).toEqual(generated);
    expect(lines.filter((l) => l.id === gid)).toEqual([{ id: gid, defaultEmailAddress: { emailAddress: "bulk.shopper@example.org" } }]);
    // And through a search, as reconciliation pulls it.
    const found = await bulkExport(`{ customers(query: "email:bulk.shopper@example.org") { edges { node { id } } } }`);
    expect(found).toEqual([{ id: gid }]);
  });
});
