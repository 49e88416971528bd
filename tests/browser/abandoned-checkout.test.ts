// The abandoned-checkout automation in Chromium against the demo: the merchant plays the simulator,
// turns the sequence on, abandons a checkout from the Sandbox page (the Admin stand-in sends the
// signed checkouts/create), sees the first text arrive on the shopper's phone on Sandbox →
// Messages, places the order (orders/create), and sees the rest cancelled as a recovery.
//
// The demo's dispatcher runs on the system clock, so the first text goes only if the shopper may be
// texted now. "Abandon a checkout" picks a demo customer the dispatcher's own quiet-hours rules let
// us text from now until shortly after the step is due (sandbox-pick.server.ts); the demo store has
// customers from Tokyo and Sydney to Los Angeles, so, with texts allowed on public holidays, the
// walk holds at any hour, date and machine time zone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb } from "~/db/db.server";
import { DEMO_SHOP as SHOP, openDemo, type DemoInstance } from "./demo-server";

const POLL = { timeout: 90_000, interval: 1_000 };

describe("abandoned-checkout automation in Chromium", () => {
  let demo: DemoInstance;

  beforeAll(async () => {
    demo = await openDemo("checkout", 200);
  });

  afterAll(async () => demo?.close());

  it("simulates, switches on, delivers the first text of an abandoned checkout and stops the rest when the order comes", async () => {
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
    await expect
      .poll(() => page.locator("#us-conversions").innerText())
      .toContain("Step 2 goes by email: US carriers allow one text per abandoned checkout");
    await page.getByLabel("Channel").nth(1).selectOption("email");

    // WHEN the merchant turns it on
    await page.getByRole("button", { name: "Turn on" }).click();
    await expect.poll(() => page.getByRole("button", { name: "Turn off" }).isVisible()).toBe(true);

    // AND lets texts go on public holidays too: on Christmas Day and New Year's Day every country in
    // the demo store rests, and with the default holiday skip nobody could be texted (the law for
    // those places still applies: sandbox-window.test.ts)
    await page.goto(demo.url.replace(/\/app$/, "/app/settings/sending"));
    const summary = page.locator("#sending-summary");
    await expect.poll(() => summary.innerText(), POLL).toContain("never on public holidays");
    await page.locator("#sending-sms").getByLabel("Skip public holidays in the recipient's country (and US state)").uncheck();
    await page.getByRole("button", { name: "Save sending rules" }).click();
    await expect.poll(() => summary.innerText(), POLL).toContain("Texts go out 08:00–21:00 every day in each recipient's time zone.");

    // AND abandons a checkout in the sandbox, the first step due in 5 seconds
    await page.goto(demo.url.replace(/\/app$/, "/app/sandbox/messages"));
    await page.getByLabel("First step after (seconds)").fill("5");
    await page.getByRole("button", { name: "Abandon a checkout" }).click();
    const result = page.locator("#sandbox-checkout-result");
    await expect
      .poll(() => result.innerText(), POLL)
      .toMatch(/left by \+\d+ \([A-Z]{2}, inside their sending hours\); the first step is due/);

    const phone = /left by (\+\d+)/.exec(await result.innerText())?.[1] ?? "";
    expect(phone).toMatch(/^\+\d{8,15}$/);

    // THEN a run starts and its first text is in the outbox and is delivered to the shopper's phone
    const db = connectDb(demo.databaseUrl);
    try {
      await expect
        .poll(
          async () => db.outboxMessage.count({ where: { shop: SHOP, idempotencyKey: { startsWith: "checkout:", endsWith: ":0" } } }),
          POLL,
        )
        .toBe(1);
      const text = await db.outboxMessage.findFirstOrThrow({
        where: { shop: SHOP, idempotencyKey: { startsWith: "checkout:" } },
        select: { channel: true, recipient: true },
      });
      expect(text.channel).toBe("SMS");
      expect(text.recipient).toBe(phone);
    } finally {
      await db.$disconnect();
    }
    // (a second tab, reloaded while the first keeps the checkout's "Place the order")
    const inbox = await demo.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const shopperPhone = inbox.locator(`.sandbox-phone[data-number="${phone}"]`);
    await expect
      .poll(async () => {
        await inbox.goto(demo.url.replace(/\/app$/, "/app/sandbox/messages"));
        return (await shopperPhone.count()) > 0 ? shopperPhone.innerText() : "";
      }, POLL)
      .toMatch(/https?:\/\/\S+/);
    const firstText = await shopperPhone.innerText();
    expect(firstText).toMatch(/STOP/i);
    // AND its link is a tracked short link that leads back to the checkout
    const shortLink = /https?:\/\/\S+\/l\/[0-9A-Za-z]{12}/.exec(firstText)?.[0] ?? "";
    expect(shortLink).not.toBe("");
    // (as the shopper's phone browser would: link-preview fetchers are redirected but not counted)
    const followed = await inbox.request.get(shortLink, {
      maxRedirects: 0,
      headers: {
        "user-agent":
          "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
      },
    });
    expect(followed.status()).toBe(302);
    expect(followed.headers().location).toMatch(/\/checkouts\/[0-9a-f]+\/recover\?.*utm_campaign=abandoned-checkout/);

    // WHEN the shopper places the order
    await page.getByRole("button", { name: "Place the order" }).click();
    await expect.poll(() => result.innerText(), POLL).toContain("Order placed");

    // THEN the run stops as a recovery with only its first step sent, and the page says so
    const runLine = page.getByText(/^[0-9a-f]{8}… cancelled/);
    await expect
      .poll(async () => {
        await page.goto(automationUrl);
        return (await runLine.count()) > 0 ? runLine.first().innerText() : "";
      }, POLL)
      .toMatch(/^[0-9a-f]{8}… cancelled \(bought\): step 1 enqueued by sms$/);
    expect(await page.locator("#automation-stats").innerText()).toMatch(/1 runs started · 0 active · 1 recovered[\s\S]*1 stopped: bought/);
    // AND the results per step count the text and the shopper's click on its link
    const steps = await page.locator("#automation-steps").innerText();
    expect(steps).toMatch(/Step\s+Messages\s+Sent\s+Skipped\s+Clicked\s+Orders\s+Revenue/);
    expect(steps).toMatch(/Step 1\s+1\s+1\s+0\s+1\s+\d+\s+\$\d/);
    // AND the shopper's phone still holds that one text: nothing after the order
    await inbox.goto(demo.url.replace(/\/app$/, "/app/sandbox/messages"));
    expect(await shopperPhone.locator("[data-sid]").count()).toBe(1);
  }, 300_000);
});
