/**
 * PURE: what one abandoned checkout's run would send, and when — the simulator's answer, built
 * from the same decisions the real run takes: the step timing and deadlines (sequence.ts), the
 * carrier plan (carrier-rules.ts), and at each send the dispatcher's own `decideDispatch` with the
 * cap policy it gives `checkout:` rows. A purchase cancels whatever has not left by then.
 */
import { capPolicyOf } from "~/messaging/dispatch/policy";
import { decideDispatch, type DispatchSettings } from "~/messaging/rules/decide-dispatch";
import type { SentMessage } from "~/messaging/rules/frequency-cap";
import type { RecipientLocation } from "~/messaging/rules/quiet-hours/next-allowed";
import { planStep, type PlanReason, type StepContact } from "./carrier-rules";
import { stepDeadlineMs, stepDueMs } from "./sequence";
import type { SequenceConfig } from "./steps";

export interface TimelineInput {
  config: SequenceConfig;
  /** The checkout's `updated_at`: every delay counts from it. */
  updatedAt: Date;
  contact: StepContact;
  location: RecipientLocation;
  settings: DispatchSettings;
  /** When the customer buys (null: never). */
  purchaseAt: Date | null;
  /** Marketing messages the person already had (they count toward the cap). */
  history?: readonly SentMessage[];
}

export type TimelineOutcome = "sent" | "skipped" | "cancelled";

export interface TimelineEntry {
  step: number;
  dueAt: Date;
  /** The channel after the carrier rules; null when the step has none for this customer. */
  channel: "sms" | "email" | null;
  /** Set when an SMS step goes by email (US carrier rules). */
  convertedBecause: PlanReason | null;
  outcome: TimelineOutcome;
  /** When it was sent, skipped or cancelled. */
  at: Date;
  /** Why it was skipped or cancelled, or why it waited (`quiet_hours_or_cap`). */
  reason: string | null;
}

export interface Timeline {
  /** When the run starts (the trigger delay after the last update); null when a purchase came first. */
  runStartsAt: Date | null;
  entries: TimelineEntry[];
}

const MAX_WAITS = 32;

export function buildTimeline(input: TimelineInput): Timeline {
  const { config, contact, settings, location } = input;
  const updatedMs = input.updatedAt.getTime();
  const purchaseMs = input.purchaseAt?.getTime() ?? Infinity;
  const startMs = updatedMs + config.triggerMinutes * 60_000;
  const history: SentMessage[] = [...(input.history ?? [])];
  const entries: TimelineEntry[] = [];
  const runStarts = purchaseMs > startMs;
  let smsPlanned = false;
  for (let i = 0; i < config.steps.length; i++) {
    const dueMs = stepDueMs(config, i, updatedMs);
    const base = { step: i, dueAt: new Date(dueMs) };
    if (!runStarts || purchaseMs <= dueMs) {
      entries.push({
        ...base,
        channel: null,
        convertedBecause: null,
        outcome: "cancelled",
        at: new Date(Math.min(purchaseMs, dueMs)),
        reason: "purchased",
      });
      continue;
    }
    const plan = planStep(config, i, contact, smsPlanned);
    if (plan.channel === null) {
      entries.push({
        ...base,
        channel: null,
        convertedBecause: null,
        outcome: "skipped",
        at: new Date(dueMs),
        reason: plan.skippedBecause,
      });
      continue;
    }
    if (plan.channel === "sms") smsPlanned = true;
    const channel = plan.channel;
    const deadline = stepDeadlineMs(config, i, updatedMs, channel, contact.phoneCountry === "US");
    const recipient = {
      contact:
        channel === "sms"
          ? { address: contact.phone, marketingState: contact.smsSubscribed ? ("subscribed" as const) : ("not_subscribed" as const) }
          : { address: contact.email, marketingState: contact.emailSubscribed ? ("subscribed" as const) : ("not_subscribed" as const) },
      location,
    };
    const message = { channel, kind: "marketing" as const, onCap: capPolicyOf("checkout:"), deadline };
    let t = dueMs;
    let waited = false;
    let entry: TimelineEntry | null = null;
    for (let n = 0; n < MAX_WAITS && entry === null; n++) {
      const decision = decideDispatch(recipient, message, history, settings, new Date(t));
      const common = { ...base, channel, convertedBecause: plan.convertedBecause };
      if (decision.action === "skip") {
        entry = { ...common, outcome: "skipped", at: new Date(t), reason: decision.reason };
      } else if (decision.action === "wait_until" && decision.at.getTime() < purchaseMs) {
        t = decision.at.getTime();
        waited = true;
      } else if (decision.action === "wait_until" || purchaseMs <= t) {
        entry = { ...common, outcome: "cancelled", at: new Date(purchaseMs), reason: "purchased" };
      } else {
        history.push({ at: t, channel, kind: "marketing" });
        entry = { ...common, outcome: "sent", at: new Date(t), reason: waited ? "quiet_hours_or_cap" : null };
      }
    }
    entries.push(
      entry ?? { ...base, channel, convertedBecause: plan.convertedBecause, outcome: "skipped", at: new Date(t), reason: "no_open_window" },
    );
  }
  return { runStartsAt: runStarts ? new Date(startMs) : null, entries };
}
