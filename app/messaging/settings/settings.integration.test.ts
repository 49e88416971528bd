// Channel settings: each form's errors name their field; secrets are sealed at rest, shown
// masked and kept when left blank; the test message goes through the real adapters to the
// stand-ins and a provider refusal comes back as what to do.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_SENDGRID, startSendGridStandIn, type SendGridStandIn } from "~/sandbox/sendgrid/stand-in.server";
import { SANDBOX_TWILIO, startTwilioStandIn, type TwilioStandIn } from "~/sandbox/twilio/stand-in.server";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import type { MessagingDeps } from "./deps.server";
import { submitSettingsForm } from "./settings-form.server";
import { getChannelSettingsView } from "./settings.server";

const SHOP = "settings.myshopify.com";
let t: TestDb;
let deps: MessagingDeps;
let twilio: TwilioStandIn;
let sendgrid: SendGridStandIn;

beforeAll(async () => {
  t = await createTestDb();
  [twilio, sendgrid] = await Promise.all([startTwilioStandIn({ stepDelayMs: 0 }), startSendGridStandIn({ stepDelayMs: 0 })]);
  deps = { db: t.db, key: Buffer.alloc(32, 3), appUrl: "http://127.0.0.1:9", twilioOrigin: twilio.origin, sendgridOrigin: sendgrid.origin };
  await t.db.shop.create({ data: { shop: SHOP, name: "Settings shop" } });
});
afterAll(async () => Promise.all([t?.drop(), twilio?.close(), sendgrid?.close()]));

const sms = (overrides: Record<string, string> = {}) => ({
  intent: "sms",
  twilioAccountSid: SANDBOX_TWILIO.accountSid,
  twilioAuthToken: SANDBOX_TWILIO.authToken,
  twilioApiKeySid: "",
  twilioApiKeySecret: "",
  twilioSenderType: "10dlc",
  twilioSender: SANDBOX_TWILIO.number,
  twilioSenderVerified: "on",
  smsPerSecond: "1",
  ...overrides,
});
const email = (overrides: Record<string, string> = {}) => ({
  intent: "email",
  sendgridApiKey: SANDBOX_SENDGRID.apiKey,
  emailFromName: "Settings shop",
  emailFromAddress: SANDBOX_SENDGRID.fromEmail,
  emailReplyTo: "",
  emailUnsubscribeGroupId: "42",
  postalAddress: "1 Main Street, Springfield, IL 62701",
  sendgridEventKey: "",
  ...overrides,
});

describe("channel settings", () => {
  it("names each bad field", async () => {
    const result = await submitSettingsForm(
      deps,
      SHOP,
      sms({ twilioAccountSid: "AC123", twilioSenderType: "toll-free", smsPerSecond: "0" }),
    );
    expect(result.ok).toBe(false);
    expect(Object.keys(result.errors ?? {}).sort()).toEqual(["smsPerSecond", "twilioAccountSid", "twilioSender"]);
    expect(result.errors?.twilioSender).toContain("toll-free");
    const mail = await submitSettingsForm(deps, SHOP, email({ emailFromAddress: "not-an-address", postalAddress: "" }));
    expect(Object.keys(mail.errors ?? {}).sort()).toEqual(["emailFromAddress", "postalAddress"]);
    expect(await t.db.channelSettings.count()).toBe(0);
  });

  it("seals secrets, shows them masked and keeps them when the field is left blank", async () => {
    expect(await submitSettingsForm(deps, SHOP, sms())).toMatchObject({ ok: true });
    expect(await submitSettingsForm(deps, SHOP, email())).toMatchObject({ ok: true });
    const sealed = await t.db.providerCredential.findMany({ where: { shop: SHOP } });
    expect(sealed).toHaveLength(2);
    for (const row of sealed) {
      expect(row.encrypted).not.toContain(SANDBOX_TWILIO.authToken);
      expect(row.encrypted).not.toContain(SANDBOX_SENDGRID.apiKey);
    }
    // Change only the rate, the secret left blank.
    expect(await submitSettingsForm(deps, SHOP, sms({ twilioAuthToken: "", smsPerSecond: "5" }))).toMatchObject({ ok: true });
    const view = await getChannelSettingsView(t.db, SHOP, deps.key);
    expect(view.sms).toMatchObject({ smsPerSecond: 5, authTokenMask: `•••• ${SANDBOX_TWILIO.authToken.slice(-4)}` });
    expect(view.email.apiKeyMask).toBe(`•••• ${SANDBOX_SENDGRID.apiKey.slice(-4)}`);
    expect(JSON.stringify(view)).not.toContain(SANDBOX_TWILIO.authToken);
    expect(JSON.stringify(view)).not.toContain(SANDBOX_SENDGRID.apiKey);
  });

  it("sends a test SMS and a test email through the stand-ins", async () => {
    const smsResult = await submitSettingsForm(deps, SHOP, { intent: "test-sms", testPhone: "+14155550142" });
    expect(smsResult).toMatchObject({ ok: true });
    expect(twilio.fake.messages.find((m) => m.to === "+14155550142")?.body).toContain("test message");
    const mailResult = await submitSettingsForm(deps, SHOP, { intent: "test-email", testEmail: "owner@example.com" });
    expect(mailResult).toMatchObject({ ok: true });
    expect(sendgrid.fake.mails.at(-1)?.body.personalizations?.[0]?.to?.[0]?.email).toBe("owner@example.com");
  });

  it("translates a wrong Auth Token and an unverified sender into what to do", async () => {
    await submitSettingsForm(deps, SHOP, sms({ twilioAuthToken: "a-wrong-auth-token-123" }));
    const smsResult = await submitSettingsForm(deps, SHOP, { intent: "test-sms", testPhone: "+14155550142" });
    expect(smsResult).toMatchObject({ ok: false });
    expect(smsResult.message).toContain("Check both in the Twilio Console");
    await submitSettingsForm(deps, SHOP, email({ sendgridApiKey: "", emailFromAddress: "unverified@example.com" }));
    const mailResult = await submitSettingsForm(deps, SHOP, { intent: "test-email", testEmail: "owner@example.com" });
    expect(mailResult.message).toContain("not a verified sender");
  });
});
