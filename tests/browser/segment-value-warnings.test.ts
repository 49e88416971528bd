// Drives the segment editor in Chromium against `npm run demo`'s script: a city the store does
// not have is flagged under the query with the closest city and its customers; Shopify's own
// spelling of that city counts its customers and is not flagged (#12).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb } from "~/db/db.server";
import { DEMO_SHOP as SHOP, openDemo, type DemoInstance } from "./demo-server";
import { screenshot } from "./screenshot";

/** Counts wait on the server (300 ms debounce plus a request on a busy machine): poll for up to 15 s. */
const POLL = { timeout: 15_000, interval: 100 };

describe("value warnings in the segment editor", () => {
  let demo: DemoInstance;

  beforeAll(async () => {
    demo = await openDemo("value-warnings", 300);
  });

  afterAll(async () => demo?.close());

  it("flags a misspelt city with the closest one, and counts Shopify's spelling without a warning", async () => {
    // GIVEN how many demo customers live in New York
    const db = connectDb(demo.databaseUrl);
    const newYorkers = await db.customer.count({
      where: { shop: SHOP, countryCode: "US", provinceCode: "NY", city: "New York", deletedAt: null, redactedAt: null },
    });
    await db.$disconnect();
    expect(newYorkers).toBeGreaterThan(0);
    const customers = (n: number) => `${new Intl.NumberFormat("en-US").format(n)} customers`;

    // WHEN a person types a misspelt city key on the Query tab of a new segment
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(demo.url.replace(/\/app$/, "/app/segments/new"));
    await page.getByRole("tab", { name: "Query" }).click();
    const query = page.locator("textarea#segment-query");
    const count = page.locator("#segment-count");
    const warnings = page.locator("#segment-value-warnings");
    await query.fill("customer_cities CONTAINS 'US-NY-NewYrok'");

    // THEN the count is 0 and a banner under the query names the closest city with its customers
    await expect.poll(() => warnings.isVisible(), POLL).toBe(true);
    expect(await count.innerText()).toBe(customers(0));
    expect(await warnings.innerText()).toContain(`'US-NY-NewYork' (${newYorkers} customers)`);
    await screenshot(page, "segment-value-warning.png", { fullPage: true });

    // WHEN the city is written as Shopify writes it
    await query.fill("customer_cities CONTAINS 'US-NY-NewYorkCity'");
    // THEN New York's customers are counted and the banner is gone
    await expect.poll(() => count.innerText(), POLL).toBe(customers(newYorkers));
    expect(await warnings.count()).toBe(0);
  });
});
