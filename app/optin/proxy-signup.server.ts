// The storefront form's POST, after the app proxy signature was checked (the route): read the
// form, refuse over-eager IPs and numbers, validate, record the sign-up and answer JSON the
// form shows to the shopper, in their language. Errors name the field they belong to.
import type { Db } from "~/db/db.server";
import type { EnqueueJob } from "~/messaging/consent/consent-store.server";
import { signupErrorMessage, signupSuccessMessage, localeOf, type Locale, type SignupErrorCode } from "./messages";
import { recordSignup } from "./optin-store.server";
import { PER_ADDRESS, PER_IP, takeAttempt } from "./rate-limit.server";
import { loadOptInSettings } from "./settings.server";
import { validateSignup, type SignupError } from "./validate";

export interface SignupDeps {
  db: Db;
  enqueue: EnqueueJob;
}

export const MAX_BODY_BYTES = 16 * 1024;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });

function refuse(status: number, locale: Locale, errors: SignupError[]): Response {
  return json(status, {
    ok: false,
    errors: errors.map((e) => ({ field: e.field, code: e.code, message: signupErrorMessage(e.code, locale) })),
  });
}
const refuseForm = (status: number, locale: Locale, code: SignupErrorCode) => refuse(status, locale, [{ field: "form", code }]);

/** The shopper's address as Shopify's proxy forwards it (the first X-Forwarded-For entry). */
export function shopperIp(request: Request): string | null {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
}

export async function handleSignup(deps: SignupDeps, shop: string, request: Request, now: Date): Promise<Response> {
  const url = new URL(request.url);
  const hinted = localeOf(url.searchParams.get("locale") ?? request.headers.get("accept-language"));
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_BODY_BYTES) return refuseForm(413, hinted, "bad_request");
  const ip = shopperIp(request);
  if (ip && !(await takeAttempt(deps.db, shop, `ip:${ip}`, PER_IP, now))) return refuseForm(429, hinted, "rate_limited");
  const settings = await loadOptInSettings(deps.db, shop);
  if (!settings.enabled) return refuseForm(403, hinted, "form_disabled");
  let form: Record<string, unknown>;
  try {
    const text = await request.text();
    if (Buffer.byteLength(text) > MAX_BODY_BYTES) return refuseForm(413, hinted, "bad_request");
    form = Object.fromEntries(new URLSearchParams(text));
  } catch {
    return refuseForm(400, hinted, "bad_request");
  }
  const result = validateSignup({ locale: hinted, ...form });
  if (!result.ok) return refuse(422, result.locale, result.errors);
  const { signup } = result;
  for (const address of [signup.phone && `phone:${signup.phone}`, signup.email && `email:${signup.email}`]) {
    if (address && !(await takeAttempt(deps.db, shop, address, PER_ADDRESS, now))) return refuseForm(429, signup.locale, "rate_limited");
  }
  const id = await recordSignup(
    deps,
    shop,
    signup,
    { ip, userAgent: request.headers.get("user-agent"), emailOptInLevel: settings.emailOptInLevel },
    now,
  );
  const said = signup.phone ? "sms" : settings.emailOptInLevel === "CONFIRMED_OPT_IN" ? "email_confirm" : "email";
  return json(200, { ok: true, id, message: signupSuccessMessage(said, signup.locale) });
}
