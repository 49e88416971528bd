// The demo's import in a real child process, SIGKILLed while it applies orders and started
// again: the second start resumes it (not "already imported"), and the store ends exactly as
// the generator wrote it, facts included. Meanwhile the live count answers "still importing"
// instead of counting over half the orders.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db/db.server";
import { resetEnvCache } from "~/env.server";
import { forShop } from "~/db/shop-scope.server";
import { DEMO_SEED } from "~/sandbox/demo-store.server";
import { createGeneratedStoreSource } from "~/sandbox/shopify-admin/store-source";
import { TEST_NOW } from "~/sandbox/shopify-admin/test-support";
import { writeGeneratedStore } from "~/sandbox/store-generator/write.server";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import type { loader as CountLoader } from "../../routes/app.segments.count";
import { loadSyncProgress } from "./progress.server";

const CHILD = "app/shopify/sync/test-support/demo-import-child.ts";
const SHOP = "flock-crash-demo.myshopify.com";
const REFERENCE = "crash-reference.myshopify.com";
const CUSTOMERS = 120;
const saved = { ...process.env };
let t: TestDb;
let dataDir: string;
let countLoader: typeof CountLoader;
let child: ChildProcess | undefined;

beforeAll(async () => {
  t = await createTestDb();
  dataDir = mkdtempSync(join(tmpdir(), "flock-crash-"));
  Object.assign(process.env, {
    DATABASE_URL: t.url,
    FLOCK_SANDBOX: "1",
    NODE_ENV: "development",
    HOST: "127.0.0.1",
    FLOCK_SANDBOX_SHOP: SHOP,
  });
  resetEnvCache();
  ({ loader: countLoader } = await import("../../routes/app.segments.count"));
  const source = createGeneratedStoreSource({ seed: DEMO_SEED, customers: CUSTOMERS, now: TEST_NOW, shop: REFERENCE });
  await writeGeneratedStore(t.db, source.shop, { seed: DEMO_SEED, customers: CUSTOMERS, now: TEST_NOW });
});
afterAll(async () => {
  if (child) killGroup(child);
  process.env = saved;
  resetEnvCache();
  await t?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const count = async (q: string) =>
  countLoader({ request: new Request(`http://127.0.0.1:3000/app/segments/count?q=${encodeURIComponent(q)}`), params: {}, context: {} });

/** Starts the child in its own process group (tsx runs node as a grandchild). */
function startChild(pace: "slow" | "fast"): { child: ChildProcess; lines: string[]; stderr: string[] } {
  const started = spawn("node_modules/.bin/tsx", [CHILD, t.url, dataDir, SHOP, String(CUSTOMERS), pace], {
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const lines: string[] = [];
  const stderr: string[] = [];
  createInterface({ input: started.stdout! }).on("line", (line) => lines.push(line));
  started.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
  return { child: started, lines, stderr };
}

function killGroup(p: ChildProcess): void {
  try {
    if (p.pid !== undefined) process.kill(-p.pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

async function until(check: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function storeSnapshot(db: Db, shop: string) {
  const s = forShop(db, shop);
  const customers = await s.customer.findMany({
    orderBy: { gid: "asc" },
    select: { gid: true, email: true, facts: { select: { amountSpent: true, orderCount: true, averageOrderValue: true } } },
  });
  const orders = await s.order.findMany({
    orderBy: { gid: "asc" },
    select: {
      gid: true,
      totalPrice: true,
      customer: { select: { gid: true } },
      lineItems: { select: { gid: true, quantity: true }, orderBy: { gid: "asc" } },
    },
  });
  return {
    counts: {
      lineItems: await s.lineItem.count(),
      products: await s.product.count(),
      collections: await s.collection.count(),
      checkouts: await s.abandonedCheckout.count(),
    },
    customers,
    orders,
  };
}

describe("an import killed with SIGKILL mid-import", () => {
  it("resumes on restart to exactly the store, and counts say 'still importing' until then", async () => {
    // GIVEN the demo's import running in its own process, killed after two batches of orders
    const first = startChild("slow");
    child = first.child;
    await until(
      () => first.lines.filter((l) => l.startsWith("batch orders")).length >= 2,
      90_000,
      () => `${first.lines.slice(-3).join(" | ")} ${first.stderr.join("")}`,
    );
    killGroup(first.child);
    await new Promise((resolve) => first.child.once("exit", resolve));
    child = undefined;

    // THEN orders are half-applied, the shop is marked importing, and the live count says so
    const half = await forShop(t.db, SHOP).order.count();
    const reference = await forShop(t.db, REFERENCE).order.count();
    expect(half).toBeGreaterThan(0);
    expect(half).toBeLessThan(reference);
    expect((await t.db.shop.findUniqueOrThrow({ where: { shop: SHOP } })).importingSince).not.toBeNull();
    expect(await count("amount_spent > 0")).toMatchObject({
      ok: false,
      reason: "store_importing",
      message: expect.stringContaining("still importing"),
    });
    const stuck = await loadSyncProgress(t.db, SHOP, new Date());
    expect(stuck.find((r) => r.resource === "orders")?.state).toBe("importing");

    // WHEN the demo starts again
    const second = startChild("fast");
    child = second.child;
    const exitCode = await new Promise<number | null>((resolve) => second.child.once("exit", resolve));
    child = undefined;
    expect(exitCode, second.stderr.join("")).toBe(0);
    // THEN it resumed rather than saying "already imported"
    expect(second.lines.at(-1)).toBe("done resumed");
    expect(second.lines.some((l) => l.startsWith("batch customers"))).toBe(false);

    // THEN the store is exactly the generated one, facts included
    const [got, want] = [await storeSnapshot(t.db, SHOP), await storeSnapshot(t.db, REFERENCE)];
    expect(got.counts).toEqual(want.counts);
    expect(got.orders).toEqual(want.orders);
    expect(got.customers).toEqual(want.customers);
    expect((await t.db.shop.findUniqueOrThrow({ where: { shop: SHOP } })).importingSince).toBeNull();
    const progress = await loadSyncProgress(t.db, SHOP, new Date());
    expect(progress.map((r) => [r.resource, r.state, r.done === r.total])).toEqual([
      ["collections", "completed", true],
      ["products", "completed", true],
      ["customers", "completed", true],
      ["orders", "completed", true],
      ["checkouts", "completed", true],
    ]);
    // AND the count is the exact one
    const spenders = await forShop(t.db, REFERENCE).customerFacts.count({ where: { amountSpent: { gt: 0 } } });
    expect(spenders).toBeGreaterThan(0);
    expect(await count("amount_spent > 0")).toMatchObject({ ok: true, count: spenders, total: CUSTOMERS });
  }, 180_000);
});
