// Drives the real demo in Chromium: `npm run demo`'s script on a free port with its own
// database, then what a person sees on the home page and one navigation step.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb } from "~/db.server";
import { DEMO_SHOP as SHOP, openDemo, type DemoInstance } from "./demo-server";
import { screenshot } from "./screenshot";

describe("demo home page in Chromium", () => {
  let demo: DemoInstance;

  beforeAll(async () => {
    demo = await openDemo("home", 400);
  });

  afterAll(async () => demo?.close());

  it("shows the shop, its counts and the navigation, and navigates to Segments", async () => {
    // GIVEN the counts the database holds for the demo shop
    const db = connectDb(demo.databaseUrl);
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
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 860 } });
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
    await screenshot(page, "demo-home.png", { fullPage: true });

    // AND the navigation leads somewhere real
    await page.getByRole("link", { name: "Segments" }).first().click();
    await page.waitForURL(/\/app\/segments$/);
    await expect.poll(() => page.getByRole("heading", { name: "Segments" }).isVisible()).toBe(true);
    expect(await page.getByText("No segments yet").isVisible()).toBe(true);
  });
});
