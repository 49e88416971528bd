// The Sandbox Messages page exists only in the sandbox: outside it, its loader and its reply
// action go through Shopify's authentication, which refuses them, and nothing reaches a stand-in.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "~/env.server";
import { createTestDb, type TestDb } from "../../tests/setup/test-db";
import type { action as Action, loader as Loader } from "./app.sandbox.messages";

let t: TestDb;
let loader: typeof Loader;
let action: typeof Action;
const saved = { ...process.env };

beforeAll(async () => {
  t = await createTestDb();
  process.env.DATABASE_URL = t.url;
  resetEnvCache();
  ({ loader, action } = await import("./app.sandbox.messages"));
});
afterAll(async () => t?.drop());
afterEach(() => {
  process.env = { ...saved, DATABASE_URL: t.url };
  resetEnvCache();
});

const SANDBOX = { FLOCK_SANDBOX: "1", NODE_ENV: "development", HOST: "127.0.0.1", FLOCK_SANDBOX_SHOP: "flock-demo.myshopify.com" };
const url = "http://127.0.0.1:3000/app/sandbox/messages";

async function outcome(work: () => Promise<unknown>): Promise<{ data?: unknown; thrown?: unknown }> {
  try {
    return { data: await work() };
  } catch (thrown) {
    return { thrown };
  }
}

describe("/app/sandbox/messages", () => {
  it("in the sandbox without stand-ins, says how to start them", async () => {
    Object.assign(process.env, SANDBOX);
    delete process.env.FLOCK_SANDBOX_TWILIO_CONTROL;
    delete process.env.FLOCK_SANDBOX_SENDGRID_CONTROL;
    resetEnvCache();
    const result = await outcome(() => loader({ request: new Request(url), params: {}, context: {} }));
    expect(result.data).toMatchObject({ threads: [], emails: [], problem: expect.stringContaining("npm run demo") });
  });

  it.each([
    ["FLOCK_SANDBOX is not 1", { FLOCK_SANDBOX: "0" }],
    ["NODE_ENV is production", { NODE_ENV: "production" }],
    ["the server is not on loopback", { HOST: "0.0.0.0" }],
  ])("refuses the page and the reply when %s", async (_why, change) => {
    Object.assign(process.env, SANDBOX, change, { FLOCK_SANDBOX_TWILIO_CONTROL: "http://127.0.0.1:9" });
    resetEnvCache();
    const page = await outcome(() => loader({ request: new Request(url), params: {}, context: {} }));
    const body = new URLSearchParams({ accountSid: `AC${"0".repeat(32)}`, from: "+14155550123", to: "+14155550100", body: "STOP" });
    const reply = await outcome(() => action({ request: new Request(url, { method: "POST", body }), params: {}, context: {} }));
    for (const result of [page, reply]) {
      expect(result.data).toBeUndefined();
      expect(result.thrown).toBeInstanceOf(Response);
      const status = (result.thrown as Response).status;
      expect(status === 302 || (status >= 400 && status < 500)).toBe(true);
    }
  });
});
