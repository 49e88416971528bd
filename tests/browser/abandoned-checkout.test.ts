// The abandoned-checkout automation in Chromium against the demo: the merchant plays the simulator,
// turns the sequence on, abandons a checkout from the Sandbox page (the Admin stand-in sends the
// signed checkouts/create), sees the run start and its first text handed to the outbox, places the
// order (orders/create), and sees the rest cancelled as a recovery.
//
// Whether that first text is *delivered* now depends on the recipient's quiet hours at the real
// time of day (the demo's dispatcher runs on the system clock), so this test stops at the outbox.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb } from "~/db.server";
import { DEMO_SHOP as SHOP, openDemo, type DemoInstance } from "./demo-server";

const POLL = { timeout: 90_000, interval: 1_000 };

describe("abandoned-checkout automation in Chromium", () => {
  let demo: DemoInstance;

  beforeAll(async () => {
    demo = await openDemo("checkout", 200);
  });

  afterAll(async () => demo?.close());

  it("simulates, switches on, starts a run from an abandoned checkout and stops it when the order comes", async () => {
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const automationUrl = demo.url.replace(/\/app$/, "/app/automations/abandoned-checkout");
    await page.goto(automationUrl);
    expect(await page.title()).toBe("Abandoned checkout · Automations · Flock");

    // GIVEN the default sequence, the simulator plays a New York shopper who buys after 13 hours
    await page.getByLabel("Left the checkout at (their time)").fill("10:00");
    await page.getByLabel("Buys after (hours; empty: never)").fill("13");
    await page.getByRole("button", { name: "Play the sequence" }).click();
    const simulation = page.locator("#simulation");
    await expect.poll(() => simulation.innerText()).toContain("Step 3");
    expect(await simulation.innerText()).toMatch(/Step 1[\s\S]*SMS[\s\S]*Sent/);
    expect(await simulation.innerText()).toMatch(/Step 3[\s\S]*Cancelled[\s\S]*the customer bought/);

    // AND a second SMS step shows it goes by email to US numbers, and why
    await page.getByLabel("Channel").nth(1).selectOption("sms");
    await expect.poll(() => page.locator("#us-conversions").innerText()).toContain("Step 2 goes by email: US carriers allow one text per abandoned checkout");
    await page.getByLabel("Channel").nth(1).selectOption("email");

    // WHEN the merchant turns it on
    await page.getByRole("button", { name: "Turn on" }).click();
    await expect.poll(() => page.getByRole("button", { name: "Turn off" }).isVisible()).toBe(true);

    // AND abandons a checkout in the sandbox, the first step due in 5 seconds
    await page.goto(demo.url.replace(/\/app$/, "/app/sandbox/messages"));
    await page.getByLabel("First step after (seconds)").fill("5");
    await page.getByRole("button", { name: "Abandon a checkout" }).click();
    const result = page.locator("#sandbox-checkout-result");
    await expect.poll(() => result.innerText(), POLL).toMatch(/left by \+\d+; the first step is due/);

    // THEN a run starts and its first text is in the outbox, with the recovery link
    const db = connectDb(demo.databaseUrl);
    try {
      await expect.poll(async () => db.outboxMessage.count({ where: { shop: SHOP, idempotencyKey: { startsWith: "checkout:", endsWith: ":0" } } }), POLL).toBe(1);
      const text = await db.outboxMessage.findFirstOrThrow({ where: { shop: SHOP, idempotencyKey: { startsWith: "checkout:" } }, select: { channel: true, body: true } });
      expect(text.channel).toBe("SMS");
      expect(text.body).toMatch(/\/checkouts\/[0-9a-f]{32}\/recover\?key=/);

      // WHEN the shopper places the order
      await page.getByRole("button", { name: "Place the order" }).click();
      await expect.poll(() => result.innerText(), POLL).toContain("Order placed");
      // THEN the run stops as a recovery, and the page says so
      await expect.poll(async () => (await db.automationRun.findFirst({ where: { shop: SHOP }, select: { cancelReason: true } }))?.cancelReason, POLL).toBe("purchased");
    } finally {
      await db.$disconnect();
    }
    await page.goto(automationUrl);
    expect(await page.locator("#automation-stats").innerText()).toMatch(/1 runs started · 0 active · 1 recovered[\s\S]*1 stopped: bought/);
  }, 300_000);
});
