// What a merchant sees while editing a segment, in Chromium against `npm run demo`'s script:
// a query problem said once and marked in the text, the in-app filter reference, a saved
// segment without a "not valid" flash or a second list of the same customers, a "Saved"
// confirmation, an explanation in words and shop-time dates, and a title on every page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { factValue } from "~/components/segments/explain-facts";
import { connectDb } from "~/db/db.server";
import { listFilters } from "~/segments/query-language";
import { DEMO_SHOP as SHOP, openDemo, type DemoInstance } from "./demo-server";
import { screenshot } from "./screenshot";

const POLL = { timeout: 15_000, interval: 100 };
const NOT_VALID = "The preview shows once the rule is valid.";

describe("segment editor feedback in Chromium", () => {
  let demo: DemoInstance;

  beforeAll(async () => {
    demo = await openDemo("editor-feedback", 300);
  });

  afterAll(async () => demo?.close());

  it("marks a query problem in the text, links the filter reference, confirms a save and explains in words", async () => {
    const app = (path: string) => demo.url.replace(/\/app$/, path);
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 900 } });

    // GIVEN the home page and the segments list have titles
    await page.goto(demo.url);
    await expect.poll(() => page.title(), POLL).toBe("Home · Flock");
    await page.goto(app("/app/segments"));
    expect(await page.title()).toBe("Segments · Flock");

    // WHEN a filter name is misspelt on the Query tab of a new segment
    await page.goto(app("/app/segments/new"));
    expect(await page.title()).toBe("New segment · Segments · Flock");
    await page.getByRole("tab", { name: "Query" }).click();
    const query = page.locator("textarea#segment-query");
    const error = page.locator("#segment-queryError");
    await query.fill("number_of_orders >= 2 AND amout_spent > 5");

    // THEN the problem is said once, with its place in words, and the word is marked in the text
    await expect.poll(() => error.isVisible(), POLL).toBe(true);
    expect(await error.innerText()).toBe("Line 1, column 27: Unknown filter 'amout_spent' — did you mean 'amount_spent'?");
    const mark = page.locator("#segment-query-mark");
    expect(await mark.innerText()).toBe("amout_spent");
    const [markBox, areaBox] = await Promise.all([mark.boundingBox(), query.boundingBox()]);
    if (!markBox || !areaBox) throw new Error("mark or query not laid out");
    // The mark lies over the text area, on its first line, a little to the right of its start.
    expect(markBox.y).toBeGreaterThanOrEqual(areaBox.y);
    expect(markBox.y + markBox.height).toBeLessThanOrEqual(areaBox.y + areaBox.height);
    expect(markBox.x).toBeGreaterThan(areaBox.x + 100);
    // … and is drawn above the text area's own layer, not hidden behind it
    const layers = await mark.evaluate((m) => [
      Number(getComputedStyle(m.parentElement ?? m).zIndex),
      Number(getComputedStyle(document.querySelector("textarea#segment-query") ?? m).zIndex),
    ]);
    expect(layers[0]).toBeGreaterThan(layers[1] ?? 0);
    await screenshot(page, "segment-query-error.png");

    // WHEN the filter is unknown altogether THEN the error links the in-app reference, not a repository file
    await query.fill("favourite_colour = 'red'");
    await expect.poll(() => error.innerText(), POLL).toBe("Line 1, column 1: Unknown filter 'favourite_colour' — see all filters");
    expect(await mark.innerText()).toBe("favourite_colour");
    expect(await page.content()).not.toContain("docs/SEGMENTS.md");
    const href = await error.getByRole("link", { name: "see all filters" }).getAttribute("href");
    expect(href).toBe("/app/segments/reference");

    // WHEN a filter only Shopify can evaluate is used THEN it is marked too, its place said once
    await query.fill("number_of_orders >= 1 AND rfm_group = 'LOYAL'");
    await expect
      .poll(() => error.innerText(), POLL)
      .toBe("Line 1, column 27: Flock cannot evaluate the filter 'rfm_group' yet — it only works inside Shopify");
    expect(await mark.innerText()).toBe("rfm_group");

    // AND the reference lists every filter with its operators and an example
    const reference = await demo.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await reference.goto(app(href ?? ""));
    expect(await reference.title()).toBe("Segment filters · Segments · Flock");
    for (const spec of listFilters()) {
      const entry = reference.locator(`[id="filter-${spec.name}"]`);
      expect(await entry.count(), spec.name).toBe(1);
      const text = await entry.innerText();
      expect(text, spec.name).toContain("Example: ");
      if (spec.operators.length > 0) expect(text, spec.name).toContain(`Operators: ${spec.operators.join(", ")}`);
      expect(text.includes("Only in Shopify"), spec.name).toBe(!spec.evaluable);
    }
    await screenshot(reference, "segment-filter-reference.png");
    await reference.close();

    // WHEN a valid rule is saved
    const rule = "number_of_orders >= 2 AND (last_order_date > -3650d OR abandoned_checkouts MATCHES (date > -30d))";
    await page.getByLabel("Name", { exact: true }).fill("Repeat buyers");
    await query.fill(rule);
    await expect.poll(() => error.count(), POLL).toBe(0);
    await page.getByRole("button", { name: "Save segment" }).click();

    // THEN its page confirms the save with the new count, names itself, and lists each member once
    await page.waitForURL(/\/app\/segments\/(?!new)[^/?]+\?saved=1$/);
    const segmentId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
    const db = connectDb(demo.databaseUrl);
    const members = () => db.segmentMembership.count({ where: { shop: SHOP, segmentId } });
    const fmt = (n: number) => new Intl.NumberFormat("en-US").format(n);
    await expect
      .poll(() => page.locator("#segment-saved").innerText(), POLL)
      .toBe(`Saved. ${fmt(await members())} customers match the rule now.`);
    expect(await page.title()).toBe("Repeat buyers · Segments · Flock");
    expect(await page.getByText(NOT_VALID).count()).toBe(0);
    expect(await page.getByRole("heading", { name: /^Preview/ }).count()).toBe(0);
    const customerLinks = await page
      .locator('a[href^="/app/customers/"]')
      .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(customerLinks.length).toBeGreaterThan(0);
    expect(new Set(customerLinks).size).toBe(customerLinks.length);

    // AND the members' next page does not repeat the confirmation
    const nextPage = await page.locator('a[href*="page=2"]').first().getAttribute("href");
    expect(nextPage).toMatch(/^\/app\/segments\/[^?]+\?page=2$/);

    // AND the confirmation can be dismissed
    await page.getByRole("button", { name: "Dismiss notification" }).click();
    await page.waitForURL(/\/app\/segments\/[^/?]+$/);
    await expect.poll(() => page.locator("#segment-saved").count(), POLL).toBe(0);

    // WHEN the rule is edited THEN the preview shows what the change would match, never "once the rule is valid"
    await page.getByRole("tab", { name: "Query" }).click();
    await query.fill(rule.replace(">= 2", ">= 3"));
    await expect.poll(() => page.getByRole("heading", { name: "Preview of your changes" }).isVisible(), POLL).toBe(true);
    expect(await page.getByText(NOT_VALID).count()).toBe(0);
    await expect.poll(() => page.locator('[id^="preview-"]').count(), POLL).toBeGreaterThan(0);

    // WHEN the edit is saved THEN the confirmation carries the new count as soon as the page is back
    const started = Date.now();
    await page.getByRole("button", { name: "Save segment" }).click();
    await page.waitForURL(/\?saved=1$/);
    await expect.poll(() => page.locator("#segment-saved").isVisible(), POLL).toBe(true);
    console.info(`segment edit saved and confirmed in ${Date.now() - started} ms`);
    const after = fmt(await members());
    expect(await page.locator("#segment-saved").innerText()).toBe(`Saved. ${after} customers match the rule now.`);
    expect(await page.locator("#segment-members-heading").innerText()).toContain(`Members: ${after} `);

    // WHEN a member is explained
    const first = page.getByRole("link", { name: /^Explain / }).first();
    await first.click();
    await page.waitForURL(/\/explain\/\d+$/);
    const customerId = Number(new URL(page.url()).pathname.split("/").at(-1));
    const [shop, facts, customer] = await Promise.all([
      db.shop.findUniqueOrThrow({ where: { shop: SHOP }, select: { ianaTimezone: true } }),
      db.customerFacts.findUniqueOrThrow({ where: { customerId }, select: { lastOrderAt: true } }),
      db.customer.findUniqueOrThrow({ where: { id: customerId }, select: { firstName: true, lastName: true } }),
    ]);
    await db.$disconnect();

    // THEN the facts read in words, the dates in the shop's time zone, and the tab names the page
    await expect.poll(() => page.locator(".explain-clause").count(), POLL).toBe(3);
    const text = await page.locator("#AppFrameMain").innerText();
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    expect(text).not.toMatch(/abandoned_checkouts\.|_rows|number_of_orders:/);
    expect(text).toMatch(/All abandoned checkouts: \d+/);
    expect(text).toMatch(/Number of orders: \d+/);
    expect(text).toContain(`Last order date: ${factValue(facts.lastOrderAt?.toISOString() ?? null, shop.ianaTimezone)}`);
    expect(await page.title()).toContain(`· Repeat buyers · Flock`);
    expect(await page.title()).toContain([customer.firstName, customer.lastName].filter(Boolean).join(" ") || "Why");
    await screenshot(page, "segment-explain-words.png", { fullPage: true });

    // AND the customer's own page has a title too
    await page.getByRole("link", { name: "Customer page" }).click();
    await page.waitForURL(/\/app\/customers\/\d+/);
    await expect.poll(() => page.title(), POLL).toMatch(/ · Customers · Flock$/);
  });
});
