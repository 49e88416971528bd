// A campaign in Chromium against `npm run demo`'s script: create an SMS campaign to a segment,
// preview it (counts and cost), send it, watch the progress bar finish, and find the texts on
// the Sandbox Messages page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb } from "~/db.server";
import { DEMO_SHOP as SHOP, openDemo, type DemoInstance } from "./demo-server";
import { screenshot } from "./screenshot";

const POLL = { timeout: 20_000, interval: 100 };

/**
 * The demo sends at the real time, and texts wait for their recipient's allowed hours: the
 * audience lives where it is now between 09:00 and 20:00 (one of these always is), so the walk
 * neither waits for morning nor depends on when it runs.
 */
const PLACES = [
  { prefix: "+9053212345", country: "TR", province: null, offset: 3 },
  { prefix: "+4474001234", country: "GB", province: null, offset: 0 },
  { prefix: "+121255501", country: "US", province: "NY", offset: -5 },
  { prefix: "+131055501", country: "US", province: "CA", offset: -8 },
  { prefix: "+642112345", country: "NZ", province: null, offset: 13 },
];

function placeInDaytime(now: Date) {
  // Offsets as in December; a DST shift moves a place by an hour, inside the margin either side.
  const place = PLACES.find((p) => {
    const hour = (((now.getUTCHours() + p.offset) % 24) + 24) % 24;
    return hour >= 10 && hour < 19;
  });
  if (!place) throw new Error(`No place in daytime at ${now.toISOString()}`);
  return place;
}

describe("an SMS campaign in Chromium", () => {
  let demo: DemoInstance;

  beforeAll(async () => {
    demo = await openDemo("campaigns", 200);
  });

  afterAll(async () => demo?.close());

  it("is created, previewed with counts and cost, sent, followed to the end and found in the sandbox", async () => {
    const app = (path: string) => demo.url.replace(/\/app$/, path);
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const db = connectDb(demo.databaseUrl);
    try {
      // GIVEN a segment of six subscribed customers, where it is daytime now, and 5 texts per second
      const place = placeInDaytime(new Date());
      const customers = await db.customer.findMany({ where: { shop: SHOP }, select: { id: true }, orderBy: { id: "asc" }, take: 6 });
      const phones = customers.map((_, i) => `${place.prefix}${String(i).padStart(2, "0")}`);
      for (const [i, c] of customers.entries()) {
        await db.customer.update({ where: { id: c.id }, data: { phone: phones[i], countryCode: place.country, provinceCode: place.province, smsMarketingState: "SUBSCRIBED", firstName: `Pat${i}` } });
      }
      const segment = await db.segment.create({ data: { shop: SHOP, name: "Campaign walk", kind: "STATIC", memberCount: 6 }, select: { id: true } });
      await db.segmentMembership.createMany({ data: customers.map((c) => ({ shop: SHOP, segmentId: segment.id, customerId: c.id, enteredAt: new Date() })) });
      await db.channelSettings.update({ where: { shop: SHOP }, data: { smsPerSecond: 5 } });

      // WHEN the merchant creates a campaign
      await page.goto(app("/app/campaigns"));
      await page.getByRole("button", { name: "Create campaign" }).first().click();
      await page.waitForURL(/\/app\/campaigns\/(?!new)[^/?]+$/);
      const campaignId = new URL(page.url()).pathname.split("/").at(-1) ?? "";

      // AND names it, picks the segment and writes the text
      await page.getByLabel("Campaign name").fill("Weekend treats");
      await page.getByLabel("Campaign walk · 6 customers").first().check();
      await page.getByLabel("Text message").fill("Hi {{ customer.first_name }}, treats are 20% off this weekend at {{ shop.name }}");
      // THEN the encoding, segments and price follow the text
      await expect.poll(() => page.locator("#sms-diagnostics").innerText(), POLL).toMatch(/^GSM-7 · 1 segment .* per message to US numbers$/);
      await page.getByLabel("Text message").fill("Hi {{ customer.first_name }} 🐶 treats 20% off");
      await expect.poll(() => page.locator("#sms-diagnostics").innerText(), POLL).toMatch(/^UCS-2 · 1 segment/);

      // WHEN previewed THEN all six send at once and the total cost shows
      await page.getByRole("button", { name: "Preview", exact: true }).click();
      await expect.poll(() => page.locator("#preview-send-now").innerText(), POLL).toBe("6 send at once");
      expect(await page.locator("#preview-cost").innerText()).toMatch(/^UCS-2, 1 segment per message \(6 in all\) · total cost \$\d+\.\d+$/);
      await screenshot(page, "campaign-editor.png", { fullPage: true });

      // WHEN sent, after the confirmation
      await page.getByRole("button", { name: "Send now" }).first().click();
      await page.getByRole("dialog").getByRole("button", { name: "Send now" }).click();

      // THEN the campaign page follows its progress without a reload, to the end
      await expect.poll(() => page.locator("#campaign-status").getAttribute("data-status"), { timeout: 60_000, interval: 250 }).toBe("SENT");
      expect(await page.locator("#campaign-progress").innerText()).toBe("6 sent · 0 remaining");
      await screenshot(page, "campaign-sent.png");
      expect(await db.outboxMessage.count({ where: { shop: SHOP, campaignId } })).toBe(6);

      // AND each phone got its text, personalised, on the Sandbox Messages page
      await page.getByRole("link", { name: "Messages" }).click();
      await page.waitForURL(/\/app\/sandbox\/messages$/);
      const thread = page.locator(`.sandbox-phone[data-number="${phones[0]}"]`);
      await expect.poll(() => thread.innerText(), POLL).toContain("Hi Pat0 🐶 treats 20% off");
      expect(await page.locator(`.sandbox-phone[data-number="${phones[5]}"]`).innerText()).toContain("Hi Pat5 🐶");

      // AND the list shows it sent
      await page.goto(app("/app/campaigns"));
      await expect.poll(() => page.getByRole("row", { name: /Weekend treats/ }).innerText(), POLL).toMatch(/^Weekend treats\s+SMS\s[\s\S]*Sent\s+6$/);
    } finally {
      await db.$disconnect();
    }
  });
});
