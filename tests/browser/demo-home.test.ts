// Drives the real demo in Chromium: `npm run demo`'s script on a free port with its own
// database, then what a person sees on the home page and one navigation step.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb } from "~/db.server";

const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"];
const SHOP = "flock-demo.myshopify.com";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function startDemo(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("node_modules/.bin/tsx", ["scripts/demo.ts"], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Flock demo: (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve({ child, url: match[1], output: () => output });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => reject(new Error(`demo exited with ${code}:\n${output}`)));
  });
}

describe("demo home page in Chromium", () => {
  let dir: string;
  let demo: Awaited<ReturnType<typeof startDemo>>;
  let browser: Browser;
  let databaseUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "flock-browser-"));
    databaseUrl = `file:${join(dir, "demo.sqlite")}`;
    const port = await freePort();
    demo = await startDemo({ PORT: String(port), DATABASE_URL: databaseUrl, FLOCK_DEMO_CUSTOMERS: "400", FLOCK_DEMO_DATA_DIR: join(dir, "demo-data"), NODE_ENV: "development" });
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    demo?.child.kill("SIGTERM");
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("shows the shop, its counts and the navigation, and navigates to Segments", async () => {
    // GIVEN the counts the database holds for the demo shop
    const db = connectDb(databaseUrl);
    const [customers, orders, sms, email] = await Promise.all([
      db.customer.count({ where: { shop: SHOP } }),
      db.order.count({ where: { shop: SHOP } }),
      db.customer.count({ where: { shop: SHOP, smsMarketingState: "SUBSCRIBED", phone: { not: null } } }),
      db.customer.count({ where: { shop: SHOP, emailMarketingState: "SUBSCRIBED", email: { not: null } } }),
    ]);
    await db.$disconnect();
    expect(customers).toBe(400);
    // The demo runs its job worker in-process.
    expect(demo.output()).toContain("job worker started");

    // WHEN a person opens the printed URL
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    const response = await page.goto(demo.url);
    expect(response?.status()).toBe(200);

    // THEN they see the shop's name, the Sandbox label, the four counts and the navigation
    await expect.poll(() => page.getByRole("heading", { name: "Paws & Whiskers" }).isVisible()).toBe(true);
    expect(await page.getByText("Sandbox", { exact: true }).isVisible()).toBe(true);
    const fmt = (n: number) => new Intl.NumberFormat("en-US").format(n);
    expect(await page.locator("#stat-customers").innerText()).toBe(fmt(customers));
    expect(await page.locator("#stat-orders").innerText()).toBe(fmt(orders));
    expect(await page.locator("#stat-sms-subscribers").innerText()).toBe(fmt(sms));
    expect(await page.locator("#stat-email-subscribers").innerText()).toBe(fmt(email));
    for (const label of ["Segments", "Campaigns", "Automations", "Settings"]) {
      expect(await page.getByRole("link", { name: label }).first().isVisible(), label).toBe(true);
    }
    // AND the store sync card shows the five bulk imports the demo ran through the Admin stand-in
    expect(await page.getByRole("heading", { name: "Store sync" }).isVisible()).toBe(true);
    expect(await page.getByText("Synced", { exact: true }).count()).toBe(5);
    await page.screenshot({ path: "docs/demo-home.png", fullPage: true });

    // AND the navigation leads somewhere real
    await page.getByRole("link", { name: "Segments" }).first().click();
    await page.waitForURL(/\/app\/segments$/);
    await expect.poll(() => page.getByRole("heading", { name: "Segments" }).isVisible()).toBe(true);
    expect(await page.getByText("No segments yet").isVisible()).toBe(true);
  });
});
