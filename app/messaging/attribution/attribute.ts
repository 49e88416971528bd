/**
 * PURE: which message an order is attributed to (issue #14 item 9). An order placed within the
 * click window (default 7 days) of a click, or within the delivery window (default 1 day) of an
 * SMS delivery or an email open, is attributed to the latest such message.
 *
 * Our reading of "the latest such message": the message whose qualifying touch is the latest
 * one at or before the order (last-touch attribution). Every touch is checked against its own
 * window first; then the latest qualifying touch wins, whatever its kind, so an SMS delivered
 * an hour before the order beats a click from three days before, and a click an hour before
 * beats an SMS delivered two hours before. It is not "the message sent latest": a message sent
 * last week and clicked just before the order is the one that brought the customer back. Touches
 * at the same instant prefer the stronger signal (click, then open, then delivery), then the
 * greater outbox id, so the answer never depends on the order touches are listed in.
 *
 * Boundaries are inclusive: a touch at the very instant of the order counts, and so does one
 * exactly a whole window before it. A touch after the order never counts. An email delivery is
 * no touch (the mailbox accepted it; nobody saw it), nor is anything else the providers report.
 */
import { z } from "zod";

export type TouchKind = "clicked" | "delivered" | "opened";
export type TouchChannel = "SMS" | "EMAIL";

export interface Touch {
  outboxMessageId: string;
  channel: TouchChannel;
  kind: TouchKind;
  at: Date;
}

/** Hours after a touch in which an order is still attributed to it. */
export const AttributionWindows = z.object({
  clickHours: z.number().int().min(0).max(8760),
  deliveryHours: z.number().int().min(0).max(8760),
});
export type AttributionWindows = z.infer<typeof AttributionWindows>;

/** The defaults of SendingRules (a shop without a row gets these). */
export const DEFAULT_ATTRIBUTION_WINDOWS: AttributionWindows = { clickHours: 168, deliveryHours: 24 };

const HOUR_MS = 3_600_000;

/**
 * The MessageEvent kinds that are touches. Clicks come from Flock's own short links (`clicked`,
 * written by the /l/<code> route) and from SendGrid click tracking (`email.click`); deliveries
 * and opens are stored as the providers name them (`sms.delivered`, `email.open`,
 * `email.delivered`) or already normalised (`delivered`, `opened`). Both spellings are read.
 */
const EVENT_KINDS: Readonly<Record<string, TouchKind>> = {
  clicked: "clicked",
  "email.click": "clicked",
  delivered: "delivered",
  "sms.delivered": "delivered",
  "email.delivered": "delivered",
  opened: "opened",
  "email.open": "opened",
};

/** Every stored event kind that may be a touch (for the job's SQL filter). */
export const TOUCH_EVENT_KINDS: readonly string[] = Object.keys(EVENT_KINDS);

/** The touch a stored MessageEvent kind is, or null when it is none (bounced, sms.sent, …). */
export function touchKindOf(eventKind: string): TouchKind | null {
  return Object.hasOwn(EVENT_KINDS, eventKind) ? (EVENT_KINDS[eventKind] as TouchKind) : null;
}

/** The window a touch opens, in hours, or null when the touch never attributes (email delivery, SMS open). */
export function windowHoursOf(touch: Pick<Touch, "channel" | "kind">, windows: AttributionWindows): number | null {
  switch (touch.kind) {
    case "clicked":
      return windows.clickHours;
    case "delivered":
      return touch.channel === "SMS" ? windows.deliveryHours : null;
    case "opened":
      return touch.channel === "EMAIL" ? windows.deliveryHours : null;
  }
}

/** The longest window: touches older than this before an order can never be chosen. */
export function longestWindowHours(windows: AttributionWindows): number {
  return Math.max(windows.clickHours, windows.deliveryHours);
}

/** Whether the touch may take credit for an order placed at `orderAt`. */
export function qualifies(touch: Touch, orderAt: Date, windows: AttributionWindows): boolean {
  const hours = windowHoursOf(touch, windows);
  if (hours === null) return false;
  const gap = orderAt.getTime() - touch.at.getTime();
  return gap >= 0 && gap <= hours * HOUR_MS;
}

const STRENGTH: Readonly<Record<TouchKind, number>> = { clicked: 3, opened: 2, delivered: 1 };

/** Positive when `a` wins over `b`. */
function compareTouches(a: Touch, b: Touch): number {
  const byTime = a.at.getTime() - b.at.getTime();
  if (byTime !== 0) return byTime;
  const byKind = STRENGTH[a.kind] - STRENGTH[b.kind];
  if (byKind !== 0) return byKind;
  if (a.outboxMessageId !== b.outboxMessageId) return a.outboxMessageId > b.outboxMessageId ? 1 : -1;
  return a.channel === b.channel ? 0 : a.channel > b.channel ? 1 : -1;
}

/**
 * The touch an order placed at `orderAt` by this customer is attributed to: the latest
 * qualifying one (see the file comment), or null when none qualifies. `touches` are the
 * customer's, in any order.
 */
export function chooseTouch<T extends Touch>(orderAt: Date, touches: readonly T[], windows: AttributionWindows): T | null {
  let best: T | null = null;
  for (const touch of touches) {
    if (!qualifies(touch, orderAt, windows)) continue;
    if (best === null || compareTouches(touch, best) > 0) best = touch;
  }
  return best;
}
