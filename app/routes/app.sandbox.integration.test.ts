// The sandbox session reaches /app only when all three guard conditions hold; turning off any
// one of them sends the request through Shopify's authentication, which refuses it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "~/env.server";
import { createTestDb, type TestDb } from "../../tests/setup/test-db";
import type { loader as AppLoader } from "./app";
import type { action as NewSegmentAction } from "./app.segments.new";

let t: TestDb;
let loader: typeof AppLoader;
let createSegment: typeof NewSegmentAction;

beforeAll(async () => {
  // Shopify's session storage opens the configured database on import: give it a real one.
  t = await createTestDb();
  process.env.DATABASE_URL = t.url;
  resetEnvCache();
  ({ loader } = await import("./app"));
  ({ action: createSegment } = await import("./app.segments.new"));
});
afterAll(async () => t?.drop());

const ON = { FLOCK_SANDBOX: "1", NODE_ENV: "development", HOST: "127.0.0.1", FLOCK_SANDBOX_SHOP: "flock-demo.myshopify.com" };

async function callLayout(env: Record<string, string>, request = new Request("http://127.0.0.1:3000/app")) {
  Object.assign(process.env, env);
  resetEnvCache();
  try {
    return { data: await loader({ request, params: {}, context: {} }) };
  } catch (thrown) {
    return { thrown };
  }
}

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved, DATABASE_URL: t.url };
  resetEnvCache();
});

describe("/app sandbox guard", () => {
  it("signs the demo shop in when all three conditions hold", async () => {
    const result = await callLayout(ON);
    expect(result.data).toMatchObject({ sandbox: true, shop: "flock-demo.myshopify.com" });
  });

  it.each([
    ["FLOCK_SANDBOX is not 1", { FLOCK_SANDBOX: "0" }],
    ["NODE_ENV is production", { NODE_ENV: "production" }],
    ["the server is not bound to loopback", { HOST: "0.0.0.0" }],
  ])("refuses the sandbox when %s", async (_why, change) => {
    const result = await callLayout({ ...ON, ...change });
    expect(result.data).toBeUndefined();
    expect(result.thrown).toBeInstanceOf(Response);
    const response = result.thrown as Response;
    // Shopify's auth answers with a redirect to login or a 4xx, never with app data.
    expect(response.status === 302 || (response.status >= 400 && response.status < 500)).toBe(true);
  });
});

describe("/app sandbox session and other web pages", () => {
  it.each([
    [
      "a rebound DNS name in the Host header",
      new Request("http://127.0.0.1:3000/app", { headers: { host: "rebound.attacker.example:3000" } }),
    ],
    ["a rebound DNS name in the URL", new Request("http://rebound.attacker.example:3000/app")],
    ["another port (X-Forwarded-Host)", new Request("http://127.0.0.1:4000/app", { headers: { host: "127.0.0.1:3000" } })],
  ])("refuses %s with 403 and no data", async (_why, request) => {
    // GIVEN the sandbox on 127.0.0.1:3000, WHEN a page reaches it under another host
    const result = await callLayout(ON, request);
    // THEN the request is refused before any data is read
    expect(result.data).toBeUndefined();
    expect(result.thrown).toBeInstanceOf(Response);
    expect((result.thrown as Response).status).toBe(403);
  });

  it("serves the bound host and port", async () => {
    const result = await callLayout(ON, new Request("http://127.0.0.1:3000/app", { headers: { host: "127.0.0.1:3000" } }));
    expect(result.data).toMatchObject({ sandbox: true });
  });

  async function postSegment(headers: Record<string, string>) {
    Object.assign(process.env, ON);
    resetEnvCache();
    const body = new URLSearchParams({ name: "Everyone", query: "number_of_orders >= 0" });
    try {
      return await createSegment({
        request: new Request("http://127.0.0.1:3000/app/segments/new", { method: "POST", body, headers }),
        params: {},
        context: {},
      });
    } catch (thrown) {
      return thrown;
    }
  }

  it.each([
    ["another origin", { origin: "http://attacker.example", "sec-fetch-site": "cross-site" }],
    ["an opaque origin", { origin: "null" }],
    ["another site without Origin", { "sec-fetch-site": "cross-site" }],
  ])("refuses a POST from %s with 403, creating nothing", async (_why, headers) => {
    const before = await t.db.segment.count();
    const result = await postSegment(headers);
    expect(result).toBeInstanceOf(Response);
    expect((result as Response).status).toBe(403);
    expect(await t.db.segment.count()).toBe(before);
  });

  it("accepts a POST from its own pages", async () => {
    const before = await t.db.segment.count();
    await postSegment({ origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" });
    expect(await t.db.segment.count()).toBe(before + 1);
  });
});
