// The home page's sync card data and the Retry action, called directly (Epic Stack style)
// through the sandbox session.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "~/env.server";
import { createTestDb, type TestDb } from "../../tests/setup/test-db";
import type { loader as HomeLoader } from "./app._index";
import type { action as RetryAction } from "./app.sync.retry";

const SHOP = "flock-demo.myshopify.com";
let t: TestDb;
let loader: typeof HomeLoader;
let action: typeof RetryAction;
const saved = { ...process.env };

beforeAll(async () => {
  t = await createTestDb();
  Object.assign(process.env, {
    DATABASE_URL: t.url,
    FLOCK_SANDBOX: "1",
    NODE_ENV: "development",
    HOST: "127.0.0.1",
    FLOCK_SANDBOX_SHOP: SHOP,
  });
  resetEnvCache();
  ({ loader } = await import("./app._index"));
  ({ action } = await import("./app.sync.retry"));
  await t.db.shop.create({ data: { shop: SHOP, name: "Demo" } });
  await t.db.syncRun.create({
    data: {
      shop: SHOP,
      resource: "orders",
      kind: "bulk",
      status: "failed",
      objectCount: 200,
      doneCount: 50,
      startedAt: new Date(),
      lastError: "Bulk operation FAILED (TIMEOUT)",
    },
  });
});
afterAll(async () => {
  process.env = saved;
  resetEnvCache();
  await t?.drop();
});

const post = (body: Record<string, string>) =>
  action({
    request: new Request("http://127.0.0.1:3000/app/sync/retry", { method: "POST", body: new URLSearchParams(body) }),
    params: {},
    context: {},
  });

describe("sync progress on the home page", () => {
  it("shows each resource's state, with the failed one's error", async () => {
    const data = await loader({ request: new Request("http://127.0.0.1:3000/app"), params: {}, context: {} });
    expect(data.sync.map((r) => [r.resource, r.state])).toEqual([
      ["collections", "never"],
      ["products", "never"],
      ["customers", "never"],
      ["orders", "failed"],
      ["checkouts", "never"],
    ]);
    expect(data.sync.find((r) => r.resource === "orders")).toMatchObject({
      done: 50,
      total: 200,
      percent: 25,
      error: "Bulk operation FAILED (TIMEOUT)",
    });
  });

  it("refuses an unknown resource, and a retry without an Admin API (the sandbox has none yet)", async () => {
    await expect(post({ resource: "widgets" })).rejects.toMatchObject({ status: 400 });
    await expect(post({ resource: "orders" })).rejects.toMatchObject({ status: 409 });
  });
});
