// A campaign in Chromium against `npm run demo`'s script: create an SMS campaign to a segment,
// preview it (counts and cost), send it, watch the progress bar finish, find the texts on the
// Sandbox Messages page, reply STOP from one phone, follow a link from another, and see the
// campaign's results count the deliveries, the click and the unsubscribe, with its cost.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb } from "~/db/db.server";
import { DEMO_SHOP as SHOP, openDemo, type DemoInstance } from "./demo-server";
import { screenshot } from "./screenshot";

const POLL = { timeout: 20_000, interval: 100 };
// Headless Chromium's own agent is on the link-preview list (link scanners use it): the customer taps from a phone.
const PHONE_UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

/** The merchant's storefront stand-in: answers every page. */
async function startShop(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end("<!doctype html><title>Treats</title><h1>Weekend treats</h1>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("shop server has no port");
  return { server, origin: `http://127.0.0.1:${address.port}` };
}

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
  let shop: Awaited<ReturnType<typeof startShop>>;

  beforeAll(async () => {
    demo = await openDemo("campaigns", 200);
    shop = await startShop();
    // A first run builds the app; on the shared 2-core machine that alone can take minutes.
  }, 600_000);

  afterAll(async () => {
    shop?.server.close();
    await demo?.close();
  });

  it("is created, previewed with counts and cost, sent, followed to the end, found in the sandbox, and counts the replies", async () => {
    const app = (path: string) => demo.url.replace(/\/app$/, path);
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const db = connectDb(demo.databaseUrl);
    try {
      // GIVEN a segment of six subscribed customers, where it is daytime now, and 5 texts per second
      const place = placeInDaytime(new Date());
      const customers = await db.customer.findMany({ where: { shop: SHOP }, select: { id: true }, orderBy: { id: "asc" }, take: 6 });
      const phones = customers.map((_, i) => `${place.prefix}${String(i).padStart(2, "0")}`);
      for (const [i, c] of customers.entries()) {
        await db.customer.update({
          where: { id: c.id },
          data: {
            phone: phones[i],
            countryCode: place.country,
            provinceCode: place.province,
            smsMarketingState: "SUBSCRIBED",
            firstName: `Pat${i}`,
          },
        });
      }
      const segment = await db.segment.create({
        data: { shop: SHOP, name: "Campaign walk", kind: "STATIC", memberCount: 6 },
        select: { id: true },
      });
      await db.segmentMembership.createMany({
        data: customers.map((c) => ({ shop: SHOP, segmentId: segment.id, customerId: c.id, enteredAt: new Date() })),
      });
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
      await expect
        .poll(() => page.locator("#sms-diagnostics").innerText(), POLL)
        .toMatch(/^GSM-7 · 1 segment .* per message to US numbers$/);
      await page.getByLabel("Text message").fill("Hi {{ customer.first_name }} 🐶 treats 20% off");
      await expect.poll(() => page.locator("#sms-diagnostics").innerText(), POLL).toMatch(/^UCS-2 · 1 segment/);
      await page.getByLabel("Text message").fill(`Hi {{ customer.first_name }} 🐶 20% off ${shop.origin}/treats`);

      // WHEN previewed THEN all six send at once and the total cost shows
      await page.getByRole("button", { name: "Preview", exact: true }).click();
      await expect.poll(() => page.locator("#preview-send-now").innerText(), POLL).toBe("6 send at once");
      expect(await page.locator("#preview-cost").innerText()).toMatch(
        /^UCS-2, \d segments? per message \(\d+ in all\) · total cost \$\d+\.\d+$/,
      );
      await screenshot(page, "campaign-editor.png", { fullPage: true });

      // WHEN sent, after the confirmation
      await page.getByRole("button", { name: "Send now" }).first().click();
      await page.getByRole("dialog").getByRole("button", { name: "Send now" }).click();

      // THEN the campaign page follows its progress without a reload, to the end
      await expect
        .poll(() => page.locator("#campaign-status").getAttribute("data-status"), { timeout: 60_000, interval: 250 })
        .toBe("SENT");
      expect(await page.locator("#campaign-progress").innerText()).toBe("6 sent · 0 remaining");
      await screenshot(page, "campaign-sent.png");
      expect(await db.outboxMessage.count({ where: { shop: SHOP, campaignId } })).toBe(6);

      // AND each phone got its text, personalised, on the Sandbox Messages page
      await page.getByRole("link", { name: "Messages" }).click();
      await page.waitForURL(/\/app\/sandbox\/messages$/);
      const thread = page.locator(`.sandbox-phone[data-number="${phones[0]}"]`);
      await expect.poll(() => thread.innerText(), POLL).toContain("Hi Pat0 🐶 20% off");
      expect(await page.locator(`.sandbox-phone[data-number="${phones[5]}"]`).innerText()).toContain("Hi Pat5 🐶");

      // WHEN the second phone replies STOP
      await page
        .locator("form", { has: page.getByLabel(`Reply as ${phones[1]}`) })
        .getByRole("button", { name: "STOP", exact: true })
        .click();
      await expect.poll(() => page.locator(`.sandbox-phone[data-number="${phones[1]}"]`).innerText(), POLL).toMatch(/STOP/);
      // AND the first taps the link in its text, on the phone
      const customer = await demo.browser.newContext({ viewport: { width: 390, height: 844 }, userAgent: PHONE_UA });
      try {
        const phone = await customer.newPage();
        await phone.goto(app("/app/sandbox/messages"));
        const link = phone.locator(`.sandbox-phone[data-number="${phones[0]}"]`).getByRole("link", { name: /\/l\/[0-9A-Za-z]{12}$/ });
        const [landing] = await Promise.all([customer.waitForEvent("page"), link.click()]);
        await landing.waitForLoadState();
        // THEN it lands on the shop's page
        expect(new URL(landing.url()).pathname).toBe("/treats");
        expect(await landing.getByRole("heading").innerText()).toBe("Weekend treats");
      } finally {
        await customer.close();
      }

      // WHEN the merchant returns to the campaign, once the status callbacks have arrived
      await expect.poll(() => db.outboxMessage.count({ where: { shop: SHOP, campaignId, status: "DELIVERED" } }), POLL).toBe(6);
      await page.goto(app(`/app/campaigns/${campaignId}`));
      // THEN its results show the six deliveries, the click and the unsubscribe
      await expect.poll(() => page.locator("#campaign-stat-delivered").innerText(), POLL).toMatch(/^Delivered\s+6$/);
      expect(await page.locator("#campaign-stat-clicked").innerText()).toMatch(/^Clicked\s+1$/);
      expect(await page.locator("#campaign-stat-unsubscribed").innerText()).toMatch(/^Unsubscribed\s+1$/);
      // AND what the texts cost, the chart over time, and why there is no lift to show
      await expect.poll(() => page.locator("#campaign-cost").innerText(), POLL).toMatch(/^Cost \$\d+\.\d{2,4} · 6 texts, (6|12) segments$/);
      await expect.poll(() => page.locator("#campaign-timeline-chart svg").count(), POLL).toBeGreaterThan(0);
      expect(await page.locator("#campaign-lift").innerText()).toMatch(/^No holdout: everyone in the audience was sent this campaign/);
      await screenshot(page, "campaign-results.png", { fullPage: true });

      // AND the list shows it sent
      await page.goto(app("/app/campaigns"));
      await expect
        .poll(() => page.getByRole("row", { name: /Weekend treats/ }).innerText(), POLL)
        .toMatch(/^Weekend treats\s+SMS\s[\s\S]*Sent\s+6$/);
    } finally {
      await db.$disconnect();
    }
  });

  it("shows a holdout campaign's lift: the verdict, both groups and how they are measured", async () => {
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const db = connectDb(demo.databaseUrl);
    try {
      // GIVEN an email campaign sent just now to 100 customers, with 100 more held out
      const people = await db.customer.findMany({
        where: { shop: SHOP },
        select: { id: true, email: true },
        orderBy: { id: "asc" },
        take: 200,
      });
      expect(people).toHaveLength(200);
      // (the held-out group counts only customers with an address for the channel)
      for (const c of people.filter((p) => p.email === null))
        await db.customer.update({ where: { id: c.id }, data: { email: `walk${c.id}@example.com` } });
      const messaged = people.slice(0, 100);
      const held = people.slice(100);
      const frozenAt = new Date();
      const { currency } = await db.shop.findUniqueOrThrow({ where: { shop: SHOP }, select: { currency: true } });
      const campaign = await db.campaign.create({
        data: {
          shop: SHOP,
          name: "Holdout walk",
          channel: "EMAIL",
          subject: "Treats",
          status: "SENT",
          holdoutPercent: 50,
          frozenAt,
          startedAt: frozenAt,
          finishedAt: frozenAt,
          audienceCount: 200,
          holdoutCount: 100,
          enqueuedCount: 100,
        },
        select: { id: true },
      });
      await db.outboxMessage.createMany({
        data: messaged.map((c) => ({
          shop: SHOP,
          idempotencyKey: `campaign:${campaign.id}:${c.id}`,
          channel: "EMAIL" as const,
          customerId: c.id,
          recipient: `walk${c.id}@example.com`,
          subject: "Treats",
          body: "Treats",
          notBefore: frozenAt,
          campaignId: campaign.id,
          status: "DELIVERED" as const,
          sentAt: frozenAt,
        })),
      });
      await db.campaignHoldout.createMany({ data: held.map((c) => ({ shop: SHOP, campaignId: campaign.id, customerId: c.id })) });
      // AND since then 30 messaged and 5 held-out customers each ordered for 40.00 (the store's own orders are all older)
      const buyers = [...messaged.slice(0, 30), ...held.slice(0, 5)];
      await db.order.createMany({
        data: buyers.map((c, i) => {
          const at = new Date(frozenAt.getTime() + 1 + i);
          return {
            shop: SHOP,
            gid: `gid://shopify/Order/lift-walk-${i}`,
            name: `#LW${i}`,
            customerId: c.id,
            currency,
            totalPrice: 4_000n,
            processedAt: at,
            shopifyCreatedAt: at,
            shopifyUpdatedAt: at,
          };
        }),
      });

      // WHEN the merchant opens the campaign
      await page.goto(demo.url.replace(/\/app$/, `/app/campaigns/${campaign.id}`));

      // THEN the lift card gives the verdict in words, with both intervals
      const lift = page.locator("#campaign-lift");
      await expect
        .poll(() => lift.count().then((n) => (n > 0 ? lift.innerText() : "")), POLL)
        .toMatch(
          /^The campaign brought more orders: 30\.0% of messaged customers ordered, against 5\.0% of those held out \(\+25\.0 points; 95% confidence interval \+\d+\.\d points to \+\d+\.\d points\)\. Revenue per recipient: \S+12\.00 against \S+2\.00 \(\+\S+10\.00; 95% confidence interval [+−]\S+ to \+\S+\)\. The window is still open, so these figures can change\.$/,
        );
      // AND a row per group, and how both are measured, with the minimum for a verdict
      expect(await page.getByRole("row", { name: /^Messaged/ }).innerText()).toMatch(/^Messaged\s+100\s+30\s+30\.0%\s+\S+12\.00$/);
      expect(await page.getByRole("row", { name: /^Held out/ }).innerText()).toMatch(/^Held out\s+100\s+5\s+5\.0%\s+\S+2\.00$/);
      const method = await page.getByText("Both groups are measured the same way").innerText();
      expect(method).toContain("whether or not the order is attributed to a message");
      expect(method).toContain("A verdict needs at least 100 customers in each group and 10 who ordered");
      await screenshot(page, "campaign-lift.png", { fullPage: true });
    } finally {
      await db.$disconnect();
    }
  });
});
