// What a provider's status callback or event does once stored: the outbox row it names moves
// forward (applyProviderState never moves a row back, so duplicates and reordering cannot undo
// anything), and SendGrid's unsubscribes, spam reports and hard failures reach the suppression
// list and the customer's email consent.
import { applyProviderState } from "../outbox/outbox-store.server";
import { stateFromSendGridEvent, stateFromTwilioStatus } from "../outbox/status";
import { changeConsent, customersWithAddress, suppress, type ConsentDeps } from "../consent/consent-store.server";
import { STOP_REASON } from "./apply-inbound.server";

/** Twilio refused the message because the recipient had replied STOP (to Twilio's handling). */
export const TWILIO_OPTED_OUT = "21610";

export interface TwilioStatusFacts {
  messageSid: string;
  status: string;
  errorCode: string | null;
  to: string | null;
}

export async function applyTwilioStatus(deps: ConsentDeps, shop: string, facts: TwilioStatusFacts, at: Date): Promise<void> {
  const state = stateFromTwilioStatus(facts.status);
  if (state) await applyProviderState(deps.db, shop, facts.messageSid, state, at);
  // DESIGN: a provider refusal for an opted-out number marks the number opted out. It is a STOP
  // we did not see, so it carries STOP's reason and a later START undoes it like any STOP.
  if (facts.errorCode === TWILIO_OPTED_OUT && facts.to) {
    await suppress(deps, shop, "SMS", facts.to, STOP_REASON, at);
    for (const customer of await customersWithAddress(deps.db, shop, "SMS", facts.to)) {
      await changeConsent(deps, { shop, customerId: customer.id, channel: "SMS", to: "UNSUBSCRIBED", source: STOP_REASON, at });
    }
  }
}

export interface SendGridEventFacts {
  event: string;
  email: string | null;
  /** `bounce` events: "bounce" (hard) or "blocked" (the receiver refused for now). */
  type: string | null;
  reason: string | null;
  providerMessageId: string | null;
}

/** Consent outcome of an event: unsubscribe-like events withdraw consent, hard failures only suppress. */
export function sendGridEventEffect(facts: Pick<SendGridEventFacts, "event" | "type" | "reason">): "withdraw" | "suppress" | null {
  if (facts.event === "unsubscribe" || facts.event === "group_unsubscribe" || facts.event === "spamreport") return "withdraw";
  if (facts.event === "bounce" && (facts.type ?? "bounce") === "bounce") return "suppress";
  if (facts.event === "dropped" && /invalid/i.test(facts.reason ?? "")) return "suppress";
  return null;
}

export async function applySendGridEvent(deps: ConsentDeps, shop: string, facts: SendGridEventFacts, at: Date): Promise<void> {
  const state = stateFromSendGridEvent(facts.event);
  if (state && facts.providerMessageId) await applyProviderState(deps.db, shop, facts.providerMessageId, state, at);
  const effect = sendGridEventEffect(facts);
  if (!effect || !facts.email) return;
  await suppress(
    deps,
    shop,
    "EMAIL",
    facts.email,
    `email_${facts.event}${facts.type && facts.event === "bounce" ? `_${facts.type}` : ""}`,
    at,
  );
  if (effect !== "withdraw") return;
  for (const customer of await customersWithAddress(deps.db, shop, "EMAIL", facts.email)) {
    await changeConsent(deps, { shop, customerId: customer.id, channel: "EMAIL", to: "UNSUBSCRIBED", source: `email_${facts.event}`, at });
  }
}
