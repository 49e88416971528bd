import { describe, expect, it } from "vitest";
import { signupErrorMessage, type Locale } from "./messages";
import { validateSignup, type SignupError } from "./validate";

const base = { consent_text: "By signing up you agree to receive texts…", source: "block", sms_consent: "on" };

const invalid: { description: string; form: Record<string, unknown>; errors: SignupError[] }[] = [
  { description: "neither phone nor email", form: { ...base }, errors: [{ field: "form", code: "contact_required" }] },
  {
    description: "a phone that is too short for the US",
    form: { ...base, phone: "555-01", country: "US" },
    errors: [{ field: "phone", code: "phone_invalid" }],
  },
  {
    description: "a national phone without a country",
    form: { ...base, phone: "2135550100" },
    errors: [{ field: "country", code: "phone_country_unsupported" }],
  },
  {
    description: "a phone without the SMS consent box",
    form: { ...base, sms_consent: undefined, phone: "2135550100", country: "US" },
    errors: [{ field: "sms_consent", code: "consent_required" }],
  },
  {
    description: "an email without a domain",
    form: { ...base, email: "ana@example" },
    errors: [{ field: "email", code: "email_invalid" }],
  },
  {
    description: "an email with a space",
    form: { ...base, email: "ana maria@example.com" },
    errors: [{ field: "email", code: "email_invalid" }],
  },
  {
    description: "no consent wording sent with the form",
    form: { ...base, consent_text: "", email: "ana@example.com" },
    errors: [{ field: "form", code: "bad_request" }],
  },
  { description: "a field of the wrong type", form: { ...base, phone: 12 }, errors: [{ field: "form", code: "bad_request" }] },
];

describe("validateSignup", () => {
  it.each(invalid)("refuses $description", ({ form, errors }) => {
    const result = validateSignup(form);
    expect(result.ok ? [] : result.errors).toEqual(errors);
  });

  it.each([
    ["(213) 555-0100", "US", "+12135550100"],
    ["06 12 34 56 78", "FR", "+33612345678"],
    ["+44 7911 123456", "", "+447911123456"],
  ])("reads %s in %j as %s", (phone, country, e164) => {
    const result = validateSignup({ ...base, phone, country });
    expect(result.ok && result.signup.phone).toBe(e164);
  });

  it("keeps the email lower-case, the cart-reminders choice and the wording shown", () => {
    const result = validateSignup({ ...base, email: " Ana@Example.COM ", cart_reminders: "on", locale: "es-MX" });
    expect(result).toEqual({
      ok: true,
      signup: {
        phone: null,
        email: "ana@example.com",
        countryCode: null,
        cartReminders: true,
        cartRemindersDeclined: false,
        consentText: base.consent_text,
        source: "block",
        locale: "es",
      },
    });
  });

  it.each([
    { description: "box offered and left unticked: declined", fields: { cart_reminders_offered: "on" }, declined: true },
    {
      description: "box offered and ticked: not declined",
      fields: { cart_reminders_offered: "on", cart_reminders: "on" },
      declined: false,
    },
    { description: "a form without the box declines nothing", fields: {}, declined: false },
  ])("cart reminders with a phone: $description", ({ fields, declined }) => {
    const result = validateSignup({ ...base, phone: "(213) 555-0100", country: "US", sms_consent: "on", ...fields });
    expect(result.ok && result.signup.cartRemindersDeclined).toBe(declined);
  });

  it.each<[string, Locale, string]>([
    ["en", "en", "Enter a valid phone number for the selected country."],
    ["es-ES", "es", "Introduce un número de teléfono válido para el país seleccionado."],
    ["de", "en", "Enter a valid phone number for the selected country."],
  ])("answers a shopper in %s in their language", (tag, locale, message) => {
    const result = validateSignup({ ...base, phone: "12", country: "US", locale: tag });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.locale).toBe(locale);
    expect(result.errors.map((e) => signupErrorMessage(e.code, result.locale))).toEqual([message]);
  });
});
