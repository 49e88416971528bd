/**
 * PURE: which channel each step really uses for one customer.
 *
 * Carrier rule for abandoned-checkout texts to US numbers (CTIA and the carriers' cart-recovery
 * policies, as the messaging providers enforce them): at most one SMS per abandonment, sent within
 * 48 hours of it, only to subscribers who consented. An SMS step that would break it becomes an
 * email when the customer has email consent and is skipped otherwise. Other countries follow the
 * merchant's steps (an SMS step without SMS consent is skipped, never converted).
 */
import type { SequenceConfig } from "./steps";

export const US_SMS_WINDOW_MS = 48 * 3_600_000;

export interface StepContact {
  phone: string | null;
  /** ISO country of the phone number (libphonenumber), null when unknown. */
  phoneCountry: string | null;
  smsSubscribed: boolean;
  email: string | null;
  emailSubscribed: boolean;
}

export type PlanReason = "us_one_sms_per_abandonment" | "us_sms_after_48h" | "us_no_sms_consent" | "no_sms_consent" | "no_email_consent";

export const PLAN_REASON_TEXT: Readonly<Record<PlanReason, string>> = {
  us_one_sms_per_abandonment: "US carriers allow one text per abandoned checkout, and an earlier step already texts",
  us_sms_after_48h: "US carriers allow cart texts only within 48 hours of the abandonment",
  us_no_sms_consent: "the customer has not subscribed to texts",
  no_sms_consent: "the customer has no phone subscribed to texts",
  no_email_consent: "the customer has no email subscribed to marketing",
};

export type StepPlan =
  | { step: number; channel: "sms" | "email"; convertedBecause: PlanReason | null }
  | { step: number; channel: null; skippedBecause: PlanReason };

const emailOr = (step: number, reason: PlanReason, contact: StepContact): StepPlan =>
  contact.emailSubscribed && contact.email
    ? { step, channel: "email", convertedBecause: reason }
    : { step, channel: null, skippedBecause: contact.emailSubscribed ? "no_email_consent" : reason };

/**
 * The channel of step `index` given the consent now and whether this abandonment already used its
 * one US text (a step planned as SMS counts, sent or not: the rule is about what we attempt).
 */
export function planStep(config: SequenceConfig, index: number, contact: StepContact, smsAlreadyPlanned: boolean): StepPlan {
  const step = config.steps[index];
  if (!step) throw new Error(`Sequence has no step ${index + 1}`);
  if (step.channel === "email") {
    return contact.emailSubscribed && contact.email
      ? { step: index, channel: "email", convertedBecause: null }
      : { step: index, channel: null, skippedBecause: "no_email_consent" };
  }
  const sms: StepPlan = { step: index, channel: "sms", convertedBecause: null };
  if (contact.phoneCountry !== "US") {
    return contact.smsSubscribed && contact.phone ? sms : { step: index, channel: null, skippedBecause: "no_sms_consent" };
  }
  if (!contact.smsSubscribed || !contact.phone) return emailOr(index, "us_no_sms_consent", contact);
  if (smsAlreadyPlanned) return emailOr(index, "us_one_sms_per_abandonment", contact);
  if (step.delayMinutes * 60_000 > US_SMS_WINDOW_MS) return emailOr(index, "us_sms_after_48h", contact);
  return sms;
}

/** Every step's channel for one customer, in order (what the editor and the simulator show). */
export function planChannels(config: SequenceConfig, contact: StepContact): StepPlan[] {
  const plans: StepPlan[] = [];
  let smsPlanned = false;
  config.steps.forEach((_, i) => {
    const plan = planStep(config, i, contact, smsPlanned);
    if (plan.channel === "sms") smsPlanned = true;
    plans.push(plan);
  });
  return plans;
}

/** For the editor: which SMS steps a subscribed US customer with email consent gets by email, and why. */
export function usConversions(config: SequenceConfig): { step: number; reason: string }[] {
  const contact: StepContact = {
    phone: "+12125550100",
    phoneCountry: "US",
    smsSubscribed: true,
    email: "a@example.com",
    emailSubscribed: true,
  };
  return planChannels(config, contact).flatMap((plan) =>
    plan.channel === "email" && plan.convertedBecause ? [{ step: plan.step, reason: PLAN_REASON_TEXT[plan.convertedBecause] }] : [],
  );
}
