// Everything the shopper reads from Flock, in English and Spanish: the consent wording carriers
// require (program name, frequency, "Msg & data rates may apply", STOP/HELP, terms and privacy),
// the confirmation SMS and the validation errors. PURE. The theme extension's locale files carry
// the same consent sentences for the form itself; the proxy stores the text the form sent.
export const LOCALES = ["en", "es"] as const;
export type Locale = (typeof LOCALES)[number];

/** The shopper's language from a locale tag ("es-MX" → es); anything else is English. */
export function localeOf(tag: string | null | undefined): Locale {
  const base = (tag ?? "").trim().toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(base ?? "") ? (base as Locale) : "en";
}

export type SignupErrorCode =
  | "contact_required"
  | "phone_invalid"
  | "phone_country_unsupported"
  | "email_invalid"
  | "consent_required"
  | "form_disabled"
  | "rate_limited"
  | "bad_request";

const ERRORS: Record<Locale, Record<SignupErrorCode, string>> = {
  en: {
    contact_required: "Enter a phone number or an email address.",
    phone_invalid: "Enter a valid phone number for the selected country.",
    phone_country_unsupported: "Select the country of your phone number.",
    email_invalid: "Enter a valid email address, like name@example.com.",
    consent_required: "Tick the box to agree to receive text messages.",
    form_disabled: "Sign-up is not available right now.",
    rate_limited: "Too many attempts. Please try again in a few minutes.",
    bad_request: "Something went wrong with the form. Please reload the page and try again.",
  },
  es: {
    contact_required: "Introduce un número de teléfono o un correo electrónico.",
    phone_invalid: "Introduce un número de teléfono válido para el país seleccionado.",
    phone_country_unsupported: "Selecciona el país de tu número de teléfono.",
    email_invalid: "Introduce un correo electrónico válido, como nombre@ejemplo.com.",
    consent_required: "Marca la casilla para aceptar recibir mensajes de texto.",
    form_disabled: "La suscripción no está disponible en este momento.",
    rate_limited: "Demasiados intentos. Inténtalo de nuevo en unos minutos.",
    bad_request: "Algo salió mal con el formulario. Recarga la página e inténtalo de nuevo.",
  },
};

export function signupErrorMessage(code: SignupErrorCode, locale: Locale): string {
  return ERRORS[locale][code];
}

export interface ProgramTerms {
  programName: string;
  frequencyText: string;
}

const CONFIRM: Record<Locale, (t: ProgramTerms) => string> = {
  en: (t) =>
    `${t.programName}: Reply Y to confirm you want recurring automated marketing texts. ${t.frequencyText} Msg & data rates may apply. Reply HELP for help, STOP to opt out.`,
  es: (t) =>
    `${t.programName}: Responde Y para confirmar que quieres recibir mensajes de marketing automáticos recurrentes. ${t.frequencyText} Pueden aplicarse tarifas de mensajes y datos. Responde HELP para ayuda, STOP para cancelar.`,
};

/** The double opt-in confirmation SMS ("Reply Y to confirm" + program, frequency, rates, STOP/HELP). */
export function confirmationSms(terms: ProgramTerms, locale: Locale): string {
  return CONFIRM[locale](terms);
}

const SUCCESS: Record<Locale, { sms: string; email: string; email_confirm: string }> = {
  en: {
    sms: "Almost done! Reply Y to the text we just sent to confirm.",
    email: "Thanks for subscribing!",
    email_confirm: "Almost done! Open the email we just sent and confirm your address.",
  },
  es: {
    sms: "¡Casi listo! Responde Y al mensaje que te acabamos de enviar para confirmar.",
    email: "¡Gracias por suscribirte!",
    email_confirm: "¡Casi listo! Abre el correo que te acabamos de enviar y confirma tu dirección.",
  },
};

/** What the form says after a sign-up: `email_confirm` when the shop wants the address confirmed first. */
export function signupSuccessMessage(channel: "sms" | "email" | "email_confirm", locale: Locale): string {
  return SUCCESS[locale][channel];
}

export interface ConfirmationEmail {
  subject: string;
  text: string;
}

const EMAIL_CONFIRM: Record<Locale, (shopName: string, url: string, expires: string) => ConfirmationEmail> = {
  en: (shop, url, expires) => ({
    subject: `Confirm your subscription to ${shop}`,
    text: `Please confirm that you want marketing emails from ${shop}.\n\nConfirm your subscription: ${url}\n\nThe link works until ${expires}. If you did not sign up, ignore this email: you will not be subscribed.`,
  }),
  es: (shop, url, expires) => ({
    subject: `Confirma tu suscripción a ${shop}`,
    text: `Confirma que quieres recibir correos de marketing de ${shop}.\n\nConfirmar la suscripción: ${url}\n\nEl enlace funciona hasta el ${expires}. Si no te suscribiste, ignora este correo: no quedarás suscrito.`,
  }),
};

/** The confirmed opt-in email: the shop's name, the confirmation link and when it stops working (UTC). */
export function confirmationEmail(shopName: string, url: string, expiresAt: Date, locale: Locale): ConfirmationEmail {
  const expires = new Intl.DateTimeFormat(locale === "es" ? "es-ES" : "en-US", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(expiresAt);
  return EMAIL_CONFIRM[locale](shopName, url, `${expires} UTC`);
}

/** The welcome SMS after a confirmed opt-in, with the merchant's discount code if one is set. */
export function welcomeSms(text: string, discountCode: string, programName: string): string {
  const body = text.replaceAll("{{ discount_code }}", discountCode).trim();
  const withCode = discountCode && !text.includes("{{ discount_code }}") ? `${body} Code: ${discountCode}` : body;
  return `${programName}: ${withCode} Reply STOP to opt out.`;
}
