// Segment memberships follow the store: an applied orders/create moves the buyer into a
// "has ordered" segment with an ENTERED event, and orders/delete moves them out again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueShop } from "../../../tests/factories/store";
import { FactsIndexCache } from "~/segments/facts-index/facts-index.server";
import { saveSegment, type SegmentDeps } from "~/segments/segment-service.server";
import { ChangeCollector } from "./drain.server";
import { refreshSegmentsAfterSync } from "./segment-refresh.server";
import { fixtureText, withFields } from "./test-support/signed-webhooks";
import { openWebhookTestEnv, type WebhookTestEnv } from "./test-support/webhook-env";
import type { WebhookTopic } from "./topics";

let env: WebhookTestEnv;
let segments: SegmentDeps;
beforeAll(async () => {
  env = await openWebhookTestEnv();
  segments = { db: env.t.db, index: new FactsIndexCache(env.t.db, { url: env.t.url }) };
});
afterAll(async () => env?.close());

const CUSTOMER = "gid://shopify/Customer/706405506930370084";
const NOW = new Date("2026-11-23T12:00:00Z");

async function deliverAndRefresh(shop: string, topic: WebhookTopic, body: string): Promise<void> {
  expect((await env.post(topic, body, { shop })).status).toBe(200);
  const changes = new ChangeCollector();
  expect(await env.drainInto(shop, changes)).toEqual({ applied: 1, failed: 0 });
  await refreshSegmentsAfterSync(segments, shop, changes, NOW);
}

function orderBody(): string {
  const text = fixtureText("orders-create")
    .replace('"gid://shopify/Customer/115310627314723954"', `"${CUSTOMER}"`)
    .replace('"test": true', '"test": false');
  return withFields(text, { cancelled_at: null });
}

describe("segment memberships after webhooks", () => {
  it("enters the buyer on orders/create and exits them on orders/delete, with events", async () => {
    // GIVEN a customer without orders and a saved segment of buyers
    const shop = uniqueShop();
    await deliverAndRefresh(shop, "customers/create", fixtureText("customers-create"));
    const saved = await saveSegment(segments, shop, { name: "Buyers", query: "number_of_orders >= 1" }, NOW);
    if (!saved.ok) throw new Error(saved.message);
    const customer = await env.t.db.customer.findUniqueOrThrow({ where: { shop_gid: { shop, gid: CUSTOMER } } });
    expect(await env.t.db.segmentMembership.count({ where: { segmentId: saved.segment.id } })).toBe(0);

    // WHEN their first order arrives
    await deliverAndRefresh(shop, "orders/create", orderBody());
    // THEN they are a member, and the change is recorded
    expect(await env.t.db.segmentMembership.findMany({ where: { segmentId: saved.segment.id }, select: { customerId: true } })).toEqual([
      { customerId: customer.id },
    ]);
    expect(
      await env.t.db.segmentMembershipEvent.findMany({
        where: { segmentId: saved.segment.id },
        select: { customerId: true, change: true },
      }),
    ).toEqual([{ customerId: customer.id, change: "ENTERED" }]);

    // WHEN the order is deleted
    await deliverAndRefresh(shop, "orders/delete", fixtureText("orders-delete"));
    // THEN they leave the segment again
    expect(await env.t.db.segmentMembership.count({ where: { segmentId: saved.segment.id } })).toBe(0);
    const changes = await env.t.db.segmentMembershipEvent.findMany({
      where: { segmentId: saved.segment.id },
      orderBy: { id: "asc" },
      select: { change: true },
    });
    expect(changes.map((c) => c.change)).toEqual(["ENTERED", "EXITED"]);
  });
});
