// verify.ts replaces authenticate.webhook on the receive path; this holds both to the same
// answer for the same request: valid deliveries (both header styles, any header case),
// forged, unsigned, empty, non-POST and header-less requests. One answer differs on purpose:
// a signed request whose shop domain header is not one makes the library throw (a logged
// 500); verify.ts answers 400.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env as appEnv } from "~/env.server";
import { openWebhookTestEnv, type WebhookTestEnv } from "./test-support/webhook-env";
import { caseRequest, webhookCases, type WebhookCase } from "./test-support/webhook-vectors";
import { verifyWebhook } from "./verify";

let env: WebhookTestEnv;
beforeAll(async () => {
  env = await openWebhookTestEnv();
});
afterAll(async () => env?.close());

async function viaLibrary(c: WebhookCase): Promise<Record<string, unknown>> {
  const { authenticate } = await import("~/shopify.server");
  try {
    const w = await authenticate.webhook(caseRequest(c));
    return {
      ok: true,
      topic: w.topic,
      shop: w.shop,
      apiVersion: w.apiVersion,
      webhookId: w.webhookId,
      eventId: "eventId" in w ? w.eventId : undefined,
      triggeredAt: w.triggeredAt,
    };
  } catch (thrown) {
    if (thrown instanceof Response) return { ok: false, status: thrown.status };
    return { ok: false, status: 500 };
  }
}

async function viaVerify(c: WebhookCase): Promise<Record<string, unknown>> {
  const r = await verifyWebhook(caseRequest(c), appEnv().SHOPIFY_API_SECRET);
  if (!r.ok) return { ok: false, status: r.status };
  const w = r.webhook;
  // The body as fetch's text() decodes it (a leading byte-order mark dropped), as the library signs it.
  expect(w.rawBody).toBe(c.body.replace(/^\uFEFF/, ""));
  return {
    ok: true,
    topic: w.topic,
    shop: w.shop,
    apiVersion: w.apiVersion,
    webhookId: w.webhookId,
    eventId: w.eventId,
    triggeredAt: w.triggeredAt,
  };
}

describe("verifyWebhook agrees with authenticate.webhook", () => {
  it("gives the same answer for every test vector", async () => {
    const all = webhookCases(appEnv().SHOPIFY_API_SECRET);
    expect(all.length).toBeGreaterThan(20);
    const statuses = new Set<unknown>();
    let badShops = 0;
    for (const c of all) {
      const [lib, ours] = [await viaLibrary(c), await viaVerify(c)];
      // The library's 500 (it throws on a shop domain that is not one) is our 400.
      const expected = lib.status === 500 ? { ok: false, status: 400 } : lib;
      if (lib.status === 500) badShops += 1;
      expect({ case: c.name, ...ours }).toEqual({ case: c.name, ...expected });
      statuses.add(lib.ok ? 200 : lib.status);
    }
    // The vectors reach every outcome, so agreement is not agreement on one answer.
    expect([...statuses].sort()).toEqual([200, 400, 401, 405, 500]);
    expect(badShops).toBeGreaterThan(0);
  });
});
