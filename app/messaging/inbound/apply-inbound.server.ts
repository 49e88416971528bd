// What an inbound SMS does, applied right after the signed webhook stored it (in the same
// request; every step is idempotent, so Twilio's redelivery of the same MessageSid re-applies
// with no further effect). The decision is the pure rule in rules/keywords.ts, per customer who
// owns the number; this file only reads the state it needs and writes the outcome.
import { enqueueOutboxMessages } from "../outbox/outbox-store.server";
import { applyInbound, classifyInbound, type InboundNumberState } from "../rules/keywords";
import { recordStopOnLastText } from "./stop-event.server";
import {
  changeConsent,
  customersWithAddress,
  isSuppressed,
  lastConsentChange,
  suppress,
  unsuppress,
  type ConsentDeps,
  type StoredMarketingState,
} from "../consent/consent-store.server";

export const STOP_REASON = "sms_stop";

/**
 * Double opt-in is not built yet, so no number has a pending confirmation. The check is a port
 * so the issue that adds double opt-in plugs its lookup in here and YES starts confirming.
 */
export type PendingOptIns = (shop: string, customerId: number) => Promise<boolean>;
export const noPendingOptIns: PendingOptIns = async () => false;
/** What a confirming YES does for a pending opt-in (app/optin); by default the customer is subscribed. */
export type ConfirmOptIn = (shop: string, customerId: number, now: Date) => Promise<void>;
/** What a STOP does to the number's pending sign-ups (app/optin): declines them at once. */
export type DeclineOptIns = (shop: string, phone: string, now: Date) => Promise<void>;

export interface InboundDeps extends ConsentDeps {
  pendingOptIns?: PendingOptIns;
  confirmOptIn?: ConfirmOptIn;
  declineOptIns?: DeclineOptIns;
}

export interface InboundSms {
  shop: string;
  messageSid: string;
  from: string;
  body: string;
  /** Twilio's Advanced Opt-Out set this (STOP, START, HELP): it has already answered the sender. */
  optOutType: string | null;
}

const toRuleState = (state: StoredMarketingState) => state.toLowerCase() as InboundNumberState["marketingState"];

export async function defaultHelpText(deps: Pick<ConsentDeps, "db">, shop: string): Promise<string> {
  const [shopRow, settings] = await Promise.all([
    deps.db.shop.findUnique({ where: { shop }, select: { name: true, smsHelpText: true } }),
    deps.db.channelSettings.findUnique({ where: { shop }, select: { brandName: true } }),
  ]);
  if (shopRow?.smsHelpText) return shopRow.smsHelpText;
  const brand = settings?.brandName || shopRow?.name || "This store";
  return `${brand}: marketing texts. Reply STOP to opt out. Msg & data rates may apply.`;
}

export async function applyInboundSms(deps: InboundDeps, sms: InboundSms, now: Date): Promise<void> {
  const { shop, from } = sms;
  const intent = classifyInbound(sms.body);
  if (intent === "none") return;
  const options = { providerAnsweredHelp: sms.optOutType !== null && sms.optOutType !== "" };
  if (intent === "help") {
    // HELP is answered whoever asks (carriers require it, even after STOP), unless Twilio did.
    const decided = applyInbound({ known: false, marketingState: "not_subscribed", stoppedByKeyword: false }, sms.body, options);
    if (decided.action !== "help" || !decided.reply) return;
    await enqueueOutboxMessages(
      deps.db,
      [
        {
          shop,
          idempotencyKey: `help:${sms.messageSid}`,
          channel: "SMS",
          recipient: from,
          body: await defaultHelpText(deps, shop),
          notBefore: now,
        },
      ],
      now,
    );
    return;
  }
  const customers = await customersWithAddress(deps.db, shop, "SMS", from);
  if (intent === "opt_out") {
    // STOP suppresses the number even when no customer has it: it is the number that said no.
    await suppress(deps, shop, "SMS", from, STOP_REASON, now);
    for (const customer of customers)
      await changeConsent(deps, { shop, customerId: customer.id, channel: "SMS", to: "UNSUBSCRIBED", source: STOP_REASON, at: now });
    await recordStopOnLastText(
      deps.db,
      shop,
      from,
      customers.map((c) => c.id),
      sms.messageSid,
      now,
    );
    if (deps.declineOptIns) await deps.declineOptIns(shop, from, now);
    return;
  }
  if (intent === "opt_in") {
    const suppression = await isSuppressed(deps, shop, "SMS", from);
    if (suppression?.reason !== STOP_REASON) return;
    await unsuppress(deps, shop, "SMS", from, STOP_REASON);
    for (const customer of customers) {
      const last = await lastConsentChange(deps.db, shop, customer.id, "SMS");
      // Back to subscribed only when it was STOP that took the subscription away.
      const stoppedByKeyword =
        last?.source === STOP_REASON && last.toState === customer.smsMarketingState && last.fromState === "SUBSCRIBED";
      const decided = applyInbound(
        { known: true, marketingState: toRuleState(customer.smsMarketingState), stoppedByKeyword },
        sms.body,
        options,
      );
      if (decided.action === "opt_in")
        await changeConsent(deps, { shop, customerId: customer.id, channel: "SMS", to: "SUBSCRIBED", source: "sms_start", at: now });
    }
    return;
  }
  // intent === "confirm": only a pending double opt-in makes YES mean anything.
  const pending = deps.pendingOptIns ?? noPendingOptIns;
  for (const customer of customers) {
    const marketingState = (await pending(shop, customer.id))
      ? "pending"
      : toRuleState(customer.smsMarketingState) === "pending"
        ? "not_subscribed"
        : toRuleState(customer.smsMarketingState);
    const decided = applyInbound({ known: true, marketingState, stoppedByKeyword: false }, sms.body, options);
    if (decided.action !== "confirm") continue;
    if (deps.confirmOptIn) await deps.confirmOptIn(shop, customer.id, now);
    else await changeConsent(deps, { shop, customerId: customer.id, channel: "SMS", to: "SUBSCRIBED", source: "sms_confirm", at: now });
  }
}
