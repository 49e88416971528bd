/**
 * The shop's clock: whole days in the shop's IANA time zone, and relative dates
 * (`-30d`, `-1m`, `-6h`, `today`) resolved against an explicit `now`. Shopify
 * compares segment dates as whole days in the shop's time zone unless a time is
 * given, so a date value resolves either to a local day or to an instant.
 *
 * Timestamps are whole seconds since the epoch throughout the segment engine
 * (facts are kept at second precision in the columnar index).
 */
import type { DateValue, RelativeUnit } from "../query-language/tree";

export const DAY_MS = 86_400_000;
const QUARTER_HOUR_MS = 900_000;

/** A day in the shop's time zone: days since 1970-01-01 of the local calendar date. */
export type LocalDay = number;

export type ResolvedDate = { precision: "day"; day: LocalDay } | { precision: "second"; second: number };

/**
 * Offsets and day boundaries for one time zone. Offsets are memoised per quarter
 * hour (every modern zone changes offset on a quarter-hour boundary), which keeps
 * a million conversions cheap; make one per shop and evaluation, not per module.
 */
export class ShopClock {
  private readonly format: Intl.DateTimeFormat;
  private readonly offsets = new Map<number, number>();

  constructor(readonly timeZone: string) {
    this.format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  }

  /** Local time minus UTC, in milliseconds, at the instant `ms`. */
  offsetAt(ms: number): number {
    const bucket = Math.floor(ms / QUARTER_HOUR_MS);
    const cached = this.offsets.get(bucket);
    if (cached !== undefined) return cached;
    const at = bucket * QUARTER_HOUR_MS;
    const parts: Record<string, number> = {};
    for (const p of this.format.formatToParts(new Date(at))) if (p.type !== "literal") parts[p.type] = Number(p.value);
    const local = Date.UTC(
      parts.year ?? 1970,
      (parts.month ?? 1) - 1,
      parts.day ?? 1,
      parts.hour ?? 0,
      parts.minute ?? 0,
      parts.second ?? 0,
    );
    const offset = local - at;
    this.offsets.set(bucket, offset);
    return offset;
  }

  /** The local calendar day of an instant. */
  dayOfMs(ms: number): LocalDay {
    return Math.floor((ms + this.offsetAt(ms)) / DAY_MS);
  }

  dayOfSecond(second: number): LocalDay {
    return this.dayOfMs(second * 1000);
  }

  /** UTC instant (ms) of a local wall-clock time given as ms since the epoch of the local calendar. */
  localToUtcMs(localMs: number): number {
    let utc = localMs - this.offsetAt(localMs);
    utc = localMs - this.offsetAt(utc);
    return utc;
  }

  /**
   * The first second of a local day. Where midnight does not exist (a DST jump at 00:00),
   * the day starts at the first instant that belongs to it.
   */
  startOfDaySecond(day: LocalDay): number {
    let second = Math.floor(this.localToUtcMs(day * DAY_MS) / 1000);
    if (this.dayOfSecond(second) >= day && this.dayOfSecond(second - 1) < day) return second;
    // Rare: search the ±14 h window in which the day must begin.
    let lo = day * 86_400 - 14 * 3600;
    let hi = day * 86_400 + 14 * 3600;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.dayOfSecond(mid) >= day) hi = mid;
      else lo = mid + 1;
    }
    second = lo;
    return second;
  }

  /** Resolves a date value of the query language against `now`. */
  resolve(value: DateValue, now: Date): ResolvedDate {
    const nowMs = now.getTime();
    switch (value.kind) {
      case "today":
        return { precision: "day", day: this.dayOfMs(nowMs) };
      case "yesterday":
        return { precision: "day", day: this.dayOfMs(nowMs) - 1 };
      case "absolute": {
        const [y, m, d] = value.date.split("-").map(Number) as [number, number, number];
        const day = utcDay(y, m - 1, d);
        if (value.time === undefined) return { precision: "day", day };
        const [hh, mm, ss] = value.time.split(":").map(Number) as [number, number, number];
        return { precision: "second", second: Math.floor(this.localToUtcMs(day * DAY_MS + ((hh * 60 + mm) * 60 + ss) * 1000) / 1000) };
      }
      case "relative":
        return resolveRelative(this, value.amount, value.unit, nowMs);
    }
  }

  /** The half-open range of seconds `[from, to)` a resolved date covers. */
  span(date: ResolvedDate): { from: number; to: number } {
    if (date.precision === "second") return { from: date.second, to: date.second + 1 };
    return { from: this.startOfDaySecond(date.day), to: this.startOfDaySecond(date.day + 1) };
  }
}

function resolveRelative(clock: ShopClock, amount: number, unit: RelativeUnit, nowMs: number): ResolvedDate {
  if (unit === "h") return { precision: "second", second: Math.floor(nowMs / 1000) + amount * 3600 };
  const today = clock.dayOfMs(nowMs);
  if (unit === "d") return { precision: "day", day: today + amount };
  if (unit === "w") return { precision: "day", day: today + 7 * amount };
  // Months and years move along the calendar; the 31st becomes the last day of a shorter month.
  const date = new Date(today * DAY_MS);
  const months = unit === "m" ? amount : 12 * amount;
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(utcDay(year, month + 1, 0) * DAY_MS).getUTCDate();
  const dayOfMonth = Math.min(date.getUTCDate(), lastDay);
  return { precision: "day", day: utcDay(year, month, dayOfMonth) };
}

/** Days since the epoch of a calendar date (month 0-based); years below 100 are taken literally. */
function utcDay(year: number, month: number, day: number): LocalDay {
  const d = new Date(0);
  d.setUTCFullYear(year, month, day);
  return Math.floor(d.getTime() / DAY_MS);
}
