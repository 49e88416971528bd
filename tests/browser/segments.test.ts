// Drives the segment pages in Chromium against `npm run demo`'s script (own port, own
// database): template → live count → parse error kept in place → failed save keeps the form → save →
// members → explain.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb } from "~/db/db.server";
import { DEMO_SHOP as SHOP, openDemo, type DemoInstance } from "./demo-server";
import { screenshot } from "./screenshot";

/** Counts wait on the server (300 ms debounce plus a request on a busy machine): poll for up to 15 s. */
const POLL = { timeout: 15_000, interval: 100 };

describe("segment editor in Chromium", () => {
  let demo: DemoInstance;

  beforeAll(async () => {
    demo = await openDemo("segments", 400);
  });

  afterAll(async () => demo?.close());

  it("builds a segment from a template with a live count, an in-place error, members and an explanation", async () => {
    // GIVEN how many demo customers have at least two and at least three orders
    const db = connectDb(demo.databaseUrl);
    const withOrders = (n: number) =>
      db.customerFacts.count({ where: { shop: SHOP, orderCount: { gte: n }, customer: { deletedAt: null, redactedAt: null } } });
    const [twoOrMore, threeOrMore] = await Promise.all([withOrders(2), withOrders(3)]);
    await db.$disconnect();
    expect(threeOrMore).toBeGreaterThan(0);
    expect(twoOrMore).toBeGreaterThan(threeOrMore);
    const customers = (n: number) => `${new Intl.NumberFormat("en-US").format(n)} customers`;

    // WHEN a person opens Segments and starts from the "Repeat buyers" template
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(demo.url.replace(/\/app$/, "/app/segments"));
    await page.getByRole("link", { name: "Use template Repeat buyers" }).click();
    await page.waitForURL(/\/app\/segments\/new\?template=repeat-buyers$/);
    // The editor opens on the visual builder; the text is on the Query tab.
    await page.getByRole("tab", { name: "Query" }).click();
    const query = page.locator("textarea#segment-query");
    const count = page.locator("#segment-count");

    // THEN the template's real query is in the editor with its live count
    expect(await query.inputValue()).toBe("number_of_orders >= 2");
    await expect.poll(() => count.innerText(), POLL).toBe(customers(twoOrMore));

    // WHEN the query changes, the count follows
    await query.fill("number_of_orders >= 3");
    await expect.poll(() => count.innerText(), POLL).toBe(customers(threeOrMore));

    // WHEN the query is broken, the error shows its position and the text stays as typed
    await query.fill("number_of_orders >=");
    const error = page.locator("#segment-queryError");
    await expect.poll(() => error.isVisible(), POLL).toBe(true);
    // … said once, in words (the parser's own "at 1:20" is not repeated)
    expect(await error.innerText()).toMatch(/^Line 1, column 20: /);
    expect(await error.innerText()).not.toMatch(/ at \d+:\d+/);
    expect(await query.inputValue()).toBe("number_of_orders >=");

    // WHEN a query the engine refuses is saved under a new name
    const name = page.getByLabel("Name", { exact: true });
    await name.fill("Loyal by RFM");
    await query.fill("rfm_group = 'LOYAL'");
    await page.getByRole("button", { name: "Save segment" }).click();
    // THEN the save fails with the reason, and the form keeps the name and the text as typed
    const saveError = page.locator("#segment-save-error");
    await expect.poll(() => saveError.isVisible(), POLL).toBe(true);
    expect(await saveError.innerText()).toContain("rfm_group");
    expect(page.url()).toMatch(/\/app\/segments\/new/);
    expect(await name.inputValue()).toBe("Loyal by RFM");
    expect(await query.inputValue()).toBe("rfm_group = 'LOYAL'");

    // WHEN it is fixed and saved
    await query.fill("number_of_orders >= 3");
    await expect.poll(() => count.innerText(), POLL).toBe(customers(threeOrMore));
    expect(await error.count()).toBe(0);
    await screenshot(page, "segment-editor.png", { fullPage: true });
    await page.getByRole("button", { name: "Save segment" }).click();

    // THEN the segment's page lists its members
    await page.waitForURL(/\/app\/segments\/(?!new)[^/?]+\?saved=1$/);
    await expect
      .poll(() => page.locator("#segment-members-heading").innerText(), POLL)
      .toContain(`Members: ${new Intl.NumberFormat("en-US").format(threeOrMore)}`);
    const firstMember = page.getByRole("link", { name: /^Explain / }).first();
    await expect.poll(() => firstMember.isVisible(), POLL).toBe(true);

    // WHEN the first member is explained THEN the clause shows as true with the fact it read
    await firstMember.click();
    await page.waitForURL(/\/explain\/\d+$/);
    await expect.poll(() => page.locator(".explain-clause").first().innerText(), POLL).toBe("number_of_orders >= 3");
    expect(await page.getByText("true", { exact: true }).first().isVisible()).toBe(true);
    expect(
      await page
        .getByText(/^Number of orders: \d+$/)
        .first()
        .isVisible(),
    ).toBe(true);
    await screenshot(page, "segment-explain.png", { fullPage: true });
  });
});
