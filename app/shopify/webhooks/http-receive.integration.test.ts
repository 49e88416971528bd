// The production server's receiver (http-receive.server.ts, in front of Express and Remix)
// against the Remix route action: the same request gets the same status and leaves the same
// inbox row, or none, on every test vector; anything that is not a delivery is handed on.
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env as appEnv } from "~/env.server";
import { MAX_WEBHOOK_BYTES, withWebhookReceiver } from "./http-receive.server";
import { WEBHOOK_TOPICS } from "./topics";
import { caseRequest, webhookCases, type WebhookCase } from "./test-support/webhook-vectors";
import { openWebhookTestEnv, type WebhookTestEnv } from "./test-support/webhook-env";

let env: WebhookTestEnv;
let server: Server;
let base: string;
const handedOn: string[] = [];
const errors: unknown[] = [];
beforeAll(async () => {
  env = await openWebhookTestEnv();
  // The vectors' shop is installed and their trigger time is minutes ago.
  await env.t.db.shop.create({ data: { shop: "vector-shop.myshopify.com", name: "Vectors", installedAt: new Date(0) } });
  env.setNow(new Date("2026-11-23T10:05:00.000Z"));
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

const eventIdOf = (c: WebhookCase) =>
  Object.entries(c.headers).find(([k]) => /^x-shopify-event-id$/i.test(k))?.[1] ??
  Object.entries(c.headers).find(([k]) => /^(x-)?shopify-webhook-id$/i.test(k))?.[1];

async function storedRow(c: WebhookCase) {
  const eventId = eventIdOf(c);
  if (!eventId) return null;
  const row = await env.t.db.webhookInbox.findUnique({ where: { eventId } });
  return row && { shop: row.shop, topic: row.topic, apiVersion: row.apiVersion, payload: row.payload, triggeredAt: row.triggeredAt };
}

async function viaRoute(c: WebhookCase, path = "orders/create") {
  const route = (await import(`../../routes/webhooks.${path.replaceAll("/", ".")}.tsx`)) as {
    action: (args: { request: Request; params: object; context: object }) => Promise<Response>;
  };
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

/** Sends raw bytes and resolves with everything the server answered before closing. */
function rawRequest(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect((server.address() as AddressInfo).port, "127.0.0.1", () => socket.end(text));
    let reply = "";
    socket.on("data", (chunk: Buffer) => (reply += chunk.toString()));
    socket.on("close", () => resolve(reply));
    socket.on("error", reject);
  });
}

describe("webhook receiver in front of Remix", () => {
  it("answers and stores exactly as the route does on every vector", async () => {
    const cases = webhookCases(appEnv().SHOPIFY_API_SECRET).filter((c) => (c.method ?? "POST") === "POST");
    const statuses = new Set<number>();
    let stored = 0;
    for (const c of cases) {
      // Each path under ids of its own: the vectors share ids, and a row must be this request's.
      const route = await viaRoute(withFreshIds(c));
      const server = await viaServer(withFreshIds(c));
      expect({ case: c.name, ...server }).toEqual({ case: c.name, ...route });
      statuses.add(route.status);
      if (route.row) stored += 1;
    }
    // A shop domain header that is not one is a 400 on both paths, never a logged 500.
    expect([...statuses].sort()).toEqual([200, 400, 401]);
    expect(stored).toBeGreaterThan(0);
    expect(errors).toEqual([]);
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
    handedOn.length = 0;
    await fetch(`${base}/webhooks/twilio/status`, { method: "POST", body: "x" });
    await fetch(`${base}/webhooks/orders`, { method: "POST", body: "x" });
    await fetch(`${base}/app`, { method: "GET" });
    expect(handedOn).toEqual(["POST /webhooks/twilio/status", "POST /webhooks/orders", "GET /app"]);
  });

  it("answers 405 to GET, HEAD and OPTIONS on a webhook path, without handing them on", async () => {
    const [valid] = webhookCases(appEnv().SHOPIFY_API_SECRET);
    if (!valid) throw new Error("no vectors");
    handedOn.length = 0;
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      const response = await fetch(`${base}/webhooks/orders/create`, { method, headers: valid.headers });
      expect({ method, status: response.status, allow: response.headers.get("allow") }).toEqual({ method, status: 405, allow: "POST" });
    }
    expect(handedOn).toEqual([]);
    // AND every route answers GET and HEAD the same when Remix serves it (remix vite:dev)
    for (const topic of WEBHOOK_TOPICS) {
      const route = (await import(`../../routes/webhooks.${topic.replaceAll("/", ".")}.tsx`)) as { loader?: () => unknown };
      let thrown: unknown;
      try {
        route.loader?.();
      } catch (error) {
        thrown = error;
      }
      expect({ topic, status: thrown instanceof Response ? thrown.status : undefined }).toEqual({ topic, status: 405 });
    }
  });

  const SPELLINGS = [
    "/webhooks/orders/create/",
    "/WEBHOOKS/Orders/Create",
    "/webhooks/orders/create?x=1",
    "/webhooks//orders/create",
    "/webhooks/orders%2Fcreate",
  ];

  it.each(SPELLINGS)("receives %s like the canonical path, storing the delivery", async (path) => {
    const [valid] = webhookCases(appEnv().SHOPIFY_API_SECRET);
    if (!valid) throw new Error("no vectors");
    handedOn.length = 0;
    const c = withFreshIds(valid);
    const response = await fetch(`${base}${path}`, { method: "POST", headers: c.headers, body: c.body });
    expect(response.status).toBe(200);
    expect(await storedRow(c)).toMatchObject({ topic: "orders/create", shop: "vector-shop.myshopify.com" });
    expect(handedOn).toEqual([]);
  });

  it.each(SPELLINGS)("refuses a body over the limit at %s with 413", async (path) => {
    const [valid] = webhookCases(appEnv().SHOPIFY_API_SECRET);
    if (!valid) throw new Error("no vectors");
    handedOn.length = 0;
    const c = withFreshIds({ ...valid, body: `${valid.body}${" ".repeat(MAX_WEBHOOK_BYTES)}` });
    const response = await fetch(`${base}${path}`, { method: "POST", headers: c.headers, body: c.body });
    expect({ status: response.status, row: await storedRow(c), handedOn }).toEqual({ status: 413, row: null, handedOn: [] });
  });

  it("answers 400 to a shop domain header sent twice", async () => {
    // GIVEN a validly signed delivery whose X-Shopify-Shop-Domain line is repeated on the wire
    const [valid] = webhookCases(appEnv().SHOPIFY_API_SECRET);
    if (!valid) throw new Error("no vectors");
    const c = withFreshIds(valid);
    const lines = Object.entries(c.headers).map(([k, v]) => `${k}: ${v}`);
    lines.push("X-Shopify-Shop-Domain: other-shop.myshopify.com", `Content-Length: ${Buffer.byteLength(c.body)}`, "Connection: close");
    // WHEN it is sent
    const reply = await rawRequest(`POST /webhooks/orders/create HTTP/1.1\r\nHost: 127.0.0.1\r\n${lines.join("\r\n")}\r\n\r\n${c.body}`);
    // THEN it is refused as a bad request, stored nowhere and logged as no error
    expect(reply.split("\r\n")[0]).toBe("HTTP/1.1 400 Bad Request");
    expect(await storedRow(c)).toBeNull();
    expect(errors).toEqual([]);
  });

  it("drops a delivery whose client hangs up mid-body without logging an error", async () => {
    // GIVEN a delivery announcing 1,000 bytes of body
    const socket = connect((server.address() as AddressInfo).port, "127.0.0.1");
    await new Promise<void>((resolve) => socket.once("connect", resolve));
    socket.write('POST /webhooks/orders/create HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{"id":');
    await new Promise((resolve) => setTimeout(resolve, 100));
    // WHEN the client goes away after a few of them
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    // THEN nothing is logged as a failure
    expect(errors).toEqual([]);
  });

  it("refuses a body over the limit with 413 before verifying or storing it", async () => {
    const [valid] = webhookCases(appEnv().SHOPIFY_API_SECRET);
    if (!valid) throw new Error("no vectors");
    // GIVEN a delivery padded past the limit (its signature no longer matters)
    const c = withFreshIds({ ...valid, body: `${valid.body}${" ".repeat(MAX_WEBHOOK_BYTES)}` });
    // WHEN it is posted to the server, and to the route action (`remix vite:dev`)
    const server = await viaServer(c);
    const route = await viaRoute(withFreshIds(c));
    // THEN both refuse it as too large and nothing is stored
    expect(server).toEqual({ status: 413, row: null });
    expect(route).toEqual({ status: 413, row: null });
  });
});
