// The customer page's loader against each database: profile, live segments the customer is in,
// the explanation of a chosen segment, and 404 for a customer of another shop.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCustomer, uniqueShop } from "../../../tests/factories/store";
import { openSandboxApp, type SandboxApp } from "../../../tests/setup/sandbox-app";
import type * as CustomerRoute from "../../routes/app.customers.$customerId";

const SHOP = uniqueShop();
let app: SandboxApp;
let route: typeof CustomerRoute;

beforeAll(async () => {
  app = await openSandboxApp(SHOP);
  route = await import("../../routes/app.customers.$customerId");
});
afterAll(async () => app?.close());

function load(customerId: number | string, search = "") {
  const request = new Request(`http://127.0.0.1:3000/app/customers/${customerId}${search}`);
  return route.loader({ request, params: { customerId: String(customerId) }, context: {} });
}

async function givenCustomer(shop: string, overrides: Record<string, unknown>, orders: number) {
  const customer = await app.t.db.customer.create({ data: buildCustomer(shop, overrides), select: { id: true } });
  await app.t.db.customerFacts.create({
    data: {
      shop,
      customerId: customer.id,
      orderCount: orders,
      amountSpent: 25_000n,
      lastOrderAt: new Date("2026-11-01T10:00:00Z"),
      version: 1n,
    },
  });
  return customer.id;
}

async function givenSegment(shop: string, name: string, query: string, memberIds: number[], deleted = false) {
  const segment = await app.t.db.segment.create({
    data: { shop, name, kind: "DYNAMIC", query, memberCount: memberIds.length, deletedAt: deleted ? new Date() : null },
    select: { id: true },
  });
  for (const customerId of memberIds)
    await app.t.db.segmentMembership.create({ data: { shop, segmentId: segment.id, customerId, enteredAt: new Date() } });
  return segment.id;
}

describe("customer page loader", () => {
  it("shows the customer's facts, their live segments, and explains the first one by default", async () => {
    // GIVEN a customer with 3 orders in "Loyal" and in a deleted segment, and a segment they are not in
    const id = await givenCustomer(
      SHOP,
      {
        firstName: "Ada",
        lastName: "Lovelace",
        email: "ada@example.com",
        tags: "vip, wholesale",
        city: "London",
        countryCode: "GB",
        emailMarketingState: "SUBSCRIBED",
      },
      3,
    );
    const loyal = await givenSegment(SHOP, "Loyal", "number_of_orders > 2", [id]);
    await givenSegment(SHOP, "Gone", "number_of_orders > 0", [id], true);
    const big = await givenSegment(SHOP, "Big spenders", "number_of_orders > 2 AND amount_spent > 1000", []);

    // WHEN the page loads without a chosen segment
    const page = await load(id);

    // THEN the profile reads the customer's row and facts, and only the live segment is listed
    expect(page.customer).toMatchObject({
      name: "Ada Lovelace",
      email: "ada@example.com",
      amountSpent: "$250.00",
      orders: 3,
      lastOrderAt: "2026-11-01T10:00:00.000Z",
      tags: ["vip", "wholesale"],
      location: "London, GB",
      emailConsent: "Subscribed",
      smsConsent: "Not subscribed",
    });
    expect(page.memberOf).toEqual([{ id: loyal, name: "Loyal" }]);
    expect(page.segments.map((s) => s.name)).toEqual(["Big spenders", "Loyal"]);
    expect(page.explanation?.segment.id).toBe(loyal);
    expect(page.explanation?.member).toBe(true);
    expect(page.explanation?.result).toMatchObject({ ok: true, trace: { type: "clause", result: true } });

    // WHEN another segment is chosen THEN each clause has its own outcome
    const chosen = await load(id, `?segment=${big}`);
    expect(chosen.explanation?.member).toBe(false);
    const trace = chosen.explanation?.result.ok ? chosen.explanation.result.trace : null;
    expect(trace?.type === "and" ? trace.children.map((c) => c.result) : trace).toEqual([true, false]);
  });

  it("answers 404 for another shop's customer, a deleted customer and a malformed id", async () => {
    const theirs = await givenCustomer(uniqueShop(), {}, 1);
    const deleted = await givenCustomer(SHOP, { deletedAt: new Date() }, 1);
    for (const id of [theirs, deleted, "abc"]) {
      const thrown = await load(id).then(
        () => null,
        (e: unknown) => e,
      );
      expect(thrown instanceof Response ? thrown.status : thrown).toBe(404);
    }
  });
});
