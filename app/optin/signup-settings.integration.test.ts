// The Sign-up form page's settings round trip: what the merchant saves is what the page and the
// storefront sign-up read back, including the email opt-in level; a bad value stores nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../tests/setup/test-db";
import { loadOptInSettings } from "./settings.server";
import { saveSignupSettings } from "./signup-page.server";

const SHOP = "signup-settings.myshopify.com";
let t: TestDb;

const fields = (over: Record<string, string> = {}) => ({
  enabled: "on",
  programName: "Paws Club",
  frequencyText: "Up to 4 msgs/month.",
  termsUrl: "/pages/sms-terms",
  privacyUrl: "",
  welcomeText: "Welcome!",
  discountCode: "HELLO10",
  emailOptInLevel: "CONFIRMED_OPT_IN",
  ...over,
});

beforeAll(async () => {
  t = await createTestDb();
  await t.db.shop.create({ data: { shop: SHOP, name: "Paws & Whiskers" } });
});
afterAll(async () => t?.drop());

describe("sign-up form settings", () => {
  it("a shop that never saved gets single opt-in for emails", async () => {
    expect((await loadOptInSettings(t.db, SHOP)).emailOptInLevel).toBe("SINGLE_OPT_IN");
  });

  it("saves confirmed opt-in and reads it back, then single again", async () => {
    expect(await saveSignupSettings(t.db, SHOP, fields())).toMatchObject({ ok: true });
    expect(await loadOptInSettings(t.db, SHOP)).toMatchObject({
      enabled: true,
      programName: "Paws Club",
      emailOptInLevel: "CONFIRMED_OPT_IN",
    });
    expect(await saveSignupSettings(t.db, SHOP, fields({ emailOptInLevel: "SINGLE_OPT_IN" }))).toMatchObject({ ok: true });
    expect((await loadOptInSettings(t.db, SHOP)).emailOptInLevel).toBe("SINGLE_OPT_IN");
  });

  it("an unknown level is refused at its field and nothing is stored", async () => {
    const result = await saveSignupSettings(t.db, SHOP, fields({ emailOptInLevel: "DOUBLE", programName: "Changed" }));
    expect(result).toEqual({
      ok: false,
      errors: { emailOptInLevel: "Choose single or confirmed opt-in" },
      message: "Not saved: emailOptInLevel needs a fix.",
    });
    expect(await loadOptInSettings(t.db, SHOP)).toMatchObject({ programName: "Paws Club", emailOptInLevel: "SINGLE_OPT_IN" });
  });
});
