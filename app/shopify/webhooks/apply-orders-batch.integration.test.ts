// Order upserts applied a run at a time end where applying them one event at a time ends: newest
// version per order, dropped lines deleted, a line moved between orders, older versions ignored,
// and the customers of an order before and after a change listed for re-evaluation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueShop } from "../../../tests/factories/store";
import { ChangeCollector } from "./drain.server";
import { storeSnapshot } from "./test-support/snapshot";
import { openWebhookTestEnv, type WebhookTestEnv } from "./test-support/webhook-env";
import type { WebhookTopic } from "./topics";

let env: WebhookTestEnv;
beforeAll(async () => {
  env = await openWebhookTestEnv();
});
afterAll(async () => env?.close());

interface Line {
  id: number;
  product: number | null;
  quantity: number;
}

const at = (minute: number) => new Date(Date.UTC(2026, 10, 2, 9, minute)).toISOString();

function customer(id: number, minute: number): string {
  return JSON.stringify({
    id,
    admin_graphql_api_id: `gid://shopify/Customer/${id}`,
    email: `c${id}@example.com`,
    created_at: at(0),
    updated_at: at(minute),
    state: "enabled",
    verified_email: true,
  });
}

function order(
  id: number,
  customerId: number,
  minute: number,
  total: string,
  lines: readonly Line[],
  extra: Record<string, unknown> = {},
): string {
  return JSON.stringify({
    id,
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    name: `#${id}`,
    currency: "USD",
    total_price: total,
    subtotal_price: total,
    created_at: at(1),
    processed_at: at(1),
    updated_at: at(minute),
    cancelled_at: null,
    test: false,
    customer: { id: customerId, admin_graphql_api_id: `gid://shopify/Customer/${customerId}` },
    line_items: lines.map((l) => ({
      id: l.id,
      admin_graphql_api_id: `gid://shopify/LineItem/${l.id}`,
      product_id: l.product,
      quantity: l.quantity,
      price: "10.00",
      title: `Line ${l.id}`,
    })),
    ...extra,
  });
}

/** The events, each triggered at the minute given (the order Shopify sent them in). */
const EVENTS: { topic: WebhookTopic; minute: number; body: string }[] = [
  { topic: "customers/create", minute: 1, body: customer(501, 1) },
  { topic: "customers/create", minute: 1, body: customer(502, 1) },
  // Order 9001: v2 drops line 2; v1 arrives again afterwards and changes nothing.
  {
    topic: "orders/create",
    minute: 2,
    body: order(9001, 501, 2, "30.00", [
      { id: 11, product: 71, quantity: 1 },
      { id: 12, product: 72, quantity: 2 },
    ]),
  },
  { topic: "orders/updated", minute: 4, body: order(9001, 501, 4, "10.00", [{ id: 11, product: 71, quantity: 1 }]) },
  {
    topic: "orders/updated",
    minute: 5,
    body: order(9001, 501, 2, "30.00", [
      { id: 11, product: 71, quantity: 1 },
      { id: 12, product: 72, quantity: 2 },
    ]),
  },
  // Order 9002 moves from customer 501 to 502, and takes line 11 from order 9001.
  { topic: "orders/create", minute: 6, body: order(9002, 501, 6, "50.00", [{ id: 21, product: null, quantity: 5 }]) },
  {
    topic: "orders/cancelled",
    minute: 7,
    body: order(
      9002,
      502,
      7,
      "50.00",
      [
        { id: 21, product: null, quantity: 5 },
        { id: 11, product: 71, quantity: 3 },
      ],
      { cancelled_at: at(7) },
    ),
  },
  // Order 9003 comes before its customer.
  { topic: "orders/create", minute: 8, body: order(9003, 503, 8, "70.00", [{ id: 31, product: 73, quantity: 1 }]) },
  { topic: "customers/create", minute: 9, body: customer(503, 9) },
  { topic: "orders/delete", minute: 10, body: JSON.stringify({ id: 9004 }) },
  { topic: "orders/create", minute: 11, body: order(9004, 502, 11, "90.00", [{ id: 41, product: null, quantity: 1 }]) },
];

async function post(shop: string, e: (typeof EVENTS)[number], i: number): Promise<void> {
  const response = await env.post(e.topic, e.body, { shop, eventId: `${shop}:${i}`, triggeredAt: new Date(at(e.minute)) });
  expect(response.status).toBe(200);
}

describe("order upserts applied a run at a time", () => {
  it("end in the state of applying the events one at a time", async () => {
    // GIVEN one shop whose events are applied one at a time
    const oneByOne = uniqueShop();
    for (const [i, e] of EVENTS.entries()) {
      await post(oneByOne, e, i);
      await env.drain(oneByOne);
    }
    // AND one shop that receives them all before a single drain
    const batched = uniqueShop();
    for (const [i, e] of EVENTS.entries()) await post(batched, e, i);
    const changes = new ChangeCollector();
    // WHEN that shop is drained
    expect(await env.drainInto(batched, changes)).toEqual({ applied: EVENTS.length, failed: 0 });
    // THEN both shops hold the same orders, lines and facts
    const expected = await storeSnapshot(env.t.db, oneByOne);
    expect(await storeSnapshot(env.t.db, batched)).toEqual(expected);
    // AND that state is the newest version of each order
    const byGid = new Map(expected.orders.map((o) => [o.gid, o]));
    expect(byGid.get("gid://shopify/Order/9001")).toMatchObject({ total: "1000", customer: "gid://shopify/Customer/501", lines: [] });
    expect(byGid.get("gid://shopify/Order/9002")?.lines.map((l) => [l.gid, l.quantity])).toEqual([
      ["gid://shopify/LineItem/11", 3],
      ["gid://shopify/LineItem/21", 5],
    ]);
    expect(byGid.get("gid://shopify/Order/9002")).toMatchObject({ customer: "gid://shopify/Customer/502", cancelledAt: at(7) });
    expect(byGid.get("gid://shopify/Order/9003")).toMatchObject({ customer: "gid://shopify/Customer/503" });
    expect(byGid.get("gid://shopify/Order/9004")?.deletedAt).not.toBeNull();
    expect(expected.facts.customers.find((f) => f.customer === "gid://shopify/Customer/501")).toMatchObject({
      orderCount: 1,
      amountSpent: "1000",
    });
    expect(expected.facts.customers.find((f) => f.customer === "gid://shopify/Customer/502")).toMatchObject({
      orderCount: 1,
      amountSpent: "0",
    });
    // AND every customer an order was stored for, before or after, is listed for re-evaluation
    const ids = await env.t.db.customer.findMany({ where: { shop: batched }, select: { id: true } });
    expect([...changes.customers].sort()).toEqual(ids.map((c) => c.id).sort());
  });
});
