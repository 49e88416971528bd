// Settings → SMS and email credentials → a test SMS and a test email through the real adapters
// and the Twilio/SendGrid stand-ins (Prism in front) → both on the Sandbox Messages page; the
// customer replies STOP through the signed inbound webhook; a wrong Auth Token shows what to do.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDb } from "~/db/db.server";
import { SANDBOX_SENDGRID } from "~/sandbox/sendgrid/stand-in.server";
import { SANDBOX_TWILIO } from "~/sandbox/twilio/stand-in.server";
import { DEMO_SHOP as SHOP, openDemo, type DemoInstance } from "./demo-server";
import { screenshot } from "./screenshot";

const POLL = { timeout: 20_000, interval: 200 };
const PHONE = "+14155550142";
const EMAIL = "owner@pawsandwhiskers.example";

async function fill(page: Page, label: string, value: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(value);
}

async function resultOf(page: Page, id: string): Promise<string> {
  const banner = page.locator(`#${id}`);
  await banner.waitFor({ timeout: POLL.timeout });
  return banner.innerText();
}

describe("messaging settings in Chromium", () => {
  let demo: DemoInstance;

  beforeAll(async () => {
    demo = await openDemo("messaging", 200);
  });

  afterAll(async () => demo?.close());

  it("saves credentials, sends a test SMS and email that appear in the sandbox, and explains a wrong Auth Token", async () => {
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(demo.url.replace(/\/app$/, "/app/settings"));

    // GIVEN the demo shop comes configured with the sandbox credentials, the secrets masked
    await expect.poll(() => page.getByLabel("Account SID", { exact: true }).inputValue(), POLL).toBe(SANDBOX_TWILIO.accountSid);
    expect(await page.getByText(`Stored: •••• ${SANDBOX_SENDGRID.apiKey.slice(-4)}`).isVisible()).toBe(true);
    expect(await page.getByLabel("Auth Token", { exact: true }).inputValue()).toBe("");

    // GIVEN a bad Account SID, the error is shown on that field and nothing else changes
    await fill(page, "Account SID", "AC123");
    await page.getByRole("button", { name: "Save SMS settings" }).click();
    await expect.poll(() => page.getByText("An Account SID is AC followed by 32 hexadecimal characters").isVisible(), POLL).toBe(true);

    // WHEN the merchant enters the SMS credentials and saves
    await fill(page, "Account SID", SANDBOX_TWILIO.accountSid);
    await fill(page, "Auth Token", SANDBOX_TWILIO.authToken);
    await page.getByLabel("Sender type").selectOption("10dlc");
    await fill(page, "Sender (phone number, short code, Messaging Service SID or sender ID)", SANDBOX_TWILIO.number);
    await page.getByLabel(/^Registration verified/).check();
    await page.getByRole("button", { name: "Save SMS settings" }).click();
    expect(await resultOf(page, "sms-result")).toContain("SMS settings saved");
    // THEN the token is not in the page, only its mask, and the ticked registration is kept
    await page.reload();
    await expect.poll(() => page.getByLabel(/^Registration verified/).isChecked(), POLL).toBe(true);
    expect(await page.content()).not.toContain(SANDBOX_TWILIO.authToken);
    await expect.poll(() => page.getByText(`Stored: •••• ${SANDBOX_TWILIO.authToken.slice(-4)}`).isVisible(), POLL).toBe(true);

    // AND the email credentials
    await fill(page, "SendGrid API key", SANDBOX_SENDGRID.apiKey);
    await fill(page, "From name", "Paws & Whiskers");
    await fill(page, "From address (a verified sender)", SANDBOX_SENDGRID.fromEmail);
    await fill(page, "Unsubscribe group ID", String(SANDBOX_SENDGRID.unsubscribeGroupId));
    await fill(page, "Postal address (printed in every email, CAN-SPAM)", "Paws & Whiskers, 500 Market Street, San Francisco, CA 94105");
    await page.getByRole("button", { name: "Save email settings" }).click();
    expect(await resultOf(page, "email-result")).toContain("Email settings saved");

    // WHEN a test SMS and a test email go to the merchant's own phone and address
    await fill(page, "Your phone", PHONE);
    await page.getByRole("button", { name: "Send test SMS" }).click();
    expect(await resultOf(page, "test-sms-result")).toMatch(/Twilio accepted the test message \(SM[0-9a-f]{32}\)/);
    await fill(page, "Your email address", EMAIL);
    await page.getByRole("button", { name: "Send test email" }).click();
    expect(await resultOf(page, "test-email-result")).toContain("SendGrid accepted the test message");
    // The viewport only: a full-page shot of Polaris' fixed frame draws the top bar mid-page.
    await page.getByRole("heading", { name: "Email (SendGrid)" }).scrollIntoViewIfNeeded();
    await screenshot(page, "messaging-settings.png");

    // THEN both are on the Sandbox Messages page: the SMS in the phone's thread, the email rendered
    await page.getByRole("link", { name: "Messages" }).click();
    await page.waitForURL(/\/app\/sandbox\/messages$/);
    const phone = page.locator(`.sandbox-phone[data-number="${PHONE}"]`);
    await expect.poll(() => phone.innerText(), POLL).toContain("this is a test message from Flock");
    expect(await page.locator(`.sandbox-email[data-to="${EMAIL}"]`).innerText()).toContain("Test email from");
    const frame = page.frameLocator(`iframe[title*="${EMAIL}"]`);
    expect(await frame.locator("body").innerText()).toContain("500 Market Street");

    // AND the customer's STOP goes through the signed inbound webhook and is stored raw
    await page.getByRole("button", { name: "STOP", exact: true }).first().click();
    await expect.poll(() => page.getByText("the app's inbound webhook answered 200").isVisible(), POLL).toBe(true);
    await expect.poll(() => phone.innerText(), POLL).toContain("STOP");
    const db = connectDb(demo.databaseUrl);
    try {
      await expect
        .poll(
          async () =>
            (await db.messageEvent.findMany({ where: { shop: SHOP, channel: "SMS" }, select: { kind: true } })).map((e) => e.kind),
          POLL,
        )
        .toEqual(expect.arrayContaining(["sms.inbound", "sms.sent", "sms.delivered"]));
      await expect
        .poll(
          async () =>
            (await db.messageEvent.findMany({ where: { shop: SHOP, channel: "EMAIL" }, select: { kind: true } })).map((e) => e.kind),
          POLL,
        )
        .toEqual(expect.arrayContaining(["email.processed", "email.delivered"]));
    } finally {
      await db.$disconnect();
    }
    await screenshot(page, "sandbox-messages.png", { fullPage: true });

    // WHEN the Auth Token is wrong, the test SMS explains what to check
    await page.getByRole("link", { name: "Settings" }).click();
    await page.waitForURL(/\/app\/settings$/);
    await fill(page, "Auth Token", "this-is-not-the-auth-token");
    await page.getByRole("button", { name: "Save SMS settings" }).click();
    expect(await resultOf(page, "sms-result")).toContain("SMS settings saved");
    await fill(page, "Your phone", PHONE);
    await page.getByRole("button", { name: "Send test SMS" }).click();
    expect(await resultOf(page, "test-sms-result")).toContain("Check both in the Twilio Console under Account info");
  });
});
