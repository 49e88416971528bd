// The production server's receiver (http-receive.server.ts, in front of Express and Remix)
// against the Remix route action: the same request gets the same status and leaves the same
// inbox row, or none, on every test vector; anything that is not a delivery is handed on.
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env as appEnv } from "~/env.server";
import { MAX_WEBHOOK_BYTES, withWebhookReceiver } from "./http-receive.server";
import { caseRequest, webhookCases, type WebhookCase } from "./test-support/webhook-vectors";
import { openWebhookTestEnv, type WebhookTestEnv } from "./test-support/webhook-env";

let env: WebhookTestEnv;
let server: Server;
let base: string;
const handedOn: string[] = [];
const errors: unknown[] = [];
beforeAll(async () => {
  env = await openWebhookTestEnv();
  const listener = withWebhookReceiver(
    () => appEnv().SHOPIFY_API_SECRET,
    (req, res) => {
      handedOn.push(`${req.method ?? ""} ${req.url ?? ""}`);
      res.writeHead(418).end();
    },
    (error) => errors.push(error),
  );
  server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await env?.close();
});

/** The same delivery under new webhook and event ids (the signature covers only the body). */
function withFreshIds(c: WebhookCase): WebhookCase {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.headers)) headers[k] = /^(x-)?shopify-(webhook|event)-id$/i.test(k) ? randomUUID() : v;
  return { ...c, headers };
}

const eventIdOf = (c: WebhookCase) => Object.entries(c.headers).find(([k]) => /^x-shopify-event-id$/i.test(k))?.[1] ?? Object.entries(c.headers).find(([k]) => /^(x-)?shopify-webhook-id$/i.test(k))?.[1];

async function storedRow(c: WebhookCase) {
  const eventId = eventIdOf(c);
  if (!eventId) return null;
  const row = await env.t.db.webhookInbox.findUnique({ where: { eventId } });
  return row && { shop: row.shop, topic: row.topic, apiVersion: row.apiVersion, payload: row.payload, triggeredAt: row.triggeredAt };
}

async function viaRoute(c: WebhookCase, path = "orders/create") {
  const route = (await import(`../../routes/webhooks.${path.replaceAll("/", ".")}.tsx`)) as { action: (args: { request: Request; params: object; context: object }) => Promise<Response> };
  let status: number;
  try {
    status = (await route.action({ request: caseRequest(c), params: {}, context: {} })).status;
  } catch (thrown) {
    status = thrown instanceof Response ? thrown.status : 500;
  }
  return { status, row: await storedRow(c) };
}

async function viaServer(c: WebhookCase, path = "orders/create") {
  const method = c.method ?? "POST";
  const response = await fetch(`${base}/webhooks/${path}`, { method, headers: c.headers, ...(method === "GET" ? {} : { body: c.body }) });
  return { status: response.status, row: await storedRow(c) };
}

describe("webhook receiver in front of Remix", () => {
  it("answers and stores exactly as the route does on every vector", async () => {
    const cases = webhookCases(appEnv().SHOPIFY_API_SECRET).filter((c) => (c.method ?? "POST") === "POST");
    const statuses = new Set<number>();
    for (const c of cases) {
      // Each path under ids of its own: the vectors share ids, and a row must be this request's.
      const route = await viaRoute(withFreshIds(c));
      const server = await viaServer(withFreshIds(c));
      expect({ case: c.name, ...server }).toEqual({ case: c.name, ...route });
      statuses.add(route.status);
    }
    expect([...statuses].sort()).toEqual([200, 400, 401, 500]);
    expect(errors.length).toBeGreaterThan(0);
    expect(handedOn).toEqual([]);
  });

  it("refuses a delivery whose topic header names another route, storing nothing", async () => {
    const [valid] = webhookCases(appEnv().SHOPIFY_API_SECRET);
    if (!valid) throw new Error("no vectors");
    const route = await viaRoute(withFreshIds(valid), "customers/create");
    const server = await viaServer(withFreshIds(valid), "customers/create");
    expect(route).toEqual({ status: 400, row: null });
    expect(server).toEqual(route);
  });

  it("hands everything that is not a delivery to Express and Remix", async () => {
    const [valid] = webhookCases(appEnv().SHOPIFY_API_SECRET);
    if (!valid) throw new Error("no vectors");
    handedOn.length = 0;
    await fetch(`${base}/webhooks/orders/create`, { method: "GET", headers: valid.headers });
    await fetch(`${base}/webhooks/twilio/status`, { method: "POST", body: "x" });
    await fetch(`${base}/webhooks/orders/create/`, { method: "POST", headers: valid.headers, body: valid.body });
    await fetch(`${base}/app`, { method: "GET" });
    expect(handedOn).toEqual(["GET /webhooks/orders/create", "POST /webhooks/twilio/status", "POST /webhooks/orders/create/", "GET /app"]);
  });

  it("refuses a body over the limit with 413 before verifying or storing it", async () => {
    const [valid] = webhookCases(appEnv().SHOPIFY_API_SECRET);
    if (!valid) throw new Error("no vectors");
    // GIVEN a delivery padded past the limit (its signature no longer matters)
    const c = withFreshIds({ ...valid, body: `${valid.body}${" ".repeat(MAX_WEBHOOK_BYTES)}` });
    // WHEN it is posted
    const server = await viaServer(c);
    // THEN it is refused as too large and nothing is stored
    expect(server).toEqual({ status: 413, row: null });
  });
});
