// Draining the inbox: batches applied once and in order, one drain per shop at a time, and an
// event that can never apply gives up its personal data after its last attempt.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueShop } from "../../../tests/factories/store";
import { tryDrainLease } from "./drain-lease.server";
import { BATCH, drainShopInbox } from "./drain.server";
import { MAX_EVENT_ATTEMPTS } from "./inbox.server";
import { pendingCount } from "./segment-refresh-pending.server";
import { fixtureText, withFields } from "./test-support/signed-webhooks";
import { openWebhookTestEnv, type WebhookTestEnv } from "./test-support/webhook-env";

let env: WebhookTestEnv;
beforeAll(async () => {
  env = await openWebhookTestEnv();
});
afterAll(async () => env?.close());

const customerGid = (n: number) => `gid://shopify/Customer/${7_000_000 + (n % 40)}`;

function customerFor(n: number): string {
  return fixtureText("customers-create").replace('"gid://shopify/Customer/706405506930370084"', `"${customerGid(n)}"`);
}

function orderFor(n: number): string {
  const text = fixtureText("orders-create")
    .replace('"gid://shopify/Customer/115310627314723954"', `"${customerGid(n)}"`)
    .replace('"gid://shopify/Order/820982911946154508"', `"gid://shopify/Order/${8_000_000 + n}"`)
    .replace('"test": true', '"test": false');
  return withFields(text, { cancelled_at: null });
}

describe("drain", () => {
  it("applies more than a batch of events once each, lists their customers, and re-reads nothing", async () => {
    // GIVEN more orders than one batch holds, for 40 customers
    const shop = uniqueShop();
    for (let n = 0; n < 40; n++) expect((await env.post("customers/create", customerFor(n), { shop })).status).toBe(200);
    expect(await env.drain(shop)).toEqual({ applied: 40, failed: 0 });
    await env.t.db.segmentRefreshPending.deleteMany({ where: { shop } });
    const count = BATCH + 60;
    for (let n = 0; n < count; n++) expect((await env.post("orders/create", orderFor(n), { shop })).status).toBe(200);
    // WHEN the inbox is drained twice
    expect(await env.drain(shop)).toEqual({ applied: count, failed: 0 });
    expect(await env.drain(shop)).toEqual({ applied: 0, failed: 0 });
    // THEN every order is stored, every event marked applied, and the customers listed
    expect(await env.t.db.order.count({ where: { shop } })).toBe(count);
    expect(await env.t.db.webhookInbox.count({ where: { shop, processedAt: null } })).toBe(0);
    expect(await pendingCount(env.t.db, shop)).toBe(40);
  });

  it("lets one drain per shop run at a time", async () => {
    // GIVEN another worker holding the shop's lease
    const shop = uniqueShop();
    expect((await env.post("orders/create", orderFor(1), { shop })).status).toBe(200);
    const held = await tryDrainLease(env.t.db, env.deps.dialect, shop);
    expect(held).not.toBeNull();
    // THEN a second drain of that shop stands aside, while other shops drain
    expect(await drainShopInbox(env.deps, shop)).toBeNull();
    expect(await tryDrainLease(env.t.db, env.deps.dialect, shop)).toBeNull();
    // WHEN the lease is released, the next drain applies the event
    await held?.release();
    expect(await drainShopInbox(env.deps, shop)).toEqual({ applied: 1, failed: 0 });
  });

  it("clears the body of an event after its last failed attempt, keeping topic, ids and error", async () => {
    // GIVEN an event whose body can never apply, between two good ones
    const shop = uniqueShop();
    expect((await env.post("orders/create", orderFor(2), { shop })).status).toBe(200);
    expect((await env.post("customers/update", "[1, 2, 3]", { shop })).status).toBe(200);
    expect((await env.post("orders/create", orderFor(3), { shop })).status).toBe(200);
    // WHEN drains retry it until it runs out of attempts
    expect(await env.drain(shop)).toEqual({ applied: 2, failed: 1 });
    for (let i = 1; i < MAX_EVENT_ATTEMPTS; i++) expect(await env.drain(shop)).toEqual({ applied: 0, failed: 1 });
    expect(await env.drain(shop)).toEqual({ applied: 0, failed: 0 });
    // THEN its personal data is gone but the record of what failed stays
    const bad = await env.t.db.webhookInbox.findFirstOrThrow({ where: { shop, topic: "customers/update" } });
    expect(bad).toMatchObject({ payload: "", attempts: MAX_EVENT_ATTEMPTS, processedAt: null });
    expect(bad.eventId).not.toBe("");
    expect(bad.lastError).toMatch(/^Error: Inbox row \d+ \(customers\/update\): body is not a JSON object$/);
  });
});
