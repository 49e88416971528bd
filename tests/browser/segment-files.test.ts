// Static list upload and CSV export in Chromium against `npm run demo`'s script: a failed
// upload keeps the name, a good one shows the report, and the segment's export downloads
// through a single-use link (as inside the Shopify admin, where a plain link has no session).
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb } from "~/db/db.server";
import { DEMO_SHOP as SHOP, openDemo, type DemoInstance } from "./demo-server";

describe("segment files in Chromium", () => {
  let demo: DemoInstance;

  beforeAll(async () => {
    demo = await openDemo("segment-files", 200);
  });

  afterAll(async () => demo?.close());

  it("uploads a list, reports each line, and exports the segment as CSV", async () => {
    // GIVEN two demo customers' emails
    const db = connectDb(demo.databaseUrl);
    const known = await db.customer.findMany({
      where: { shop: SHOP, deletedAt: null, redactedAt: null, email: { not: null } },
      select: { email: true },
      orderBy: { id: "asc" },
      take: 2,
    });
    await db.$disconnect();
    const emails = known.map((c) => c.email ?? "");
    expect(emails).toHaveLength(2);

    // WHEN the upload is sent without a file
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(demo.url.replace(/\/app$/, "/app/segments/import"));
    const name = page.getByLabel("Segment name");
    await name.fill("Market stall");
    await page.getByRole("button", { name: "Upload" }).click();

    // THEN it is refused and the name is kept
    await expect.poll(() => page.getByText("Choose a CSV file").isVisible()).toBe(true);
    expect(await name.inputValue()).toBe("Market stall");

    // WHEN a CSV with both customers, a stranger and a bad line is uploaded
    const csv = ["email", ...emails, "nobody@example.invalid.test", "not a contact"].join("\n");
    await page.locator("#static-import-csv").setInputFiles({ name: "list.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Upload" }).click();

    // THEN the report counts each outcome
    await expect.poll(() => page.locator("#import-counts").isVisible()).toBe(true);
    expect(await page.locator("#import-counts").innerText()).toBe("2 matched, 1 unmatched, 1 invalid");

    // WHEN the segment's page offers the export
    await page.getByRole("link", { name: "View segment" }).click();
    await page.waitForURL(/\/app\/segments\/(?!import)[^/?]+$/);

    // THEN the button fetches a single-use link and the browser downloads a CSV with both members
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
    expect(download.suggestedFilename()).toBe("Market stall.csv");
    expect(download.url()).toMatch(/\/export\.csv\?token=/);
    const lines = readFileSync(await download.path(), "utf8")
      .trim()
      .split("\r\n");
    expect(lines).toHaveLength(3);
    for (const email of emails) expect(lines.some((l) => l.includes(email))).toBe(true);

    // AND the link cannot be used a second time
    const again = await page.request.get(download.url());
    expect(again.status()).toBe(403);
    expect(await again.text()).toBe("This download link was already used. Export the segment again.");
  });
});
