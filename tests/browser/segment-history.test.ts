// The membership history chart and the customer page in Chromium against `npm run demo`'s
// script: a saved segment's history matches the events in the database, and a member's page
// lists their segments and explains any segment clause by clause.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb } from "~/db/db.server";
import { DEMO_SHOP as SHOP, openDemo, type DemoInstance } from "./demo-server";
import { screenshot } from "./screenshot";

const DAY_MS = 86_400_000;
const n = (value: number) => new Intl.NumberFormat("en-US").format(value);

describe("segment history and customer explain in Chromium", () => {
  let demo: DemoInstance;

  beforeAll(async () => {
    demo = await openDemo("segment-history", 200);
  });

  afterAll(async () => demo?.close());

  it("charts a saved segment's history with the database's numbers, then explains a member from their page", async () => {
    const app = (path: string) => demo.url.replace(/\/app$/, path);
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 900 } });

    // GIVEN a segment saved from the "Repeat buyers" template
    await page.goto(app("/app/segments/new?template=repeat-buyers"));
    await page.getByRole("button", { name: "Save segment" }).click();
    await page.waitForURL(/\/app\/segments\/(?!new)[^/?]+\?saved=1$/);
    const segmentId = new URL(page.url()).pathname.split("/").at(-1) ?? "";

    // … with an older history that adds up: two members now were also in (and out) earlier,
    // and a second, two-clause segment
    const db = connectDb(demo.databaseUrl);
    const members = await db.segmentMembership.findMany({
      where: { shop: SHOP, segmentId },
      select: { customerId: true },
      orderBy: { customerId: "asc" },
    });
    expect(members.length).toBeGreaterThan(3);
    const now = Date.now();
    const event = (customerId: number, change: "ENTERED" | "EXITED", daysAgo: number) => ({
      shop: SHOP,
      segmentId,
      customerId,
      change,
      at: new Date(now - daysAgo * DAY_MS),
    });
    const [x, y] = members.map((m) => m.customerId);
    await db.segmentMembershipEvent.createMany({
      data: [event(x ?? 0, "ENTERED", 12), event(y ?? 0, "ENTERED", 12), event(x ?? 0, "EXITED", 9), event(y ?? 0, "EXITED", 4)],
    });
    await db.segment.create({
      data: {
        shop: SHOP,
        name: "Repeat buyers with 1000 orders",
        kind: "DYNAMIC",
        query: "number_of_orders >= 2 AND number_of_orders >= 1000",
      },
    });
    const counted = async (sinceDaysAgo: number) => {
      const where = (change: "ENTERED" | "EXITED") => ({
        shop: SHOP,
        segmentId,
        change,
        at: { gte: new Date(now - sinceDaysAgo * DAY_MS) },
      });
      return {
        entered: await db.segmentMembershipEvent.count({ where: where("ENTERED") }),
        exited: await db.segmentMembershipEvent.count({ where: where("EXITED") }),
      };
    };
    const last30 = await counted(28);
    const last7 = await counted(5);
    const segment = await db.segment.findUniqueOrThrow({ where: { id: segmentId }, select: { memberCount: true } });
    expect([last30.exited, last7.exited]).toEqual([2, 1]);

    // WHEN the segment's page is opened
    await page.goto(app(`/app/segments/${segmentId}`));

    // THEN both charts are drawn and the summary and the last day's members match the database
    const summary = page.locator("#membership-history-summary");
    await expect
      .poll(() => summary.innerText(), { timeout: 15_000 })
      .toBe(`Entered ${n(last30.entered)} · Exited ${n(last30.exited)} in the last 30 days`);
    await expect.poll(() => page.locator("#membership-history-members-chart svg").count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator("#membership-history-changes-chart svg").count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const membersOn = async (row: "first" | "last") =>
      (await page.locator("details table tbody tr")[row]().locator("td, th").allTextContents()).at(-1);
    expect(await membersOn("last")).toBe(String(segment.memberCount));
    expect(await membersOn("first")).toBe(String(segment.memberCount - last30.entered + last30.exited));
    await page
      .getByRole("heading", { name: "Membership history" })
      .evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 120));
    await screenshot(page, "segment-history.png");

    // WHEN the range is narrowed to 7 days THEN only this week's events count
    await page.getByLabel("History range").selectOption("7");
    await expect
      .poll(() => summary.innerText(), { timeout: 15_000 })
      .toBe(`Entered ${n(last7.entered)} · Exited ${n(last7.exited)} in the last 7 days`);
    expect(last7.entered).toBe(segment.memberCount);

    // WHEN a member's name is followed
    // (the members table's links carry the segment; the editor's live preview above links plainly)
    await page.locator('a[href^="/app/customers/"][href*="?segment="]').first().click();
    await page.waitForURL(/\/app\/customers\/\d+\?segment=/);
    const customerId = Number(new URL(page.url()).pathname.split("/").at(-1));
    const [memberOf, facts] = await Promise.all([
      db.segmentMembership.findMany({
        where: { shop: SHOP, customerId, segment: { deletedAt: null } },
        select: { segment: { select: { name: true } } },
      }),
      db.customerFacts.findUniqueOrThrow({ where: { customerId }, select: { orderCount: true } }),
    ]);
    await db.$disconnect();

    // THEN the page lists the segments the database has them in
    await expect
      .poll(() => page.locator("#customer-segments-heading").innerText(), { timeout: 15_000 })
      .toBe(memberOf.length === 1 ? "In 1 segment" : `In ${memberOf.length} segments`);
    for (const { segment: s } of memberOf) expect(await page.getByRole("link", { name: s.name, exact: true }).isVisible()).toBe(true);

    // WHEN another segment is picked THEN each of its clauses is true or false as the customer's facts say
    await page.getByLabel("Segment", { exact: true }).selectOption({ label: "Repeat buyers with 1000 orders" });
    const clause = (query: string) => page.locator(`.explain-clause-row[data-clause="${query}"]`);
    await expect
      .poll(() => clause("number_of_orders >= 1000").getAttribute("data-result"), { timeout: 15_000 })
      .toBe(String(facts.orderCount >= 1000));
    expect(await clause("number_of_orders >= 2").getAttribute("data-result")).toBe(String(facts.orderCount >= 2));
    expect(await page.locator("#customer-explain-membership").innerText()).toBe("Not a member of Repeat buyers with 1000 orders");
    expect(await clause("number_of_orders >= 1000").getByText("false", { exact: true }).isVisible()).toBe(true);
    await screenshot(page, "customer-explain.png", { fullPage: true });
  });
});
