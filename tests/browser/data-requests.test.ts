// Settings → Customer data requests as a merchant uses it: a customer asks the store for their
// data, Shopify sends the signed customers/data_request webhook, and the merchant finds the
// request on Settings with the customer's name and the day to answer by, and downloads the file
// of what Flock holds about them. A forged request is refused and lists nothing.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb } from "~/db/db.server";
import { fixtureText, webhookHeaders } from "~/shopify/webhooks/test-support/signed-webhooks";
import { DEMO_SHOP as SHOP, openDemo, type DemoInstance } from "./demo-server";
import { screenshot } from "./screenshot";

const POLL = { timeout: 30_000, interval: 250 };
// The secret the demo runs with (it inherits the test setup's, else its published default in
// scripts/demo.ts): the webhook is signed as Shopify would sign it.
const DEMO_SECRET = process.env.SHOPIFY_API_SECRET ?? "sandbox-api-secret";

describe("customer data requests in Chromium", () => {
  let demo: DemoInstance;

  beforeAll(async () => {
    demo = await openDemo("data-requests", 50);
  });

  afterAll(async () => demo?.close());

  async function post(body: string, secret: string): Promise<number> {
    const origin = new URL(demo.url).origin;
    const response = await fetch(`${origin}/webhooks/customers/data_request`, {
      method: "POST",
      headers: webhookHeaders("customers/data_request", body, { shop: SHOP, secret }),
      body,
    });
    return response.status;
  }

  it("lists the request with the customer and the day to answer by, and downloads their data", async () => {
    const db = connectDb(demo.databaseUrl);
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    try {
      const customer = await db.customer.findFirstOrThrow({
        where: { shop: SHOP, email: { not: null }, firstName: { not: null } },
        select: { gid: true, firstName: true, lastName: true, email: true },
      });
      const numericId = Number(customer.gid.replace("gid://shopify/Customer/", ""));
      const body = (requestId: number) => {
        const payload = JSON.parse(fixtureText("customers-data_request")) as Record<string, unknown>;
        return JSON.stringify({
          ...payload,
          shop_domain: SHOP,
          customer: { id: numericId, email: customer.email, phone: null },
          orders_requested: [],
          data_request: { id: requestId },
        });
      };

      // GIVEN Settings lists no request yet
      await page.goto(demo.url.replace(/\/app$/, "/app/settings"));
      await expect.poll(() => page.locator("body").innerText(), POLL).toContain("No customer has asked for their data.");

      // WHEN a forged request arrives THEN it is refused and nothing is listed
      expect(await post(body(1), "not-the-secret")).toBe(401);
      // WHEN Shopify sends the customer's request, signed
      expect(await post(body(2), DEMO_SECRET)).toBe(200);

      // THEN after a reload the merchant sees who asked and by when to answer
      const who = `${customer.firstName} ${customer.lastName ?? ""}`.trim();
      const row = page.locator("[data-request-row]");
      await expect
        .poll(async () => {
          await page.reload();
          return row.count();
        }, POLL)
        .toBe(1);
      expect(await row.innerText()).toContain(`${who} (${customer.email})`);
      expect(await row.innerText()).toMatch(/Asked \w{3} \d{1,2}, \d{4} · send by \w{3} \d{1,2}, \d{4}/);
      await screenshot(page, "settings-data-requests.png", { fullPage: true });

      // WHEN they download it THEN the file holds that customer's data
      const [download] = await Promise.all([page.waitForEvent("download"), row.getByRole("button", { name: "Download data" }).click()]);
      expect(download.suggestedFilename()).toBe("customer-data-request.json");
      const data = JSON.parse(readFileSync(await download.path(), "utf8")) as { customerGid: string; customer: { email: string } };
      expect(data.customerGid).toBe(customer.gid);
      expect(data.customer.email).toBe(customer.email);
    } finally {
      await page.close();
      await db.$disconnect();
    }
  });
});
