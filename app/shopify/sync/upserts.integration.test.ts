// Monotonic upserts and the checkout key rule, on both databases.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forShop } from "~/db/shop-scope.server";
import { mapCheckoutNode, mapCheckoutWebhook } from "~/shopify/mappers/checkout";
import { mapCustomerNode } from "~/shopify/mappers/customer";
import { parseShopifyJson } from "~/shopify/mappers/gid";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { prismaRunner, type SqlRunner } from "../../db/sql-runner.server";
import { upsertCheckout, upsertCustomer } from "./upserts";

let testDb: TestDb;
let runner: SqlRunner;
beforeAll(async () => {
  testDb = await createTestDb();
  runner = await prismaRunner(testDb.db);
});
afterAll(async () => testDb.drop());

const newShop = () => `upsert-${randomUUID().slice(0, 8)}.myshopify.com`;
const customerLine = JSON.parse(readFileSync("tests/fixtures/shopify/bulk/customers.jsonl", "utf8").split("\n")[0] ?? "{}") as Record<
  string,
  unknown
>;
const webhookPayload = parseShopifyJson(readFileSync("tests/fixtures/shopify/webhook-checkouts-create.json", "utf8")) as Record<
  string,
  unknown
>;

describe("monotonic upserts", () => {
  it("applies a customer only when its updatedAt is newer than the stored one", async () => {
    // GIVEN a stored customer
    const shop = newShop();
    const db = forShop(testDb.db, shop);
    await runner.run(upsertCustomer(runner.dialect, shop, mapCustomerNode(customerLine)));
    // WHEN an older and then a newer version arrive
    await runner.run(
      upsertCustomer(runner.dialect, shop, mapCustomerNode({ ...customerLine, firstName: "Older", updatedAt: "2026-01-01T00:00:00Z" })),
    );
    const afterOlder = await db.customer.findFirstOrThrow({});
    await runner.run(
      upsertCustomer(runner.dialect, shop, mapCustomerNode({ ...customerLine, firstName: "Newer", updatedAt: "2026-09-01T00:00:00Z" })),
    );
    // THEN only the newer one changed the row, and there is still one row
    expect(afterOlder.firstName).toBe("Kai");
    expect(await db.customer.findMany({})).toEqual([
      expect.objectContaining({ firstName: "Newer", shopifyUpdatedAt: new Date("2026-09-01T00:00:00Z") }),
    ]);
  });
});

describe("abandoned checkout key", () => {
  const graphqlNode = {
    id: "gid://shopify/AbandonedCheckout/31000000000001",
    abandonedCheckoutUrl: "https://checkout.local/548380009/checkouts/123123123/recover?key=example-secret-token",
    customer: {
      id: "gid://shopify/Customer/603851970716743426",
      defaultEmailAddress: { emailAddress: "john@example.com" },
      defaultPhoneNumber: null,
    },
    totalPriceSet: { shopMoney: { amount: "421.88", currencyCode: "USD" } },
    // Newer than the webhook's updated_at (2022-01-01T00:00:00Z): its values win in either order.
    createdAt: "2022-01-01T00:00:00Z",
    updatedAt: "2022-01-01T00:05:00Z",
    completedAt: null,
  };

  it.each([
    { description: "webhook first, then the bulk export", order: ["webhook", "graphql"] },
    { description: "bulk export first, then the webhook", order: ["graphql", "webhook"] },
  ])("meets on one row: $description", async ({ order }) => {
    // GIVEN one checkout seen through both forms
    const shop = newShop();
    const rows = { webhook: mapCheckoutWebhook(webhookPayload), graphql: mapCheckoutNode(graphqlNode) };
    // WHEN both are applied
    for (const form of order) await runner.run(upsertCheckout(runner.dialect, shop, rows[form as "webhook" | "graphql"]));
    // THEN there is one row under the token, with the GraphQL id kept and the newer values
    const stored = await forShop(testDb.db, shop).abandonedCheckout.findMany({});
    expect(stored).toEqual([
      expect.objectContaining({
        token: "123123123",
        gid: graphqlNode.id,
        totalPrice: 42188n,
        email: "john@example.com",
        customerGid: "gid://shopify/Customer/603851970716743426",
        recoveryUrl: graphqlNode.abandonedCheckoutUrl,
        shopifyUpdatedAt: new Date("2022-01-01T00:05:00Z"),
      }),
    ]);
  });
});
