// The receive path through the real route action: HMAC verification, topic check, the inbox
// keyed by event id, the coalesced apply job, and the 64-bit ids of the raw body.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueShop } from "../../../tests/factories/store";
import { fixtureText, sign, withFields } from "./test-support/signed-webhooks";
import { openWebhookTestEnv, type WebhookTestEnv } from "./test-support/webhook-env";

let env: WebhookTestEnv;
beforeAll(async () => {
  env = await openWebhookTestEnv();
});
afterAll(async () => env?.close());

const inboxRows = (shop: string) => env.t.db.webhookInbox.findMany({ where: { shop } });

describe("webhook receive path", () => {
  it("stores a validly signed event with its exact raw body and answers 200 without applying it", async () => {
    // GIVEN a signed orders/create with 64-bit ids
    const shop = uniqueShop();
    const body = fixtureText("orders-create");
    // WHEN it is posted
    const response = await env.post("orders/create", body, { shop, eventId: "evt-1" });
    // THEN it is acknowledged and stored byte for byte, and nothing is applied yet
    expect(response.status).toBe(200);
    const rows = await inboxRows(shop);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ topic: "orders/create", eventId: "evt-1", processedAt: null, apiVersion: "2026-10" });
    expect(rows[0]?.payload).toBe(body);
    expect(rows[0]?.payload).toContain("820982911946154508");
    expect(await env.t.db.order.count({ where: { shop } })).toBe(0);
    expect(env.scheduled).toContain(shop);
  });

  it("acknowledges a redelivered event id and ignores it", async () => {
    const shop = uniqueShop();
    const body = fixtureText("customers-create");
    const first = await env.post("customers/create", body, { shop, eventId: "dup-1" });
    const again = await env.post("customers/create", body, { shop, eventId: "dup-1" });
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(await inboxRows(shop)).toHaveLength(1);
  });

  it("stores concurrent events of a burst, each once", async () => {
    const shop = uniqueShop();
    const body = fixtureText("products-create");
    const ids = Array.from({ length: 40 }, (_, i) => `burst-${i % 30}`);
    const responses = await Promise.all(ids.map((eventId) => env.post("products/create", body, { shop, eventId })));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(await inboxRows(shop)).toHaveLength(30);
  });

  it.each([
    ["a forged signature", { hmac: sign("{}", "test-api-secret") }, 401],
    ["a signature made with another secret", { secret: "not-the-app-secret" }, 401],
    ["no signature", { hmac: null }, 400],
  ] as const)("refuses %s and leaves no trace", async (_what, change, status) => {
    // GIVEN an event that Shopify did not sign
    const shop = uniqueShop();
    const before = env.scheduled.length;
    // WHEN it is posted
    const response = await env.post("customers/create", fixtureText("customers-create"), { shop, eventId: randomUUID(), ...change });
    // THEN it is refused and nothing is stored or scheduled
    expect(response.status).toBe(status);
    expect(await inboxRows(shop)).toHaveLength(0);
    expect(await env.t.db.webhookInbox.count({ where: { payload: { contains: shop } } })).toBe(0);
    expect(env.scheduled.length).toBe(before);
  });

  it("refuses an event whose topic is not the route's", async () => {
    const shop = uniqueShop();
    const response = await env.post("orders/create", fixtureText("customers-create"), { shop, headerTopic: "customers/create" });
    expect(response.status).toBe(400);
    expect(await inboxRows(shop)).toHaveLength(0);
  });

  it("applies stored events later, in a job, and marks them applied without keeping the body", async () => {
    const shop = uniqueShop();
    await env.post("customers/create", fixtureText("customers-create"), { shop });
    expect(await env.drain(shop)).toEqual({ applied: 1, failed: 0 });
    const [row] = await inboxRows(shop);
    expect(row?.processedAt).not.toBeNull();
    expect(row?.payload).toBe("");
    // The GID is exact although the body's numeric id does not fit a JS number.
    expect(await env.t.db.customer.findFirst({ where: { shop }, select: { gid: true } })).toEqual({
      gid: "gid://shopify/Customer/706405506930370084",
    });
  });

  it("records a failing event and goes on with the next", async () => {
    const shop = uniqueShop();
    await env.post("orders/create", '{"id": 1}', { shop });
    await env.post("customers/create", fixtureText("customers-create"), { shop });
    expect(await env.drain(shop)).toEqual({ applied: 1, failed: 1 });
    const failed = await env.t.db.webhookInbox.findFirst({ where: { shop, processedAt: null } });
    expect(failed).toMatchObject({ topic: "orders/create", attempts: 1 });
    expect(failed?.lastError).toMatch(/created_at/);
  });

  it("applies events while more keep arriving, without write conflicts", async () => {
    // GIVEN webhooks arriving while the apply job runs (the inbox writer and the appliers use
    // separate connections on SQLite)
    const shop = uniqueShop();
    const body = (i: number) =>
      withFields(fixtureText("customers-update"), { updated_at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() });
    let arriving = true;
    const posting = (async () => {
      for (let wave = 0; wave < 6; wave++)
        await Promise.all(Array.from({ length: 8 }, (_, i) => env.post("customers/update", body(wave * 8 + i), { shop })));
      arriving = false;
    })();
    let failed = 0;
    while (arriving) {
      failed += (await env.drain(shop)).failed;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await posting;
    failed += (await env.drain(shop)).failed;
    // THEN every event was applied on its first attempt, and the newest version won
    expect(failed).toBe(0);
    expect(await env.t.db.webhookInbox.count({ where: { shop, processedAt: null } })).toBe(0);
    expect((await env.t.db.customer.findFirstOrThrow({ where: { shop } })).shopifyUpdatedAt.toISOString()).toBe("2026-01-01T00:47:00.000Z");
  });
});
