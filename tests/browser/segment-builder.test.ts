// Drives the visual builder in Chromium against `npm run demo`'s script (own port, own
// database): template → builder value → count → Query tab → text edit → builder → save → reopen.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb } from "~/db/db.server";
import { DEMO_SHOP as SHOP, openDemo, type DemoInstance } from "./demo-server";
import { screenshot } from "./screenshot";

/** Counts and previews wait on the server (300 ms debounce plus a request on a busy machine): poll for up to 15 s. */
const POLL = { timeout: 15_000, interval: 100 };

/** Errors the page logs or throws (a hydration mismatch, a failed fetch); the walk expects none. */
function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

describe("segment builder in Chromium", () => {
  let demo: DemoInstance;

  beforeAll(async () => {
    demo = await openDemo("segment-builder", 400);
  });

  afterAll(async () => demo?.close());

  it("edits one rule in the builder and as text, with a live count and preview, and reopens it as rows", async () => {
    // GIVEN how many demo customers match each rule the walk produces, counted from the database
    const db = connectDb(demo.databaseUrl);
    const shopRow = await db.shop.findUniqueOrThrow({ where: { shop: SHOP }, select: { currency: true } });
    const minorDigits =
      new Intl.NumberFormat("en-US", { style: "currency", currency: shopRow.currency }).resolvedOptions().maximumFractionDigits ?? 2;
    const live = { deletedAt: null, redactedAt: null };
    const matching = (orders: number, minSpent?: number) =>
      db.customerFacts.count({
        where: {
          shop: SHOP,
          orderCount: { gte: orders },
          ...(minSpent === undefined ? {} : { amountSpent: { gte: BigInt(minSpent * 10 ** minorDigits) } }),
          customer: live,
        },
      });
    const [twoOrMore, threeOrMore] = await Promise.all([matching(2), matching(3)]);
    // An amount that splits the three-order customers, so the second clause visibly changes the count.
    const spent = await db.customerFacts.findMany({
      where: { shop: SHOP, orderCount: { gte: 3 }, customer: live },
      select: { amountSpent: true },
      orderBy: { amountSpent: "asc" },
    });
    const median = Math.floor(Number(spent[Math.floor(spent.length / 2)]?.amountSpent ?? 0n) / 10 ** minorDigits);
    const bothClauses = await matching(3, median);
    const eitherClause = await db.customerFacts.count({
      where: { shop: SHOP, customer: live, OR: [{ orderCount: { gte: 3 } }, { amountSpent: { gte: BigInt(median * 10 ** minorDigits) } }] },
    });
    await db.$disconnect();
    expect(threeOrMore).toBeGreaterThan(0);
    expect(twoOrMore).toBeGreaterThan(threeOrMore);
    expect(bothClauses).toBeLessThan(threeOrMore);
    expect(eitherClause).toBeGreaterThan(bothClauses);
    const customers = (n: number) => `${new Intl.NumberFormat("en-US").format(n)} customers`;

    // WHEN a person opens Segments and starts from the "Repeat buyers" template
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const pageErrors = collectPageErrors(page);
    await page.goto(demo.url.replace(/\/app$/, "/app/segments"));
    await page.getByRole("link", { name: "Use template Repeat buyers" }).click();
    await page.waitForURL(/\/app\/segments\/new\?template=repeat-buyers$/);
    const count = page.locator("#segment-count");
    const rows = page.locator("#segment-builder .builder-row");
    const previewLinks = page.getByRole("link", { name: /^Open / });

    // THEN the builder shows the template as one row: number of orders, at least, 2 — with its count and preview
    await expect.poll(() => rows.count(), POLL).toBe(1);
    expect(await rows.first().getAttribute("data-filter")).toBe("number_of_orders");
    const value = rows.first().locator("input[type=number]");
    expect(await value.inputValue()).toBe("2");
    await expect.poll(() => count.innerText(), POLL).toBe(customers(twoOrMore));
    await expect.poll(() => previewLinks.count(), POLL).toBe(Math.min(20, twoOrMore));

    // WHEN the value changes from 2 to 3 in the builder THEN the count follows
    await value.fill("3");
    await expect.poll(() => count.innerText(), POLL).toBe(customers(threeOrMore));
    await expect.poll(() => previewLinks.count(), POLL).toBe(Math.min(20, threeOrMore));

    // WHEN the preview's next page opens THEN it lists the next customers of the same rule
    if (threeOrMore > 20) {
      const firstOnPageOne = await previewLinks.first().innerText();
      await page.locator("#segment-preview-pagination").getByRole("button", { name: "Next" }).click();
      await expect.poll(() => page.locator("#segment-preview-pagination").innerText(), POLL).toContain("Page 2");
      await expect.poll(() => previewLinks.count(), POLL).toBe(Math.min(20, threeOrMore - 20));
      expect(await previewLinks.first().innerText()).not.toBe(firstOnPageOne);
    }

    // WHEN the Query tab opens THEN it holds the regenerated text
    await page.getByRole("tab", { name: "Query" }).click();
    const query = page.locator("textarea#segment-query");
    expect(await query.inputValue()).toBe("number_of_orders >= 3");

    // WHEN the text is broken THEN the builder refuses to rewrite it and the text survives the round trip
    await query.fill("number_of_orders >= 3 AND");
    await expect.poll(() => page.locator("#segment-queryError").isVisible(), POLL).toBe(true);
    await page.getByRole("tab", { name: "Builder" }).click();
    expect(await page.getByText("Fix the query to edit it visually").isVisible()).toBe(true);
    await page.getByRole("tab", { name: "Query" }).click();
    expect(await query.inputValue()).toBe("number_of_orders >= 3 AND");

    // WHEN the text gains a second clause THEN the count follows and the builder shows two rows
    await query.fill(`number_of_orders >= 3 AND amount_spent >= ${median}`);
    await expect.poll(() => count.innerText(), POLL).toBe(customers(bothClauses));
    await page.getByRole("tab", { name: "Builder" }).click();
    await expect.poll(() => rows.count(), POLL).toBe(2);
    expect(await rows.nth(1).getAttribute("data-filter")).toBe("amount_spent");
    expect(await rows.nth(1).locator("input[type=number]").inputValue()).toBe(String(median));
    await screenshot(page, "segment-builder.png", { fullPage: true });

    // WHEN the group switches to "Any (OR)" THEN the count is the union, and the text says OR
    await page.getByRole("button", { name: "Any filter (OR)" }).click();
    await expect.poll(() => count.innerText(), POLL).toBe(customers(eitherClause));
    await page.getByRole("tab", { name: "Query" }).click();
    expect(await query.inputValue()).toBe(`number_of_orders >= 3 OR amount_spent >= ${median}`);
    await page.getByRole("tab", { name: "Builder" }).click();
    await page.getByRole("button", { name: "All filters (AND)" }).click();
    await expect.poll(() => count.innerText(), POLL).toBe(customers(bothClauses));

    // WHEN it is named and saved
    await page.getByLabel("Name").fill("Big repeat buyers");
    await page.getByRole("button", { name: "Save segment" }).click();

    // THEN the reopened segment shows the same rows in the builder
    await page.waitForURL(/\/app\/segments\/(?!new)[^/?]+\?saved=1$/);
    await page.reload();
    await expect.poll(() => rows.count(), POLL).toBe(2);
    expect(await rows.nth(0).getAttribute("data-filter")).toBe("number_of_orders");
    expect(await rows.nth(0).locator("input[type=number]").inputValue()).toBe("3");
    expect(await rows.nth(1).locator("input[type=number]").inputValue()).toBe(String(median));
    await expect.poll(() => count.innerText(), POLL).toBe(customers(bothClauses));
    expect(pageErrors).toEqual([]);
  });

  it("suggests tags from the shop's customers and counts the chosen one", async () => {
    // GIVEN a tag the demo customers carry and how many live customers carry it
    const db = connectDb(demo.databaseUrl);
    const tagged = await db.customer.findMany({
      where: { shop: SHOP, deletedAt: null, redactedAt: null, NOT: { tags: "" } },
      select: { tags: true },
    });
    await db.$disconnect();
    const tagLists = tagged.map((c) =>
      c.tags
        .split(",")
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
    );
    const tag = tagged[0]?.tags.split(",")[0]?.trim() ?? "";
    expect(tag).not.toBe("");
    const withTag = tagLists.filter((tags) => tags.includes(tag.toLowerCase())).length;

    // WHEN a custom segment gets a "Customer tags contains" row and the first letters of the tag are typed
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const pageErrors = collectPageErrors(page);
    await page.goto(demo.url.replace(/\/app$/, "/app/segments/new"));
    await page.getByRole("button", { name: "Add filter" }).click();
    const row = page.locator("#segment-builder .builder-row").first();
    await row.getByLabel("Filter", { exact: true }).selectOption("customer_tags");
    await expect.poll(() => row.getAttribute("data-filter"), POLL).toBe("customer_tags");
    const value = row.getByLabel("Value", { exact: true });
    await value.fill(tag.slice(0, 2));

    // THEN the tag is offered from the shop's data; choosing it counts its customers
    const option = page.getByRole("option", { name: tag, exact: true });
    await expect.poll(() => option.isVisible(), POLL).toBe(true);
    await option.click();
    expect(await value.inputValue()).toBe(tag);
    await expect
      .poll(() => page.locator("#segment-count").innerText(), POLL)
      .toBe(`${new Intl.NumberFormat("en-US").format(withTag)} customers`);
    expect(pageErrors).toEqual([]);
  });

  it("shows the product template as a purchase row whose product comes from the synced catalogue", async () => {
    // GIVEN the shop's first product, which the template points at
    const db = connectDb(demo.databaseUrl);
    const product = await db.product.findFirstOrThrow({
      where: { shop: SHOP, deletedAt: null },
      orderBy: { id: "asc" },
      select: { gid: true, title: true },
    });
    await db.$disconnect();
    const productId = product.gid.slice(product.gid.lastIndexOf("/") + 1);

    // WHEN a person starts from "Bought a product"
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const pageErrors = collectPageErrors(page);
    await page.goto(demo.url.replace(/\/app$/, "/app/segments"));
    await page.getByRole("link", { name: "Use template Bought a product" }).click();
    await page.waitForURL(/template=bought-product$/);

    // THEN the builder shows one purchase row with the product's id, and the field offers the product by title
    const rows = page.locator("#segment-builder .builder-row");
    await expect.poll(() => rows.count(), POLL).toBe(1);
    expect(await rows.first().getAttribute("data-filter")).toBe("products_purchased");
    const field = rows.first().getByLabel("Product", { exact: true });
    expect(await field.inputValue()).toBe(productId);
    await field.click();
    await expect.poll(() => page.getByRole("option", { name: `${product.title} — ${productId}` }).isVisible(), POLL).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
