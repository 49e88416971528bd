// Sandbox only (pure): whether a demo customer may be texted now and for the next few minutes, by
// the dispatcher's own quiet-hours rules (law, the merchant's calendar, public holidays), so the
// demo's "Abandon a checkout" picks someone whose first text is delivered at any hour.
import type { RecipientLocation } from "~/messaging/rules/quiet-hours/next-allowed";
import { nextAllowedMs } from "~/messaging/rules/quiet-hours/next-allowed";
import type { QuietHoursSettings } from "~/messaging/rules/quiet-hours/settings";

const MINUTE = 60_000;

/** True when a marketing text may go at every minute from `fromMs` to `toMs` (both included). */
export function textableThroughout(location: RecipientLocation, settings: QuietHoursSettings, fromMs: number, toMs: number): boolean {
  if (toMs < fromMs) throw new Error(`textableThroughout: the window ends (${toMs}) before it starts (${fromMs})`);
  for (let t = fromMs; ; t = Math.min(t + MINUTE, toMs)) {
    if (nextAllowedMs(location, "sms", t, settings) !== t) return false;
    if (t === toMs) return true;
  }
}
