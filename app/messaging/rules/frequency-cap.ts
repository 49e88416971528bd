/**
 * Frequency cap on marketing messages per person, SMS and email counted together (default at
 * most 1 per 24 h and 3 per 7 days, merchant-editable). State caps on texts (FL, OK, MD: 3 per
 * 24 h) always apply to SMS, whatever the merchant sets. Confirmations and HELP replies neither
 * count nor are capped.
 */
import { z } from "zod";
import type { MessageChannel, MessageKind } from "./consent";

export interface SentMessage {
  /** Epoch milliseconds the message was sent (or handed to the provider). */
  at: number;
  channel: MessageChannel;
  kind: MessageKind;
}

/** Merchant-editable; 0 means no marketing at all. */
export const FrequencyCapSettings = z.object({
  per24h: z.number().int().min(0).max(100),
  per7d: z.number().int().min(0).max(700),
});
export type FrequencyCapSettings = z.infer<typeof FrequencyCapSettings>;

export const DEFAULT_FREQUENCY_CAP: FrequencyCapSettings = { per24h: 1, per7d: 3 };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The first instant ≥ now at which fewer than `limit` matching messages fall in (t − window, t]. */
function openAt(history: readonly SentMessage[], nowMs: number, windowMs: number, limit: number, channel: MessageChannel | null): number {
  if (limit <= 0) return Infinity;
  const inWindow: number[] = [];
  for (const sent of history) {
    if (sent.kind === "marketing" && sent.at > nowMs - windowMs && (channel === null || sent.channel === channel)) inWindow.push(sent.at);
  }
  if (inWindow.length < limit) return nowMs;
  inWindow.sort((a, b) => a - b);
  // The oldest (count − limit + 1) messages must leave the window.
  return (inWindow[inWindow.length - limit] as number) + windowMs;
}

/**
 * When the cap next lets a marketing message on `channel` go: `now` if it may go now; Infinity if
 * never (a limit of 0). `legalMaxPer24h` is the recipient's state cap on texts, if any.
 */
export function capOpensAt(
  history: readonly SentMessage[],
  channel: MessageChannel,
  legalMaxPer24h: number | null,
  settings: FrequencyCapSettings,
  nowMs: number,
): number {
  let at = Math.max(openAt(history, nowMs, DAY, settings.per24h, null), openAt(history, nowMs, 7 * DAY, settings.per7d, null));
  if (channel === "sms" && legalMaxPer24h !== null) at = Math.max(at, openAt(history, nowMs, DAY, legalMaxPer24h, "sms"));
  return at;
}
