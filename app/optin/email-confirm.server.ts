// Email sign-ups, single or confirmed opt-in as the merchant sets (OptInSettings.emailOptInLevel,
// copied onto each request when it comes in). Single: the address is subscribed when the
// `optin.start` job runs. Confirmed: that job sends a transactional confirmation email through the
// outbox (`optin:<id>:email`) with a signed link that works for 7 days; the link's page only asks,
// and only its POST subscribes (mail scanners prefetch links; a GET never confirms). Confirming
// records when, from which IP and browser, sets CONFIRMED_OPT_IN before the consent change (so the
// write-back sends that level to Shopify) and is idempotent: a second POST changes nothing.
import type { Db } from "~/db/db.server";
import { changeConsent, type ConsentDeps } from "~/messaging/consent/consent-store.server";
import { enqueueAndWake } from "~/messaging/dispatch/dispatch-job.server";
import { emailConfirmUrl, EMAIL_CONFIRM_TTL_MS, verifyEmailConfirmToken } from "./email-token";
import { confirmationEmail, localeOf } from "./messages";
import { emailConfirmDecision } from "./state";

export const EMAIL_CONFIRM_SOURCE = "email_confirm";
export type EmailOptInLevel = "SINGLE_OPT_IN" | "CONFIRMED_OPT_IN";

export interface EmailConfirmDeps extends ConsentDeps {
  /** The app's public origin, for the link (SHOPIFY_APP_URL). */
  appUrl: string;
}

interface EmailRequest {
  id: string;
  shop: string;
  phone: string | null;
  email: string | null;
  locale: string;
  createdAt: Date;
  emailState: string | null;
  emailOptInLevel: string | null;
}

async function shopName(db: Db, shop: string): Promise<string> {
  const [row, settings] = await Promise.all([
    db.shop.findUnique({ where: { shop }, select: { name: true } }),
    db.channelSettings.findUnique({ where: { shop }, select: { brandName: true } }),
  ]);
  return settings?.brandName || row?.name || shop.replace(/\.myshopify\.com$/, "");
}

/** Marks the request's email subscribed (and the whole request, when it names no phone). */
async function closeEmail(
  db: Db,
  request: Pick<EmailRequest, "id" | "phone">,
  data: { emailCustomerId: number; now: Date; confirmedAt: Date | null; ip?: string | null; userAgent?: string | null },
): Promise<void> {
  await db.optInRequest.updateMany({
    where: { id: request.id, OR: [{ emailState: "PENDING" }, { emailState: null }] },
    data: {
      emailCustomerId: data.emailCustomerId,
      emailState: "CONFIRMED",
      emailConfirmedAt: data.confirmedAt,
      emailConfirmIp: data.ip ?? null,
      emailConfirmUserAgent: data.userAgent?.slice(0, 500) ?? null,
      ...(request.phone
        ? {}
        : { customerId: data.emailCustomerId, state: "CONFIRMED" as const, confirmedAt: data.confirmedAt, closedAt: data.now }),
    },
  });
}

/**
 * The email half of `optin.start`, once the address has a customer: subscribe it (single), or
 * send the confirmation email (confirmed). Idempotent: the outbox key and the consent write are.
 */
export async function startEmailOptIn(
  deps: EmailConfirmDeps,
  request: EmailRequest,
  customerId: number,
  now: Date,
): Promise<"subscribed" | "confirmation_queued" | "already_subscribed"> {
  const { db } = deps;
  if (request.emailOptInLevel !== "CONFIRMED_OPT_IN") {
    await db.customer.updateMany({
      where: { id: customerId, shop: request.shop, emailMarketingState: { not: "SUBSCRIBED" } },
      data: { emailMarketingOptIn: "SINGLE_OPT_IN" },
    });
    await changeConsent(deps, { shop: request.shop, customerId, channel: "EMAIL", to: "SUBSCRIBED", source: "signup_form", at: now });
    await closeEmail(db, request, { emailCustomerId: customerId, now, confirmedAt: now });
    return "subscribed";
  }
  const customer = await db.customer.findFirstOrThrow({
    where: { id: customerId, shop: request.shop },
    select: { emailMarketingState: true },
  });
  if (customer.emailMarketingState === "SUBSCRIBED") {
    // Nothing to confirm: the address already gets the shop's emails.
    await closeEmail(db, request, { emailCustomerId: customerId, now, confirmedAt: null });
    return "already_subscribed";
  }
  await db.optInRequest.updateMany({ where: { id: request.id, emailState: "PENDING" }, data: { emailCustomerId: customerId } });
  const { url, expiresAt } = emailConfirmUrl(deps.appUrl, request.shop, request.id, request.createdAt, deps.key);
  const message = confirmationEmail(await shopName(db, request.shop), url, expiresAt, localeOf(request.locale));
  const row = {
    shop: request.shop,
    idempotencyKey: `optin:${request.id}:email`,
    channel: "EMAIL" as const,
    customerId,
    recipient: request.email ?? "",
    subject: message.subject,
    body: message.text,
    notBefore: now,
    deadline: expiresAt,
  };
  await enqueueAndWake(
    db,
    { enqueue: async (name, payload, options) => (await deps.enqueue(name, payload, options)) as string | null },
    [row],
    now,
  );
  return "confirmation_queued";
}

/** What the confirmation page shows. `ask` is the only state with a Confirm button. */
export type EmailConfirmOutcome = "ask" | "confirmed" | "already_confirmed" | "expired" | "invalid";

export interface EmailConfirmView {
  outcome: EmailConfirmOutcome;
  shopName: string | null;
}

async function lookUp(deps: Pick<ConsentDeps, "db" | "key">, token: string, now: Date) {
  const check = verifyEmailConfirmToken(token, deps.key, now);
  if (!check.ok && check.reason === "invalid") return { outcome: "invalid" as const, request: null, shop: null };
  if (!check.ok) return { outcome: "expired" as const, request: null, shop: check.target.shop };
  const { target } = check;
  const request = await deps.db.optInRequest.findFirst({
    where: { id: target.requestId, shop: target.shop },
    select: { id: true, shop: true, phone: true, email: true, createdAt: true, emailState: true, emailCustomerId: true },
  });
  // Gone (erased on request) or never an email sign-up: nothing this link can do.
  if (!request?.email || request.emailCustomerId === null) return { outcome: "invalid" as const, request: null, shop: null };
  const decision = emailConfirmDecision(request.emailState, request.createdAt, now, EMAIL_CONFIRM_TTL_MS);
  const outcome = decision === "confirm" ? ("ask" as const) : decision === "not_pending" ? ("invalid" as const) : decision;
  return { outcome, request: { ...request, emailCustomerId: request.emailCustomerId }, shop: target.shop };
}

/** The page for a GET of the link: changes nothing. */
export async function emailConfirmView(deps: Pick<ConsentDeps, "db" | "key">, token: string, now: Date): Promise<EmailConfirmView> {
  const found = await lookUp(deps, token, now);
  return { outcome: found.outcome, shopName: found.shop ? await shopName(deps.db, found.shop) : null };
}

/**
 * The link's Confirm button: subscribes the address in Flock with CONFIRMED_OPT_IN (written back to
 * Shopify by the consent job) and records the confirmation. Forged, expired or already used
 * links change nothing.
 */
export async function confirmEmailByToken(
  deps: ConsentDeps,
  token: string,
  meta: { ip: string | null; userAgent: string | null },
  now: Date,
): Promise<EmailConfirmView> {
  const found = await lookUp(deps, token, now);
  const name = found.shop ? await shopName(deps.db, found.shop) : null;
  if (found.outcome !== "ask" || !found.request) return { outcome: found.outcome, shopName: name };
  const { request } = found;
  const customerId = request.emailCustomerId;
  // The level first, so the write-back the consent change queues tells Shopify CONFIRMED_OPT_IN.
  await deps.db.customer.updateMany({ where: { id: customerId, shop: request.shop }, data: { emailMarketingOptIn: "CONFIRMED_OPT_IN" } });
  await changeConsent(deps, { shop: request.shop, customerId, channel: "EMAIL", to: "SUBSCRIBED", source: EMAIL_CONFIRM_SOURCE, at: now });
  await closeEmail(deps.db, request, { emailCustomerId: customerId, now, confirmedAt: now, ip: meta.ip, userAgent: meta.userAgent });
  return { outcome: "confirmed", shopName: name };
}
