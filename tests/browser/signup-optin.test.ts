// The storefront sign-up end to end in Chromium. The merchant turns the form on (Sign-up form
// page, with its preview); a storefront page served here renders the extension's real .liquid
// through liquidjs and forwards the form's POST the way Shopify's app proxy does (signed query,
// shopper IP); the shopper signs up; the confirmation SMS arrives on Sandbox → Messages; the
// shopper replies Y there; the customer becomes SMS-subscribed with a confirmed opt-in.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb, type Db } from "~/db/db.server";
import { signedProxyQuery } from "~/optin/app-proxy-signature";
import { EXTENSION_DIR, renderBlock } from "~/optin/extension-render.server";
import { DEMO_SHOP as SHOP, openDemo, type DemoInstance } from "./demo-server";
import { screenshot } from "./screenshot";

const POLL = { timeout: 30_000, interval: 250 };
// The demo's SHOPIFY_API_SECRET: the test environment's (tests/setup/env.ts), else scripts/demo.ts' default.
const DEMO_SECRET = process.env.SHOPIFY_API_SECRET ?? "sandbox-api-secret";

/** A storefront with the app block on its page, and Shopify's app proxy in front of the demo app. */
async function startStorefront(appOrigin: string): Promise<{ url: string; close: () => Promise<void> }> {
  const page = await renderBlock("signup-form.liquid", { locale: "en", shopName: "Paws & Whiskers", assetBase: "/assets" });
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Paws & Whiskers</title>
<link rel="stylesheet" href="/assets/flock-signup.css"></head><body><main><h1>Paws & Whiskers</h1>${page}</main>
<script src="/assets/flock-signup.js" defer></script></body></html>`;
  const embed = await renderBlock("signup-popup.liquid", {
    locale: "en",
    shopName: "Paws & Whiskers",
    settings: { delay_seconds: 1 },
    blockId: "e1",
  });
  const popupHtml = html
    .replace("<main>", `<main><button type="button" id="shop-now">Shop now</button>`)
    .replace("</main>", `</main>${embed}`);
  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? "/").split("?")[0] ?? "/";
      if (req.method === "GET" && path === "/") return res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
      if (req.method === "GET" && path === "/popup")
        return res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(popupHtml);
      const asset = /^\/assets\/(flock-signup\.(?:js|css))$/.exec(path)?.[1];
      if (req.method === "GET" && asset) {
        return res
          .writeHead(200, { "content-type": asset.endsWith(".js") ? "text/javascript" : "text/css" })
          .end(readFileSync(join(EXTENSION_DIR, "assets", asset)));
      }
      if (req.method === "POST" && path === "/apps/flock/subscribe") {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const query = signedProxyQuery(DEMO_SECRET, SHOP, Math.floor(Date.now() / 1000));
        const answer = await fetch(`${appOrigin}/apps/flock/subscribe?${query.toString()}`, {
          method: "POST",
          headers: {
            "content-type": req.headers["content-type"] ?? "application/x-www-form-urlencoded",
            "x-forwarded-for": "203.0.113.50",
            "user-agent": req.headers["user-agent"] ?? "",
          },
          body: Buffer.concat(chunks),
        });
        return res
          .writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "text/plain" })
          .end(Buffer.from(await answer.arrayBuffer()));
      }
      res.writeHead(404).end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A US number no customer of the demo store has yet. */
async function freshPhone(db: Db): Promise<{ national: string; e164: string }> {
  for (let n = 150; n < 200; n++) {
    const e164 = `+1312555${String(n).padStart(4, "0")}`;
    if ((await db.customer.count({ where: { shop: SHOP, phone: e164 } })) === 0)
      return { national: `(312) 555-${String(n).padStart(4, "0")}`, e164 };
  }
  throw new Error("no free phone number in the demo store");
}

/** An email address no customer of the demo store has yet. */
async function freshEmail(db: Db): Promise<string> {
  for (let n = 1; n < 50; n++) {
    const email = `signup.walk${n}@example.org`;
    if ((await db.customer.count({ where: { shop: SHOP, email } })) === 0) return email;
  }
  throw new Error("no free email address in the demo store");
}

describe("storefront sign-up with double opt-in, in Chromium", () => {
  let demo: DemoInstance;
  let storefront: { url: string; close: () => Promise<void> };
  let db: Db;

  beforeAll(async () => {
    demo = await openDemo("signup", 200);
    storefront = await startStorefront(new URL(demo.url).origin);
    db = connectDb(demo.databaseUrl);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await storefront?.close();
    await demo?.close();
  });

  it("the pop-up embed opens as a dialog, keeps focus inside, and gives it back on Escape", async () => {
    const page = await demo.browser.newPage({ viewport: { width: 800, height: 900 } });
    await page.goto(new URL("popup", storefront.url).href);
    await page.locator("#shop-now").focus();
    const dialog = page.getByRole("dialog", { name: "Sign up for offers" });
    await expect.poll(() => dialog.isVisible(), POLL).toBe(true);
    const focusedInDialog = () => page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null);
    expect(await focusedInDialog()).toBe(true);
    // Tab through more controls than the dialog has: focus never leaves it.
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press(i % 7 === 6 ? "Shift+Tab" : "Tab");
      expect(await focusedInDialog(), `after ${i + 1} presses`).toBe(true);
    }
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.isVisible(), POLL).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("shop-now");
    // The close button is named for screen readers.
    expect(await page.getByRole("button", { name: "Close sign-up", includeHidden: true }).count()).toBe(1);
  });

  it("merchant turns the form on; a shopper signs up, gets the text, replies Y and is subscribed", async () => {
    const admin = await demo.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    // GIVEN the merchant turns the form on with their program name
    await admin.goto(demo.url);
    await admin.getByRole("link", { name: "Sign-up form" }).first().click();
    await admin.waitForURL(/\/app\/signup-form$/);
    await admin.getByLabel("Accept sign-ups from the storefront form").check();
    await admin.getByLabel("SMS program name", { exact: true }).fill("Paws Club");
    await admin.getByLabel("SMS terms page", { exact: true }).fill("javascript:alert(1)");
    await admin.getByRole("button", { name: "Save sign-up form" }).click();
    await expect.poll(() => admin.locator("#signup-result").innerText(), POLL).toContain("Not saved: termsUrl needs a fix.");
    expect(await admin.getByText("Use a page of your store (/pages/…) or an https:// address").isVisible()).toBe(true);
    await admin.getByLabel("SMS terms page", { exact: true }).fill("/pages/sms-terms");
    await admin.getByRole("button", { name: "Save sign-up form" }).click();
    await expect.poll(() => admin.locator("#signup-result").innerText(), POLL).toContain("It is live on the storefront.");
    // AND the preview shows the form as shoppers see it, in English and Spanish, with the new name
    await admin.reload();
    const english = admin.frameLocator('iframe[title="Sign-up form preview (English)"]');
    await expect.poll(() => english.locator("body").innerText(), POLL).toContain("marketing text messages from Paws Club");
    expect(await admin.frameLocator('iframe[title="Sign-up form preview (Spanish)"]').locator("body").innerText()).toContain(
      "Pueden aplicarse tarifas de mensajes y datos",
    );
    await screenshot(admin, "signup-form.png");

    // WHEN a shopper signs up on the storefront with a bad number first
    const phone = await freshPhone(db);
    const shopper = await demo.browser.newPage({ viewport: { width: 800, height: 900 } });
    await shopper.goto(storefront.url);
    await shopper.getByLabel("Country of your phone number").selectOption("US");
    expect(await shopper.getByLabel("Phone number", { exact: true }).getAttribute("placeholder")).toBe("(201) 555-0123");
    await shopper.getByLabel("Phone number", { exact: true }).fill("555");
    await shopper.getByLabel("Yes, text me").check();
    await shopper.getByRole("button", { name: "Sign up" }).click();
    // THEN the error is beside the phone field, and focus goes there
    await expect
      .poll(() => shopper.locator('[data-flock-error="phone"]').innerText(), POLL)
      .toBe("Enter a valid phone number for the selected country.");
    expect(await shopper.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("phone");
    // WHEN the number is right
    await shopper.getByLabel("Phone number", { exact: true }).fill(phone.national);
    await shopper.getByLabel("Also text me if I leave items in my cart (cart reminders).").check();
    await shopper.getByRole("button", { name: "Sign up" }).click();
    await expect
      .poll(() => shopper.getByRole("status").innerText(), POLL)
      .toBe("Almost done! Reply Y to the text we just sent to confirm.");
    await screenshot(shopper, "signup-storefront.png");
    const request = await db.optInRequest.findFirstOrThrow({ where: { shop: SHOP, phone: phone.e164 } });
    expect(request).toMatchObject({ state: "PENDING", cartReminders: true, ip: "203.0.113.50", source: "block" });
    expect(request.consentText).toContain("Msg & data rates may apply.");

    // THEN the confirmation text arrives on the shopper's phone (Sandbox → Messages)
    await admin.goto(demo.url.replace(/\/app$/, "/app/sandbox/messages"));
    const thread = admin.locator(`.sandbox-phone[data-number="${phone.e164}"]`);
    await expect
      .poll(async () => {
        await admin.reload();
        return (await thread.count()) > 0 ? thread.innerText() : "";
      }, POLL)
      .toContain("Paws Club: Reply Y to confirm");
    // Not subscribed before the reply
    expect((await db.customer.findFirstOrThrow({ where: { shop: SHOP, phone: phone.e164 } })).smsMarketingState).toBe("NOT_SUBSCRIBED");

    // WHEN the shopper replies Y from that phone
    const card = admin.locator(`form:has(input[name="from"][value="${phone.e164}"])`);
    await card.getByRole("button", { name: "Y", exact: true }).click();
    await expect.poll(() => card.getByText("the app's inbound webhook answered 200").isVisible(), POLL).toBe(true);

    // THEN the customer is SMS-subscribed with a confirmed opt-in, and the request confirmed
    await expect
      .poll(async () => {
        const customer = await db.customer.findFirstOrThrow({
          where: { shop: SHOP, phone: phone.e164 },
          select: { smsMarketingState: true, smsMarketingOptIn: true },
        });
        return `${customer.smsMarketingState} ${customer.smsMarketingOptIn}`;
      }, POLL)
      .toBe("SUBSCRIBED CONFIRMED_OPT_IN");
    expect((await db.optInRequest.findUniqueOrThrow({ where: { id: request.id } })).state).toBe("CONFIRMED");
    // AND the merchant sees the confirmation on the Sign-up form page
    await admin.goto(demo.url.replace(/\/app$/, "/app/signup-form"));
    await expect
      .poll(() => admin.locator("#signup-confirmation-rate").innerText(), POLL)
      .toContain("100% (1 of 1 SMS sign-ups confirmed with Y)");
  });

  it("with confirmed opt-in, an email sign-up is subscribed only once the link in its confirmation email is confirmed", async () => {
    const admin = await demo.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    // GIVEN the merchant asks for confirmed opt-in on emails
    await admin.goto(demo.url.replace(/\/app$/, "/app/signup-form"));
    await admin.getByLabel("Accept sign-ups from the storefront form").check();
    // (Polaris draws its own radio over the input: the label is what a merchant clicks)
    await admin.getByText("Confirmed opt-in (send a confirmation email)", { exact: true }).click();
    await admin.getByRole("button", { name: "Save sign-up form" }).click();
    await expect.poll(() => admin.locator("#signup-result").innerText(), POLL).toContain("It is live on the storefront.");
    await admin.reload();
    expect(await admin.getByLabel("Confirmed opt-in (send a confirmation email)").isChecked()).toBe(true);

    // WHEN a shopper signs up with an email only
    const email = await freshEmail(db);
    const shopper = await demo.browser.newPage({ viewport: { width: 800, height: 900 } });
    await shopper.goto(storefront.url);
    await shopper.getByLabel("Email", { exact: false }).first().fill(email);
    await shopper.getByRole("button", { name: "Sign up" }).click();
    await expect
      .poll(() => shopper.getByRole("status").innerText(), POLL)
      .toBe("Almost done! Open the email we just sent and confirm your address.");
    const request = await db.optInRequest.findFirstOrThrow({ where: { shop: SHOP, email } });
    expect(request).toMatchObject({ state: "PENDING", emailState: "PENDING", emailOptInLevel: "CONFIRMED_OPT_IN", ip: "203.0.113.50" });

    // THEN the confirmation email arrives (Sandbox → Messages), and nothing is subscribed yet
    await admin.goto(demo.url.replace(/\/app$/, "/app/sandbox/messages"));
    const heading = admin.locator(`.sandbox-email[data-to="${email}"]`);
    await expect
      .poll(async () => {
        await admin.reload();
        return (await heading.count()) > 0 ? heading.innerText() : "";
      }, POLL)
      .toContain("Confirm your subscription to");
    const customer = () =>
      db.customer.findFirstOrThrow({ where: { shop: SHOP, email }, select: { emailMarketingState: true, emailMarketingOptIn: true } });
    expect((await customer()).emailMarketingState).toBe("NOT_SUBSCRIBED");

    // WHEN the shopper opens the link: a page that asks, and changes nothing by being opened
    const link = admin.getByRole("link", { name: /\/optin\/email\// }).last();
    const [confirmPage] = await Promise.all([admin.waitForEvent("popup"), link.click()]);
    await confirmPage.waitForLoadState();
    await expect.poll(() => confirmPage.locator("main").innerText(), POLL).toContain("Confirm that you want marketing emails from");
    expect((await customer()).emailMarketingState).toBe("NOT_SUBSCRIBED");
    await screenshot(confirmPage, "signup-email-confirm.png");
    // AND presses Confirm
    await confirmPage.getByRole("button", { name: "Confirm subscription" }).click();
    await expect.poll(() => confirmPage.getByRole("status").innerText(), POLL).toContain("Your email address is confirmed");

    // THEN the customer's email is subscribed with a confirmed opt-in
    await expect
      .poll(async () => {
        const c = await customer();
        return `${c.emailMarketingState} ${c.emailMarketingOptIn}`;
      }, POLL)
      .toBe("SUBSCRIBED CONFIRMED_OPT_IN");
    // AND the link opened again, in a browser without JavaScript, says so and changes nothing
    const noJs = await demo.browser.newContext({ javaScriptEnabled: false });
    const again = await noJs.newPage();
    await again.goto(confirmPage.url());
    expect(await again.locator("main").innerText()).toContain("This address is already confirmed");
    await noJs.close();
    expect(await db.consentChange.count({ where: { shop: SHOP, channel: "EMAIL", source: "email_confirm" } })).toBe(1);
  });
});
