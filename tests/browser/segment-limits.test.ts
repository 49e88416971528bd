// The segment editor at its limits in Chromium against `npm run demo`'s script (own port, own
// database): a query just under save's limit gets a live count (it used to go in the URL and
// come back an empty 431), and a refused name shows its message on the Name field.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb } from "~/db/db.server";
import { MAX_QUERY_CHARS } from "~/segments/engine/segment-rules";
import { DEMO_SHOP as SHOP, openDemo, type DemoInstance } from "./demo-server";

/** Counts wait on the server (300 ms debounce plus a request on a busy machine): poll for up to 15 s. */
const POLL = { timeout: 15_000, interval: 100 };

function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

/** `number_of_orders >= 1` OR-ed with itself, padded with spaces to `length` characters. */
function longQuery(length: number): string {
  const clause = "number_of_orders >= 1";
  const n = Math.floor((length - clause.length) / (clause.length + 4)) + 1;
  return Array.from({ length: n }, () => clause)
    .join(" OR ")
    .padEnd(length, " ");
}

describe("segment editor limits in Chromium", () => {
  let demo: DemoInstance;

  beforeAll(async () => {
    demo = await openDemo("limits", 200);
  });

  afterAll(async () => demo?.close());

  it("counts a query just under the save limit, and shows a refused name on the Name field", async () => {
    // GIVEN how many demo customers have ordered at least once
    const db = connectDb(demo.databaseUrl);
    const ordered = await db.customerFacts.count({
      where: { shop: SHOP, orderCount: { gte: 1 }, customer: { deletedAt: null, redactedAt: null } },
    });
    await db.$disconnect();
    expect(ordered).toBeGreaterThan(0);

    // WHEN a 19,999-character query is typed on the Query tab of a new segment
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const pageErrors = collectPageErrors(page);
    const countRequests: string[] = [];
    const editorPaths: string[] = [];
    page.on("request", (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith("/app/segments/")) editorPaths.push(path);
      if (path === "/app/segments/live") countRequests.push(request.method());
    });
    await page.goto(demo.url.replace(/\/app$/, "/app/segments/new"));
    await page.getByRole("tab", { name: "Query" }).click();
    const query = page.locator("textarea#segment-query");
    const text = longQuery(MAX_QUERY_CHARS - 1);
    await query.fill(text);

    // THEN the live count answers for it, asked by POST
    await expect
      .poll(() => page.locator("#segment-count").innerText(), POLL)
      .toBe(`${new Intl.NumberFormat("en-US").format(ordered)} customers`);
    expect(countRequests.length).toBeGreaterThan(0);
    expect(new Set(countRequests)).toEqual(new Set(["POST"]));
    // One request per pause in typing answers both the count and the preview.
    expect(editorPaths.filter((p) => p === "/app/segments/count" || p === "/app/segments/preview")).toEqual([]);

    // WHEN it is saved under a name of 201 characters
    const name = page.getByLabel("Name", { exact: true });
    await name.fill("n".repeat(201));
    await page.getByRole("button", { name: "Save segment" }).click();

    // THEN the message names the field and sits on it, and the query stays as typed
    const nameError = page.locator(`[id="${await name.getAttribute("id")}Error"]`);
    await expect.poll(() => nameError.isVisible(), POLL).toBe(true);
    expect(await nameError.innerText()).toBe("Name is longer than 200 characters");
    expect(await query.inputValue()).toBe(text);

    // WHEN the name is shortened THEN its error goes, and the segment saves
    await name.fill("Ordered at least once");
    expect(await nameError.isVisible()).toBe(false);
    await page.getByRole("button", { name: "Save segment" }).click();
    await page.waitForURL(/\/app\/segments\/(?!new)[^/?]+\?saved=1$/);
    // Chromium logs the refused save's 400 (the only one: the long query was never refused).
    expect(pageErrors).toEqual(["Failed to load resource: the server responded with a status of 400 (Bad Request)"]);
  });
});
