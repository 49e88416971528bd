/**
 * A segment's membership history as whole days in the shop's time zone: how many customers
 * entered and exited each day, and how many were members at the end of each day.
 *
 * The database groups events by quarter hour (membership-history.server.ts), so a 1M-member
 * segment arrives here as at most 96 rows per day and change. Every zone in use today moves
 * its offset on a quarter-hour boundary, so a quarter hour never straddles two local days.
 */
import { DAY_MS, type LocalDay, ShopClock } from "../engine/clock";

/** Seconds per group the query counts events in. */
export const HISTORY_BUCKET_SECONDS = 900;

/** The ranges the page offers, in days ending today. */
export const HISTORY_RANGES = [7, 30, 90] as const;
export type HistoryRange = (typeof HISTORY_RANGES)[number];
export const DEFAULT_HISTORY_RANGE: HistoryRange = 30;

/** Events of one quarter hour: `bucket` is the epoch second of its start divided by 900. */
export interface HistoryBucket {
  bucket: number;
  entered: number;
  exited: number;
}

export interface HistoryDay {
  /** The local calendar date, YYYY-MM-DD. */
  date: string;
  entered: number;
  exited: number;
  /** Members at the end of the day (for today: now). */
  members: number;
}

export interface MembershipHistory {
  timeZone: string;
  range: HistoryRange;
  days: HistoryDay[];
  entered: number;
  exited: number;
}

/** The local days a range covers (ending today) and the instants `[fromSecond, toSecond)` that bound them. */
export function historyWindow(timeZone: string, now: Date, range: HistoryRange) {
  const clock = new ShopClock(timeZone);
  const lastDay = clock.dayOfMs(now.getTime());
  const firstDay = lastDay - range + 1;
  return { firstDay, lastDay, fromSecond: clock.startOfDaySecond(firstDay), toSecond: clock.startOfDaySecond(lastDay + 1) };
}

function isoDate(day: LocalDay): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Buckets quarter-hour counts into the range's local days. Members are counted backwards
 * from `memberCount` (the segment's current size): the members at the end of a day are the
 * current members minus everyone who entered after it, plus everyone who exited after it.
 * Buckets outside the range are ignored.
 */
export function bucketMembershipHistory(input: {
  buckets: readonly HistoryBucket[];
  memberCount: number;
  timeZone: string;
  now: Date;
  range: HistoryRange;
}): MembershipHistory {
  const { buckets, memberCount, timeZone, now, range } = input;
  const clock = new ShopClock(timeZone);
  const { firstDay, lastDay } = historyWindow(timeZone, now, range);
  const days: HistoryDay[] = [];
  for (let day = firstDay; day <= lastDay; day++) days.push({ date: isoDate(day), entered: 0, exited: 0, members: 0 });
  for (const b of buckets) {
    const slot = days[clock.dayOfSecond(b.bucket * HISTORY_BUCKET_SECONDS) - firstDay];
    if (!slot) continue;
    slot.entered += b.entered;
    slot.exited += b.exited;
  }
  let members = memberCount;
  for (let i = days.length - 1; i >= 0; i--) {
    const day = days[i] as HistoryDay;
    day.members = members;
    members -= day.entered - day.exited;
  }
  return {
    timeZone,
    range,
    days,
    entered: days.reduce((sum, d) => sum + d.entered, 0),
    exited: days.reduce((sum, d) => sum + d.exited, 0),
  };
}

/** "Entered 12 · Exited 3 in the last 30 days": the chart's numbers as text. */
export function summarizeMembershipHistory(history: Pick<MembershipHistory, "entered" | "exited" | "range">): string {
  const n = new Intl.NumberFormat("en-US");
  return `Entered ${n.format(history.entered)} · Exited ${n.format(history.exited)} in the last ${history.range} days`;
}

/** A range from the page's `days` parameter; anything else is the default. */
export function parseHistoryRange(value: string | null): HistoryRange {
  return HISTORY_RANGES.find((r) => String(r) === value) ?? DEFAULT_HISTORY_RANGE;
}
