// The sandbox session reaches /app only when all three guard conditions hold; turning off any
// one of them sends the request through Shopify's authentication, which refuses it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "~/env.server";
import { createTestDb, type TestDb } from "../../tests/setup/test-db";
import type { loader as AppLoader } from "./app";

let t: TestDb;
let loader: typeof AppLoader;

beforeAll(async () => {
  // Shopify's session storage opens the configured database on import: give it a real one.
  t = await createTestDb();
  process.env.DATABASE_URL = t.url;
  resetEnvCache();
  ({ loader } = await import("./app"));
});
afterAll(async () => t?.drop());

const ON = { FLOCK_SANDBOX: "1", NODE_ENV: "development", HOST: "127.0.0.1", FLOCK_SANDBOX_SHOP: "flock-demo.myshopify.com" };


async function callLayout(env: Record<string, string>) {
  Object.assign(process.env, env);
  resetEnvCache();
  try {
    return { data: await loader({ request: new Request("http://127.0.0.1:3000/app"), params: {}, context: {} }) };
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
