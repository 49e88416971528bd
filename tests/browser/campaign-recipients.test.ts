// A sent campaign's recipients in Chromium against `npm run demo`'s script: the merchant opens
// the campaign, reads the table (holdout marked, addresses masked, failures with their reason,
// a click and an attributed order), filters it by status, pages through it and downloads the
// CSV through its single-use link.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb } from "~/db/db.server";
import { DEMO_SHOP as SHOP, openDemo, type DemoInstance } from "./demo-server";
import { screenshot } from "./screenshot";

const POLL = { timeout: 20_000, interval: 100 };
const SENT_AT = new Date("2026-12-05T15:00:00Z");
/** More than one page of 50: 60 texts, of which 3 failed and 2 skipped, and 5 held out. */
const RECIPIENTS = 65;

describe("a sent campaign's recipients in Chromium", () => {
  let demo: DemoInstance;

  beforeAll(async () => {
    demo = await openDemo("campaign-recipients", 200);
  });

  afterAll(async () => demo?.close());

  it("are listed, filtered, paged and downloaded as the merchant sees them", async () => {
    const app = (path: string) => demo.url.replace(/\/app$/, path);
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const db = connectDb(demo.databaseUrl);
    try {
      // GIVEN a campaign that went out to 65 demo customers: the first five held out, three
      // texts failed, two skipped, the rest delivered, and the first delivered one clicked and ordered
      const customers = await db.customer.findMany({
        where: { shop: SHOP },
        select: { id: true },
        orderBy: { id: "asc" },
        take: RECIPIENTS,
      });
      const ids = customers.map((c) => c.id);
      const phone = (i: number) => `+1212555${String(1000 + i)}`;
      for (const [i, id] of ids.entries())
        await db.customer.update({ where: { id }, data: { phone: phone(i), firstName: `Walk${i}`, lastName: "Tester" } });
      const campaign = await db.campaign.create({
        data: {
          shop: SHOP,
          name: "Recipients walk",
          channel: "SMS",
          status: "SENT",
          body: "Hi",
          holdoutPercent: 10,
          frozenAt: SENT_AT,
          startedAt: SENT_AT,
          finishedAt: SENT_AT,
          audienceCount: RECIPIENTS,
          holdoutCount: 5,
          enqueuedCount: 60,
        },
        select: { id: true },
      });
      await db.campaignHoldout.createMany({
        data: ids.slice(0, 5).map((customerId) => ({ shop: SHOP, campaignId: campaign.id, customerId })),
      });
      const status = (i: number) =>
        i >= 5 && i < 8
          ? { status: "UNDELIVERED" as const, lastError: "30003: Unreachable destination handset" }
          : i >= 8 && i < 10
            ? { status: "SKIPPED" as const, skipReason: "no_consent" }
            : { status: "DELIVERED" as const, sentAt: SENT_AT };
      await db.outboxMessage.createMany({
        data: ids.slice(5).map((customerId, k) => ({
          shop: SHOP,
          idempotencyKey: `campaign:${campaign.id}:${customerId}`,
          channel: "SMS" as const,
          customerId,
          recipient: phone(k + 5),
          body: "Hi",
          notBefore: SENT_AT,
          campaignId: campaign.id,
          ...status(k + 5),
        })),
      });
      const clickedRow = await db.outboxMessage.findFirstOrThrow({
        where: { campaignId: campaign.id, customerId: ids[10] },
        select: { id: true },
      });
      await db.messageEvent.create({
        data: {
          shop: SHOP,
          channel: "SMS",
          kind: "clicked",
          outboxMessageId: clickedRow.id,
          customerId: ids[10],
          campaignId: campaign.id,
          at: new Date(SENT_AT.getTime() + 60_000),
        },
      });
      const order = await db.order.create({
        data: {
          shop: SHOP,
          gid: "gid://shopify/Order/990001",
          name: "#9001",
          currency: "USD",
          totalPrice: 4250n,
          processedAt: SENT_AT,
          shopifyCreatedAt: SENT_AT,
          shopifyUpdatedAt: SENT_AT,
        },
        select: { id: true },
      });
      await db.orderAttribution.create({
        data: {
          shop: SHOP,
          orderId: order.id,
          customerId: ids[10],
          outboxMessageId: clickedRow.id,
          campaignId: campaign.id,
          channel: "SMS",
          touch: "clicked",
          touchAt: SENT_AT,
          orderAt: SENT_AT,
          revenue: 4250n,
          currency: "USD",
        },
      });

      // WHEN the merchant opens the campaign
      await page.goto(app(`/app/campaigns/${campaign.id}`));
      const table = page.locator("table").last();
      const rowOf = (name: string) => table.locator("tr", { hasText: name });

      // THEN the first page shows 50 recipients, the holdout marked and addresses masked
      await expect.poll(() => table.locator("tbody tr").count(), POLL).toBe(50);
      expect(await rowOf("Walk0 Tester").innerText()).toMatch(/\+•••••••1000\s+Held out/);
      expect(await page.getByText("+12125551000").count()).toBe(0);
      // AND a failure names its reason, and the clicked text shows its order
      expect(await rowOf("Walk5 Tester").innerText()).toMatch(/Failed\s*30003: Unreachable destination handset/);
      expect(await rowOf("Walk10 Tester").innerText()).toMatch(/Delivered[\s\S]*#9001 · 42\.50 USD/);
      await screenshot(page, "campaign-recipients.png", { fullPage: true });

      // WHEN they go to the next page THEN the last 15 show, and Previous comes back to the first
      await page.getByRole("button", { name: "Next" }).click();
      await expect.poll(() => table.locator("tbody tr").count(), POLL).toBe(15);
      expect(await rowOf("Walk64 Tester").count()).toBe(1);
      await page.getByRole("button", { name: "Previous" }).click();
      await expect.poll(() => rowOf("Walk0 Tester").count(), POLL).toBe(1);

      // WHEN they filter by Failed THEN only the three failures show, on one page
      await page.getByLabel("Status").selectOption("failed");
      await expect.poll(() => table.locator("tbody tr").count(), POLL).toBe(3);
      for (const i of [5, 6, 7]) expect(await rowOf(`Walk${i} Tester`).innerText()).toContain("30003: Unreachable destination handset");
      expect(await page.getByRole("button", { name: "Next" }).isDisabled()).toBe(true);
      // AND Held out shows the five held out
      await page.getByLabel("Status").selectOption("held_out");
      await expect.poll(() => table.locator("tbody tr").count(), POLL).toBe(5);

      // WHEN they export THEN the browser downloads every recipient, with full numbers, once
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
      expect(download.suggestedFilename()).toBe("Recipients walk recipients.csv");
      const lines = readFileSync(await download.path(), "utf8")
        .trim()
        .split("\r\n");
      expect(lines).toHaveLength(RECIPIENTS + 1);
      expect(lines[1]).toMatch(new RegExp(`^${ids[0]},gid://shopify/Customer/\\d+,Walk0,Tester,'\\+12125551000,held_out,`));
      expect(lines.filter((l) => l.includes(",failed,30003: Unreachable destination handset,"))).toHaveLength(3);
      const again = await page.request.get(download.url());
      expect(again.status()).toBe(403);
    } finally {
      await page.close();
      await db.$disconnect();
    }
  });
});
