// Drives the real demo in Chromium: `npm run demo`'s script on a free port with its own
// database, then what a person sees on the home page and one navigation step.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb } from "~/db/db.server";
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
    const [customers, orders, sms, email, products, collections, checkouts, lineItems, runs] = await Promise.all([
      db.customer.count({ where: { shop: SHOP } }),
      db.order.count({ where: { shop: SHOP } }),
      db.customer.count({ where: { shop: SHOP, smsMarketingState: "SUBSCRIBED", phone: { not: null } } }),
      db.customer.count({ where: { shop: SHOP, emailMarketingState: "SUBSCRIBED", email: { not: null } } }),
      db.product.count({ where: { shop: SHOP } }),
      db.collection.count({ where: { shop: SHOP } }),
      db.abandonedCheckout.count({ where: { shop: SHOP } }),
      db.lineItem.count({ where: { shop: SHOP } }),
      db.syncRun.findMany({ where: { shop: SHOP, resource: "orders" }, select: { objectCount: true } }),
    ]);
    expect(customers).toBe(400);
    // The demo runs its job worker in-process.
    expect(demo.output()).toContain("job worker started");

    const fmt = (n: number) => new Intl.NumberFormat("en-US").format(n);

    // WHEN a person opens the printed URL
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 860 } });
    const response = await page.goto(demo.url);
    expect(response?.status()).toBe(200);

    // THEN they see the shop's name, what Flock is, the Sandbox label, the four counts and the navigation
    await expect.poll(() => page.getByRole("heading", { name: "Paws & Whiskers" }).isVisible()).toBe(true);
    expect(await page.title()).toBe("Home · Flock");
    expect(await page.locator("#flock-intro").innerText()).toMatch(/^Flock groups your customers into segments/);
    expect(await page.getByText("Sandbox", { exact: true }).isVisible()).toBe(true);
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
    // … counting the records Flock stores, not the export's JSONL objects (orders with their line items)
    expect(lineItems).toBeGreaterThan(0);
    expect(runs.some((r) => r.objectCount > orders)).toBe(true);
    const stored = {
      customers: `${fmt(customers)} customers`,
      orders: `${fmt(orders)} orders`,
      products: `${fmt(products)} products`,
      collections: `${fmt(collections)} collections`,
      checkouts: `${fmt(checkouts)} abandoned checkouts`,
    };
    for (const [resource, text] of Object.entries(stored))
      expect(await page.locator(`#sync-count-${resource}`).innerText(), resource).toBe(text);
    // AND a checklist of first steps, each with its state
    const step = (key: string) => page.locator(`#step-${key}`);
    expect(await step("import").getAttribute("data-state")).toBe("done");
    expect(await step("segment").getAttribute("data-state")).toBe("todo");
    // (the demo comes configured with the sandbox Twilio and SendGrid credentials)
    expect(await step("channels").getAttribute("data-state")).toBe("done");
    expect(await step("campaign").getAttribute("data-state")).toBe("todo");
    expect(await step("segment").innerText()).toContain("To do");
    expect(await page.locator("#getting-started-progress").innerText()).toBe("2 of 4 done");
    await screenshot(page, "demo-home.png", { fullPage: true });

    // AND the navigation leads somewhere real
    await page.getByRole("link", { name: "Segments" }).first().click();
    await page.waitForURL(/\/app\/segments$/);
    await expect.poll(() => page.getByRole("heading", { name: "Segments" }).isVisible()).toBe(true);
    expect(await page.getByText("No segments yet").isVisible()).toBe(true);

    // WHEN the first segment is saved THEN the checklist ticks it off
    await page.getByRole("link", { name: "Use template Repeat buyers" }).click();
    await page.getByRole("button", { name: "Save segment" }).click();
    await page.waitForURL(/\?saved=1$/);
    await page.goto(demo.url);
    await expect.poll(() => page.locator("#step-segment").getAttribute("data-state")).toBe("done");
    expect(await page.locator("#getting-started-progress").innerText()).toBe("3 of 4 done");
    expect(await db.segment.count({ where: { shop: SHOP } })).toBe(1);
    await db.$disconnect();
  });
});
