// One test per app-lifecycle topic: bulk_operations/finish, app/uninstalled, app/scopes_update.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueShop } from "../../../tests/factories/store";
import type { AdminGraphql } from "~/shopify/admin-client.server";
import { fixtureText, withFields } from "./test-support/signed-webhooks";
import { openWebhookTestEnv, type WebhookTestEnv } from "./test-support/webhook-env";

const OPERATION = "gid://shopify/BulkOperation/147595010";
const RESULT_URL = "https://storage.example/bulk/147595010.jsonl";

// The Admin API as the bulk_operations/finish applier sees it: the finished operation.
const admin: AdminGraphql = async (_query, options) => {
  const id = options?.variables?.id;
  const bulkOperation = {
    id,
    status: "COMPLETED",
    errorCode: null,
    objectCount: "12",
    rootObjectCount: "12",
    fileSize: "2048",
    url: RESULT_URL,
    partialDataUrl: null,
    createdAt: "2024-01-01T12:30:40Z",
    completedAt: "2024-01-01T12:31:40Z",
  };
  return new Response(JSON.stringify({ data: { bulkOperation } }), { status: 200, headers: { "Content-Type": "application/json" } });
};

let env: WebhookTestEnv;
beforeAll(async () => {
  env = await openWebhookTestEnv({ adminGraphql: admin });
});
afterAll(async () => env?.close());

describe("app topics", () => {
  it("bulk_operations/finish records the finished export on its sync run", async () => {
    // GIVEN an import waiting for its bulk operation
    const shop = uniqueShop();
    await env.t.db.syncRun.create({
      data: { shop, resource: "customers", kind: "bulk", status: "running", bulkOperationGid: OPERATION, startedAt: new Date() },
    });
    // WHEN Shopify says the operation finished
    expect((await env.post("bulk_operations/finish", fixtureText("bulk_operations-finish"), { shop })).status).toBe(200);
    expect(await env.drain(shop)).toEqual({ applied: 1, failed: 0 });
    // THEN the run is ready with the result file, without waiting for the next poll
    expect(await env.t.db.syncRun.findFirst({ where: { shop }, select: { status: true, resultUrl: true, objectCount: true } })).toEqual({
      status: "ready",
      resultUrl: RESULT_URL,
      objectCount: 12,
    });
  });

  it("app/uninstalled pauses sending at once and schedules the data removal", async () => {
    // GIVEN an installed shop with a scheduled campaign and a session
    const shop = uniqueShop();
    const installedAt = new Date(Date.now() - 86_400_000);
    await env.t.db.shop.create({ data: { shop, name: "Super Toys", installedAt } });
    await env.t.db.campaign.create({ data: { shop, name: "Launch", channel: "SMS", body: "Hi", status: "SCHEDULED" } });
    await env.t.db.session.create({ data: { id: `offline_${shop}`, shop, state: "", accessToken: "token" } });
    const triggeredAt = new Date();
    // WHEN the uninstall arrives
    expect(
      (await env.post("app/uninstalled", withFields(fixtureText("app-uninstalled"), { myshopify_domain: shop }), { shop, triggeredAt }))
        .status,
    ).toBe(200);
    // THEN sending is paused before any job runs
    expect(await env.t.db.shop.findUnique({ where: { shop }, select: { sendingPaused: true } })).toEqual({ sendingPaused: true });
    // AND the job records the uninstall, the removal deadline, pauses campaigns, drops the session
    await env.drain(shop);
    const row = await env.t.db.shop.findUniqueOrThrow({ where: { shop } });
    expect(row.uninstalledAt?.getTime()).toBe(triggeredAt.getTime());
    expect(row.dataRemovalDueAt?.getTime()).toBe(triggeredAt.getTime() + 48 * 3600 * 1000);
    expect(await env.t.db.campaign.findFirst({ where: { shop }, select: { status: true } })).toEqual({ status: "PAUSED" });
    expect(await env.t.db.session.count({ where: { shop } })).toBe(0);
  });

  it("a replayed app/uninstalled from before a reinstall does not pause the shop", async () => {
    const shop = uniqueShop();
    await env.t.db.shop.create({ data: { shop, name: "Super Toys", installedAt: new Date() } });
    await env.post("app/uninstalled", withFields(fixtureText("app-uninstalled"), { myshopify_domain: shop }), {
      shop,
      triggeredAt: new Date(Date.now() - 3_600_000),
    });
    await env.drain(shop);
    expect(await env.t.db.shop.findUnique({ where: { shop }, select: { sendingPaused: true, dataRemovalDueAt: true } })).toEqual({
      sendingPaused: false,
      dataRemovalDueAt: null,
    });
  });

  it("app/scopes_update stores the granted scopes on the offline session", async () => {
    const shop = uniqueShop();
    await env.t.db.session.create({ data: { id: `offline_${shop}`, shop, state: "", accessToken: "token", scope: "read_products" } });
    expect((await env.post("app/scopes_update", fixtureText("app-scopes_update"), { shop })).status).toBe(200);
    await env.drain(shop);
    expect(await env.t.db.session.findFirst({ where: { shop }, select: { scope: true } })).toEqual({ scope: "read_products,read_orders" });
  });
});
