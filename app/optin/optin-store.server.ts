// Storefront sign-ups from request to subscription. The proxy route records the request (with
// where and when consent was given and the exact wording shown) and queues `optin.start`; the job
// finds or creates the customer, sends the confirmation SMS through the outbox (`optin:<id>`) and
// subscribes an email at once (single opt-in) or sends its confirmation email (confirmed opt-in). The inbound SMS path asks `pendingOptIns` whether
// a YES means anything and hands it to `confirmOptIn`, which runs the pure state machine
// (state.ts): only the signed-up phone's own YES within 24 hours subscribes it.
import { randomUUID } from "node:crypto";
import type { Db } from "~/db/db.server";
import { changeConsent, customersWithAddress, isSuppressed, type ConsentDeps } from "~/messaging/consent/consent-store.server";
import type { ConfirmOptIn, DeclineOptIns, PendingOptIns } from "~/messaging/inbound/apply-inbound.server";
import { enqueueAndWake } from "~/messaging/dispatch/dispatch-job.server";
import type { NewOutboxMessage } from "~/messaging/outbox/outbox-store.server";
import { startEmailOptIn, type EmailConfirmDeps, type EmailOptInLevel } from "./email-confirm.server";
import { confirmationSms, localeOf, welcomeSms } from "./messages";
import { loadOptInSettings } from "./settings.server";
import { ensureCustomer, type ShopifyCustomerDeps } from "./shopify-customer.server";
import { nextOptInState, type OptInEvent } from "./state";
import type { Signup } from "./validate";

export const OPTIN_START_JOB = "optin.start";

export type OptInDeps = EmailConfirmDeps & ShopifyCustomerDeps;

/** Outbox rows written and the shop's dispatcher woken, through the consent deps' job queue. */
function sendThroughOutbox(deps: ConsentDeps, rows: NewOutboxMessage[], now: Date): Promise<number> {
  return enqueueAndWake(
    deps.db,
    { enqueue: async (name, payload, options) => (await deps.enqueue(name, payload, options)) as string | null },
    rows,
    now,
  );
}

export interface SignupMeta {
  ip: string | null;
  userAgent: string | null;
  /** The shop's email opt-in level when the sign-up came in; single when absent. */
  emailOptInLevel?: EmailOptInLevel;
}

/** Stores the sign-up and queues its start; returns the request id. */
export async function recordSignup(
  deps: Pick<ConsentDeps, "db" | "enqueue">,
  shop: string,
  signup: Signup,
  meta: SignupMeta,
  now: Date,
): Promise<string> {
  const id = randomUUID();
  await deps.db.optInRequest.create({
    data: {
      id,
      shop,
      phone: signup.phone,
      email: signup.email,
      source: signup.source,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
      consentText: signup.consentText,
      locale: signup.locale,
      countryCode: signup.countryCode,
      cartReminders: signup.cartReminders,
      cartRemindersDeclined: signup.cartRemindersDeclined,
      createdAt: now,
      ...(signup.email ? { emailState: "PENDING" as const, emailOptInLevel: meta.emailOptInLevel ?? "SINGLE_OPT_IN" } : {}),
    },
  });
  await deps.enqueue(OPTIN_START_JOB, { shop, requestId: id }, { uniqueKey: `${OPTIN_START_JOB}:${id}`, attempts: 8, backoffMs: 5000 });
  return id;
}

export type StartOutcome = "confirmation_queued" | "already_subscribed" | "email_only" | "not_pending";

/**
 * The `optin.start` job: idempotent (the outbox key and the consent writes are), so a retry after
 * a failed Admin call repeats nothing that already happened.
 */
export async function startOptIn(deps: OptInDeps, shop: string, requestId: string, now: Date): Promise<StartOutcome> {
  const request = await deps.db.optInRequest.findFirst({ where: { id: requestId, shop } });
  if (!request || request.state !== "PENDING") return "not_pending";
  const settings = await loadOptInSettings(deps.db, shop);
  const byEmail = request.email ? (await customersWithAddress(deps.db, shop, "EMAIL", request.email))[0]?.id : undefined;
  // One new customer for both when neither is known; Shopify refuses an email another customer has.
  const customerId = request.phone
    ? await ensureCustomer(deps, shop, {
        phone: request.phone,
        email: byEmail === undefined ? request.email : null,
        locale: request.locale,
      })
    : undefined;
  if (request.email) {
    const emailCustomerId = byEmail ?? (await ensureCustomer(deps, shop, { phone: null, email: request.email, locale: request.locale }));
    // Single opt-in subscribes now; confirmed opt-in sends the confirmation email (email-confirm.server.ts).
    await startEmailOptIn(deps, request, emailCustomerId, now);
    if (!request.phone) return "email_only";
  }
  if (!request.phone || customerId === undefined) return "not_pending";
  const customer = await deps.db.customer.findFirstOrThrow({ where: { id: customerId, shop }, select: { smsMarketingState: true } });
  if (customer.smsMarketingState === "SUBSCRIBED") {
    await deps.db.optInRequest.updateMany({
      where: { id: request.id, state: "PENDING" },
      data: { customerId, state: "CONFIRMED", closedAt: now },
    });
    return "already_subscribed";
  }
  await deps.db.optInRequest.updateMany({ where: { id: request.id, state: "PENDING" }, data: { customerId } });
  const body = confirmationSms({ programName: settings.programName, frequencyText: settings.frequencyText }, localeOf(request.locale));
  await sendThroughOutbox(
    deps,
    [{ shop, idempotencyKey: `optin:${request.id}`, channel: "SMS", customerId, recipient: request.phone, body, notBefore: now }],
    now,
  );
  return "confirmation_queued";
}

async function pendingRequests(db: Db, shop: string, customerId: number) {
  const customer = await db.customer.findFirst({
    where: { id: customerId, shop },
    select: { phone: true, smsMarketingState: true, smsConsentUpdatedAt: true },
  });
  if (!customer?.phone) return { customer: null, requests: [] };
  // The request must name the number the customer has now: a YES is only ever from that number.
  const requests = await db.optInRequest.findMany({
    where: { shop, customerId, phone: customer.phone, state: "PENDING" },
    orderBy: { createdAt: "desc" },
  });
  return { customer: { ...customer, phone: customer.phone }, requests };
}

/** The port apply-inbound asks: does this customer have an open sign-up for their number? */
export function pendingOptInsFor(db: Db): PendingOptIns {
  return async (shop, customerId) => (await pendingRequests(db, shop, customerId)).requests.length > 0;
}

/**
 * A YES for a customer with an open sign-up. A STOP since the sign-up (the number suppressed, or
 * the customer unsubscribed after it) declines it; after 24 hours it expires; otherwise the
 * newest request is confirmed: CONFIRMED_OPT_IN recorded before the consent change, so the
 * write-back job sends that level to Shopify, then the welcome message if the merchant set one.
 * Each step is idempotent, so Twilio's redelivery of the same YES finishes what a crash left.
 */
export function confirmOptInFor(deps: ConsentDeps): ConfirmOptIn {
  return async (shop, customerId, now) => {
    const { customer, requests } = await pendingRequests(deps.db, shop, customerId);
    const request = requests[0];
    if (!customer || !request) return;
    const stopped =
      (await isSuppressed(deps, shop, "SMS", customer.phone)) !== null ||
      (customer.smsMarketingState === "UNSUBSCRIBED" &&
        customer.smsConsentUpdatedAt !== null &&
        customer.smsConsentUpdatedAt >= request.createdAt);
    const event: OptInEvent = stopped ? { type: "stop", from: customer.phone } : { type: "confirm_reply", from: customer.phone };
    const next = nextOptInState({ state: request.state, phone: request.phone ?? "", createdAt: request.createdAt }, event, now);
    if (!next.subscribe) {
      if (next.state !== "PENDING")
        await deps.db.optInRequest.updateMany({ where: { id: request.id, state: "PENDING" }, data: { state: next.state, closedAt: now } });
      return;
    }
    await deps.db.customer.updateMany({ where: { id: customerId, shop }, data: { smsMarketingOptIn: "CONFIRMED_OPT_IN" } });
    await changeConsent(deps, { shop, customerId, channel: "SMS", to: "SUBSCRIBED", source: "sms_confirm", at: now });
    await deps.db.optInRequest.updateMany({
      where: { id: request.id, state: "PENDING" },
      data: { state: "CONFIRMED", confirmedAt: now, closedAt: now },
    });
    const settings = await loadOptInSettings(deps.db, shop);
    if (settings.welcomeText.trim()) {
      const body = welcomeSms(settings.welcomeText, settings.discountCode, settings.programName);
      await sendThroughOutbox(
        deps,
        [{ shop, idempotencyKey: `welcome:${request.id}`, channel: "SMS", customerId, recipient: customer.phone, body, notBefore: now }],
        now,
      );
    }
  };
}

/**
 * A STOP from a number: every sign-up still pending for it is declined at once (the state
 * machine's `stop`), so the merchant's numbers count it declined without waiting for a later YES.
 */
export function declineOptInsFor(db: Db): DeclineOptIns {
  return async (shop, phone, now) => {
    const pending = await db.optInRequest.findMany({
      where: { shop, phone, state: "PENDING" },
      select: { id: true, state: true, phone: true, createdAt: true },
    });
    for (const request of pending) {
      const next = nextOptInState(
        { state: request.state, phone: request.phone ?? "", createdAt: request.createdAt },
        { type: "stop", from: phone },
        now,
      );
      if (next.state !== "PENDING")
        await db.optInRequest.updateMany({ where: { id: request.id, state: "PENDING" }, data: { state: next.state, closedAt: now } });
    }
  };
}

/** The inbound SMS deps' opt-in ports (wired where the webhook deps are built). */
export function optInInboundDeps(deps: ConsentDeps): {
  pendingOptIns: PendingOptIns;
  confirmOptIn: ConfirmOptIn;
  declineOptIns: DeclineOptIns;
} {
  return { pendingOptIns: pendingOptInsFor(deps.db), confirmOptIn: confirmOptInFor(deps), declineOptIns: declineOptInsFor(deps.db) };
}
