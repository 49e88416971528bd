/**
 * One decision per message and recipient at dispatch time: consent, then the frequency cap, then
 * quiet hours. Pure: everything it needs is passed in, `now` included.
 */
import { checkConsent } from "./consent";
import type { ConsentContact, ConsentContext, ConsentDecision, MessageChannel, MessageKind } from "./consent";
import { capOpensAt } from "./frequency-cap";
import type { FrequencyCapSettings, SentMessage } from "./frequency-cap";
import { legalMaxPer24h, nextAllowedMs } from "./quiet-hours/next-allowed";
import type { RecipientLocation } from "./quiet-hours/next-allowed";
import type { QuietHoursSettings } from "./quiet-hours/settings";

export interface DispatchRecipient {
  /** The address and consent state for the message's channel. */
  contact: ConsentContact;
  location: RecipientLocation;
}

export interface DispatchMessage {
  channel: MessageChannel;
  kind: MessageKind;
  /** What the source wants when the cap is reached: wait (up to `maxWaitMs`) or give up. */
  onCap: { mode: "defer"; maxWaitMs: number } | { mode: "skip" };
  /** Epoch ms after which the message is pointless (a flash sale's end); null: none. */
  deadline: number | null;
}

export interface DispatchSettings {
  consent: ConsentContext;
  frequencyCap: FrequencyCapSettings;
  quietHours: QuietHoursSettings;
}

export type SkipReason = Extract<ConsentDecision, { ok: false }>["reason"] | "capped" | "quiet_hours_deadline" | "no_open_window";

export type DispatchDecision = { action: "send_now" } | { action: "wait_until"; at: Date } | { action: "skip"; reason: SkipReason };

const SEND_NOW: DispatchDecision = { action: "send_now" };

/**
 * Send now, wait until a time, or skip with the reason. Confirmations and HELP replies answer the
 * recipient's own text: consent (suppression) alone decides them, with no cap or quiet hours.
 * A message the cap defers past its source's maximum wait, or past its deadline, is `capped`; one
 * quiet hours push past its deadline is `quiet_hours_deadline`.
 */
export function decideDispatch(
  recipient: DispatchRecipient,
  message: DispatchMessage,
  history: readonly SentMessage[],
  settings: DispatchSettings,
  now: Date,
): DispatchDecision {
  const consent = checkConsent(message.channel, message.kind, recipient.contact, settings.consent);
  if (!consent.ok) return { action: "skip", reason: consent.reason };
  if (message.kind !== "marketing") return SEND_NOW;

  const nowMs = now.getTime();
  const legalCap = message.channel === "sms" ? legalMaxPer24h(recipient.location, settings.quietHours) : null;
  const capAt = capOpensAt(history, message.channel, legalCap, settings.frequencyCap, nowMs);
  if (capAt > nowMs) {
    if (message.onCap.mode === "skip" || capAt - nowMs > message.onCap.maxWaitMs) return { action: "skip", reason: "capped" };
    if (message.deadline !== null && capAt > message.deadline) return { action: "skip", reason: "capped" };
  }
  const at = nextAllowedMs(recipient.location, message.channel, capAt, settings.quietHours);
  if (at === null) return { action: "skip", reason: "no_open_window" };
  if (message.deadline !== null && at > message.deadline) return { action: "skip", reason: "quiet_hours_deadline" };
  return at === nowMs ? SEND_NOW : { action: "wait_until", at: new Date(at) };
}
