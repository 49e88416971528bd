/**
 * PURE: the holdout lift report (issue #15 item 4): did the customers who were messaged order
 * more than the customers held out of the campaign?
 *
 * One definition for both groups, so the comparison is fair: a customer *converted* when they
 * placed an order (not a test, not deleted, not cancelled) within the attribution window after
 * the campaign started sending — the same window for everyone, whether or not they were sent
 * anything; an attributed order is not required, since the holdout has no messages to attribute
 * to. *Revenue* is those orders' totals net of refunds in shop money (minor units).
 *
 * The messaged group is everyone the campaign queued a message for, including those later
 * skipped (no consent, suppressed, capped): the holdout was drawn before those checks, so it
 * holds the same kinds of people ("intent to treat"). The holdout counts only held-out customers
 * who have an address for the channel, as the messaged group does. A cancelled campaign keeps its
 * unsent customers in the messaged group too, and its verdict says the difference is diluted.
 */
import { newcombeInterval, sampleOf, welchInterval, type Interval } from "./lift-math";

export interface LiftGroup {
  customers: number;
  /** Net revenue (minor units) of each customer who converted; a fully refunded order is a 0. */
  converterRevenues: readonly number[];
}

export interface LiftInput {
  holdoutPercent: number;
  sent: LiftGroup;
  holdout: LiftGroup;
  window: { start: Date; end: Date };
  now: Date;
  currency: string;
  /**
   * Messages the campaign never sent because it was cancelled. Their customers stay in the
   * messaged group (the holdout has their like too), so the verdict says the difference is diluted.
   */
  cancelledUnsent?: number;
}

/** Below this the report says "Not enough data yet" (the UI states both numbers). */
export const LIFT_MINIMUM = { customersPerGroup: 100, convertersInAll: 10 } as const;

export interface GroupSummary {
  customers: number;
  converted: number;
  /** 0…1 */
  conversionRate: number;
  /** Minor units per customer of the group. */
  revenuePerRecipient: number;
}

export interface Estimate extends Interval {
  difference: number;
}

export type LiftTone = "success" | "warning" | "info";

interface Common {
  window: { start: string; end: string; open: boolean };
  sent: GroupSummary;
  holdout: GroupSummary;
  currency: string;
}

export type LiftReport =
  | { state: "no_holdout" }
  | (Common & { state: "not_enough_data"; message: string })
  | (Common & { state: "ready"; conversion: Estimate; revenuePerRecipient: Estimate; verdict: { tone: LiftTone; text: string } });

function summarise(group: LiftGroup): GroupSummary {
  const converted = group.converterRevenues.length;
  const revenue = group.converterRevenues.reduce((sum, v) => sum + v, 0);
  return {
    customers: group.customers,
    converted,
    conversionRate: group.customers === 0 ? 0 : converted / group.customers,
    revenuePerRecipient: group.customers === 0 ? 0 : revenue / group.customers,
  };
}

function checkGroup(name: string, group: LiftGroup): void {
  if (!Number.isInteger(group.customers) || group.customers < 0)
    throw new RangeError(`Lift report: the ${name} group's size must be a whole number ≥ 0, got ${group.customers}`);
  if (group.converterRevenues.length > group.customers)
    throw new RangeError(
      `Lift report: the ${name} group has ${group.converterRevenues.length} customers who ordered but only ${group.customers} customers`,
    );
}

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;
const points = (d: number) => `${d >= 0 ? "+" : "−"}${Math.abs(d * 100).toFixed(1)} points`;

function money(minor: number, currency: string, signed: boolean): string {
  const format = new Intl.NumberFormat("en-US", { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const text = format.format(Math.abs(minor) / 10 ** digits);
  return signed ? `${minor >= 0 ? "+" : "−"}${text}` : text;
}

function verdictOf(
  sent: GroupSummary,
  holdout: GroupSummary,
  conversion: Estimate,
  revenue: Estimate,
  currency: string,
  open: boolean,
  cancelledUnsent: number,
): { tone: LiftTone; text: string } {
  const rates = `${percent(sent.conversionRate)} of messaged customers ordered, against ${percent(holdout.conversionRate)} of those held out (${points(conversion.difference)}; 95% confidence interval ${points(conversion.low)} to ${points(conversion.high)}).`;
  const perRecipient = `Revenue per recipient: ${money(sent.revenuePerRecipient, currency, false)} against ${money(holdout.revenuePerRecipient, currency, false)} (${money(revenue.difference, currency, true)}; 95% confidence interval ${money(revenue.low, currency, true)} to ${money(revenue.high, currency, true)}).`;
  const cancelled =
    cancelledUnsent > 0
      ? ` The campaign was cancelled before ${cancelledUnsent.toLocaleString("en-US")} of its messages went out; those customers still count as messaged (to stay comparable with the holdout), so the difference understates what the messages did.`
      : "";
  const still = `${cancelled}${open ? " The window is still open, so these figures can change." : ""}`;
  if (conversion.low > 0) return { tone: "success", text: `The campaign brought more orders: ${rates} ${perRecipient}${still}` };
  if (conversion.high < 0)
    return { tone: "warning", text: `Messaged customers ordered less than those held out: ${rates} ${perRecipient}${still}` };
  return {
    tone: "info",
    text: `No clear difference: ${rates} The interval includes zero, so the campaign may have made no difference to orders. ${perRecipient}${still}`,
  };
}

/** The report for the campaign's two groups as they stand at `now`. */
export function liftReport(input: LiftInput): LiftReport {
  if (input.holdoutPercent <= 0) return { state: "no_holdout" };
  checkGroup("messaged", input.sent);
  checkGroup("holdout", input.holdout);
  const sent = summarise(input.sent);
  const holdout = summarise(input.holdout);
  const open = input.now.getTime() < input.window.end.getTime();
  const common: Common = {
    window: { start: input.window.start.toISOString(), end: input.window.end.toISOString(), open },
    sent,
    holdout,
    currency: input.currency,
  };
  const converters = sent.converted + holdout.converted;
  if (
    sent.customers < LIFT_MINIMUM.customersPerGroup ||
    holdout.customers < LIFT_MINIMUM.customersPerGroup ||
    converters < LIFT_MINIMUM.convertersInAll
  ) {
    const message = `Not enough data yet: the report needs at least ${LIFT_MINIMUM.customersPerGroup} customers in each group and ${LIFT_MINIMUM.convertersInAll} customers who ordered across both (now ${sent.customers} messaged, ${holdout.customers} held out, ${converters} ordered).`;
    return { ...common, state: "not_enough_data", message };
  }
  const c = newcombeInterval(sent.converted, sent.customers, holdout.converted, holdout.customers);
  const w = welchInterval(
    sampleOf(sent.customers, input.sent.converterRevenues),
    sampleOf(holdout.customers, input.holdout.converterRevenues),
  );
  const conversion = { difference: sent.conversionRate - holdout.conversionRate, low: c.low, high: c.high };
  const revenuePerRecipient = { difference: sent.revenuePerRecipient - holdout.revenuePerRecipient, low: w.low, high: w.high };
  return {
    ...common,
    state: "ready",
    conversion,
    revenuePerRecipient,
    verdict: verdictOf(sent, holdout, conversion, revenuePerRecipient, input.currency, open, input.cancelledUnsent ?? 0),
  };
}
