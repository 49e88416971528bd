/**
 * PURE: when each step of a run is due, how long it may wait (its own window), and what cancels a
 * run. The `automations.tick` job and the simulator (timeline.ts) both decide through these.
 */
import { US_SMS_WINDOW_MS } from "./carrier-rules";
import type { SequenceConfig } from "./steps";

const MINUTE = 60_000;
/** The last step may wait (quiet hours) this long; earlier steps until the next one is due. */
export const LAST_STEP_WINDOW_MS = 24 * 3_600_000;

export function stepDueMs(config: SequenceConfig, index: number, updatedAtMs: number): number {
  const step = config.steps[index];
  if (!step) throw new Error(`Sequence has no step ${index + 1}`);
  return updatedAtMs + step.delayMinutes * MINUTE;
}

/**
 * Past this a step is pointless: the next step is due (or, for the last, a day has passed), and a
 * US text may not leave later than 48 h after the abandonment. Written as the outbox row's
 * `deadline`, so quiet hours and the cap make a cart step wait only inside its own window.
 */
export function stepDeadlineMs(
  config: SequenceConfig,
  index: number,
  updatedAtMs: number,
  channel: "sms" | "email",
  usNumber: boolean,
): number {
  const next = config.steps[index + 1];
  const windowEnd = next ? updatedAtMs + next.delayMinutes * MINUTE : stepDueMs(config, index, updatedAtMs) + LAST_STEP_WINDOW_MS;
  return channel === "sms" && usNumber ? Math.min(windowEnd, updatedAtMs + US_SMS_WINDOW_MS) : windowEnd;
}

export type StepTiming =
  | { kind: "wait"; untilMs: number }
  | { kind: "due"; step: number }
  /** Its window passed before it could go (a checkout webhook that arrived days late). */
  | { kind: "late"; step: number }
  | { kind: "finished" };

/** What the run's next step is at `nowMs`. */
export function stepTiming(config: SequenceConfig, nextStep: number, updatedAtMs: number, nowMs: number): StepTiming {
  if (nextStep >= config.steps.length) return { kind: "finished" };
  const due = stepDueMs(config, nextStep, updatedAtMs);
  if (nowMs < due) return { kind: "wait", untilMs: due };
  if (nowMs >= stepDeadlineMs(config, nextStep, updatedAtMs, "email", false)) return { kind: "late", step: nextStep };
  return { kind: "due", step: nextStep };
}

export interface CancellationFacts {
  checkoutCompleted: boolean;
  checkoutDeleted: boolean;
  /** An order from the same checkout or customer since the checkout was created. */
  orderedSince: boolean;
  /** Neither a subscribed phone nor a subscribed email is left. */
  optedOut: boolean;
  /** The customer's latest storefront sign-up offered cart reminders and left the box unticked. */
  remindersDeclined: boolean;
  shopUninstalled: boolean;
  shopPaused: boolean;
  automationEnabled: boolean;
}

export const CANCEL_REASONS = [
  "purchased",
  "checkout_completed",
  "checkout_deleted",
  "opted_out",
  "shop_uninstalled",
  "shop_paused",
  "automation_off",
  "reminders_declined",
] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

/** Why the run's remaining steps must not go, or null. A purchase is named first: it is a recovery. */
export function cancellationOf(facts: CancellationFacts): CancelReason | null {
  if (facts.orderedSince) return "purchased";
  if (facts.checkoutCompleted) return "checkout_completed";
  if (facts.checkoutDeleted) return "checkout_deleted";
  if (facts.shopUninstalled) return "shop_uninstalled";
  if (facts.shopPaused) return "shop_paused";
  if (!facts.automationEnabled) return "automation_off";
  if (facts.optedOut) return "opted_out";
  if (facts.remindersDeclined) return "reminders_declined";
  return null;
}

/** Deterministic, unique per run and step, and not guessable from the token alone. */
export function discountCodeFor(runHash: string, step: number): string {
  return `BACK${step + 1}-${runHash.slice(0, 8).toUpperCase()}`;
}
