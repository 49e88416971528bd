// Settings → Sending rules as a merchant uses it: narrow the SMS hours, turn Sunday off, set the
// cap, save, reload and find it kept (the summary says so in words); a start of 06:00 is refused
// at its field and nothing is saved.
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb } from "~/db/db.server";
import { DEMO_SHOP as SHOP, openDemo, type DemoInstance } from "./demo-server";
import { screenshot } from "./screenshot";

const POLL = { timeout: 20_000, interval: 200 };
const MON_TO_SAT = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const REFUSED =
  "Tuesday SMS window 06:00–20:00 starts before 08:00, the earliest the law allows anywhere you send; it can only be narrowed";

async function resultOf(page: Page): Promise<string> {
  const banner = page.locator("#sending-rules-result");
  await banner.waitFor({ timeout: POLL.timeout });
  return banner.innerText();
}

/** The text of the error a field points at (Polaris links it through aria-describedby). */
async function fieldError(field: Locator): Promise<string> {
  const ids = (await field.getAttribute("aria-describedby"))?.split(" ") ?? [];
  const texts = await Promise.all(ids.map((id) => field.page().locator(`[id="${id}"]`).innerText()));
  return texts.join(" ");
}

describe("sending rules in Chromium", () => {
  let demo: DemoInstance;

  beforeAll(async () => {
    demo = await openDemo("sending-rules", 100);
  });

  afterAll(async () => demo?.close());

  it("narrows the SMS hours, turns Sunday off and sets the cap; keeps them over a reload; shows a too-early start at its field", async () => {
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(demo.url.replace(/\/app$/, "/app/settings"));

    // GIVEN the merchant opens Sending rules from Settings
    await page.getByRole("link", { name: "Edit sending rules" }).click();
    await page.waitForURL(/\/app\/settings\/sending$/);
    const sms = page.locator("#sending-sms");
    const summary = page.locator("#sending-summary");
    await expect
      .poll(() => summary.innerText(), POLL)
      .toContain("Texts go out 08:00–21:00 every day in each recipient's time zone, never on public holidays.");

    // WHEN they narrow texts to 10:00–20:00 Monday to Saturday, turn Sunday off and set the cap
    for (const day of MON_TO_SAT) {
      await sms.getByLabel(`${day} from`, { exact: true }).fill("10:00");
      await sms.getByLabel(`${day} to`, { exact: true }).fill("20:00");
    }
    await sms.getByLabel("Sunday", { exact: true }).uncheck();
    await page.getByLabel("At most per 24 hours").fill("2");
    await page.getByLabel("At most per 7 days").fill("5");
    await page.getByRole("button", { name: "Save sending rules" }).click();

    // THEN it is saved and the summary says it in words
    expect(await resultOf(page)).toContain("Sending rules saved");
    await expect
      .poll(() => summary.innerText(), POLL)
      .toContain("Texts go out 10:00–20:00 Mon–Sat in each recipient's time zone, never on public holidays.");
    expect(await summary.innerText()).toContain("At most 2 messages a day and 5 a week per person, texts and emails together.");

    // AND after a reload the form shows what was saved
    await page.reload();
    await expect.poll(() => sms.getByLabel("Monday from", { exact: true }).inputValue(), POLL).toBe("10:00");
    expect(await sms.getByLabel("Saturday to", { exact: true }).inputValue()).toBe("20:00");
    expect(await sms.getByLabel("Sunday", { exact: true }).isChecked()).toBe(false);
    expect(await page.getByLabel("At most per 24 hours").inputValue()).toBe("2");
    expect(await page.getByLabel("At most per 7 days").inputValue()).toBe("5");
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "sending-rules.png");

    // WHEN they try to start Tuesday's texts at 06:00
    const tuesdayFrom = sms.getByLabel("Tuesday from", { exact: true });
    await tuesdayFrom.fill("06:00");
    await page.getByRole("button", { name: "Save sending rules" }).click();

    // THEN the error is at that field, and nothing was saved
    expect(await resultOf(page)).toContain("Nothing was saved: 1 field needs fixing");
    await expect.poll(() => tuesdayFrom.getAttribute("aria-invalid"), POLL).toBe("true");
    expect(await fieldError(tuesdayFrom)).toContain(REFUSED);
    await page.reload();
    await expect.poll(() => sms.getByLabel("Tuesday from", { exact: true }).inputValue(), POLL).toBe("10:00");
    const db = connectDb(demo.databaseUrl);
    try {
      const row = await db.sendingRules.findUniqueOrThrow({ where: { shop: SHOP } });
      expect(JSON.parse(row.frequencyCap ?? "null")).toEqual({ per24h: 2, per7d: 5 });
      expect(JSON.parse(row.quietHours ?? "null").sms.weekly[2]).toEqual([[600, 1200]]);
    } finally {
      await db.$disconnect();
    }
  });
});
