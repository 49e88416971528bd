/**
 * When a campaign's messages may go (PURE): a date and time in the shop's zone up to 30 days
 * ahead, or a wall-clock time in each recipient's zone (already passed there today → tomorrow).
 */
import { HELD_NOT_BEFORE } from "~/messaging/outbox/status";
import { localTime, utcOf } from "~/messaging/rules/quiet-hours/local-time";

export const SEND_MODES = ["now", "at", "local"] as const;
export type SendMode = (typeof SEND_MODES)[number];

export const MAX_DAYS_AHEAD = 30;
const DAY_MS = 86_400_000;

/**
 * The notBefore of a paused campaign's queued rows: far enough that no dispatcher claims them,
 * and recognisable, so resume knows which rows to give a real time again.
 */
export const PAUSED_NOT_BEFORE = HELD_NOT_BEFORE;

/** "HH:MM" (24 h) → minutes since midnight, or null when malformed. */
export function parseClock(text: string): number | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

/** "YYYY-MM-DDTHH:MM" read in `zone` → the UTC instant, or null when malformed. */
export function parseLocalDateTime(text: string, zone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}:\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [, y, m, d, clock] = match;
  const minute = parseClock(clock ?? "");
  const dayMs = Date.UTC(Number(y), Number(m) - 1, Number(d));
  const check = new Date(dayMs);
  if (minute === null || check.getUTCMonth() !== Number(m) - 1 || check.getUTCDate() !== Number(d)) return null;
  return new Date(utcOf(zone, Math.floor(dayMs / DAY_MS), minute));
}

/** The instant as "YYYY-MM-DDTHH:MM" in `zone` (the form's value). */
export function formatLocalDateTime(at: Date, zone: string): string {
  const local = localTime(zone, at.getTime());
  const date = new Date(local.day * DAY_MS).toISOString().slice(0, 10);
  return `${date}T${String(Math.floor(local.minute / 60)).padStart(2, "0")}:${String(local.minute % 60).padStart(2, "0")}`;
}

/** Why a send time cannot be used, or null when it can. */
export function sendAtProblem(at: Date, now: Date): string | null {
  if (at.getTime() <= now.getTime()) return "The send time has already passed: choose a time in the future.";
  if (at.getTime() > now.getTime() + MAX_DAYS_AHEAD * DAY_MS) return `The send time is more than ${MAX_DAYS_AHEAD} days ahead.`;
  return null;
}

/** The next time the wall clock reads `minute` in `zone`, from `now` (now itself counts as passed). */
export function nextLocalTime(zone: string, minute: number, now: Date): Date {
  const today = localTime(zone, now.getTime()).day;
  const at = utcOf(zone, today, minute);
  return new Date(at > now.getTime() ? at : utcOf(zone, today + 1, minute));
}
