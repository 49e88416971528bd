// What a storefront sign-up must contain before anything is stored. PURE. The phone is read in
// the shopper's selected country (libphonenumber-js) and stored as E.164; each error names the
// field it belongs to, so the form can show it beside that field in the shopper's language.
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";
import { z } from "zod";
import { localeOf, type Locale, type SignupErrorCode } from "./messages";

export const SIGNUP_FIELDS = ["phone", "email", "country", "sms_consent", "form"] as const;
export type SignupField = (typeof SIGNUP_FIELDS)[number];

export interface SignupError {
  field: SignupField;
  code: SignupErrorCode;
}

export interface Signup {
  phone: string | null;
  email: string | null;
  countryCode: string | null;
  cartReminders: boolean;
  /** The box was on the form and left unticked (a form without the box declines nothing). */
  cartRemindersDeclined: boolean;
  consentText: string;
  source: "block" | "embed";
  locale: Locale;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[A-Za-z]{2,}$/;
const MAX_TEXT = 2000;

/** The form as posted: every value a string (or absent); checkboxes are "on" when ticked. */
export const SignupForm = z.object({
  phone: z.string().max(40).optional(),
  email: z.string().max(254).optional(),
  country: z.string().max(2).optional(),
  sms_consent: z.string().max(10).optional(),
  cart_reminders: z.string().max(10).optional(),
  cart_reminders_offered: z.string().max(10).optional(),
  consent_text: z.string().max(MAX_TEXT).optional(),
  source: z.enum(["block", "embed"]).optional(),
  locale: z.string().max(20).optional(),
});
export type SignupForm = z.infer<typeof SignupForm>;

export function validateSignup(
  raw: Record<string, unknown>,
): { ok: true; signup: Signup } | { ok: false; locale: Locale; errors: SignupError[] } {
  const locale = localeOf(typeof raw.locale === "string" ? raw.locale : null);
  const parsed = SignupForm.safeParse(raw);
  if (!parsed.success) return { ok: false, locale, errors: [{ field: "form", code: "bad_request" }] };
  const form = parsed.data;
  const errors: SignupError[] = [];
  const phoneInput = form.phone?.trim() ?? "";
  const emailInput = form.email?.trim() ?? "";
  if (!phoneInput && !emailInput) errors.push({ field: "form", code: "contact_required" });
  let phone: string | null = null;
  const country = (form.country ?? "").toUpperCase();
  if (phoneInput) {
    if (!phoneInput.startsWith("+") && !isSupportedCountry(country)) errors.push({ field: "country", code: "phone_country_unsupported" });
    else {
      const parsedPhone = parsePhoneNumberFromString(phoneInput, isSupportedCountry(country) ? (country as CountryCode) : undefined);
      if (parsedPhone?.isValid()) phone = parsedPhone.number;
      else errors.push({ field: "phone", code: "phone_invalid" });
    }
    if (form.sms_consent !== "on") errors.push({ field: "sms_consent", code: "consent_required" });
  }
  const email = emailInput ? emailInput.toLowerCase() : null;
  if (email && !EMAIL.test(email)) errors.push({ field: "email", code: "email_invalid" });
  const consentText = (form.consent_text ?? "").trim();
  if (!consentText) errors.push({ field: "form", code: "bad_request" });
  if (errors.length > 0) return { ok: false, locale, errors };
  return {
    ok: true,
    signup: {
      phone,
      email,
      countryCode: isSupportedCountry(country) ? country : null,
      cartReminders: form.cart_reminders === "on",
      cartRemindersDeclined: phone !== null && form.cart_reminders_offered === "on" && form.cart_reminders !== "on",
      consentText,
      source: form.source ?? "block",
      locale,
    },
  };
}
