/** Daily housekeeping schedules, kept unique by a per-day key so every worker can ask for them. */

/** The next `hourUtc`:00 UTC strictly after `now`. */
export function nextDailyRun(now: Date, hourUtc: number): Date {
  const run = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc));
  if (run.getTime() <= now.getTime()) run.setUTCDate(run.getUTCDate() + 1);
  return run;
}

/**
 * One key per job and day: however many workers start, one run per day is pending, and the run
 * that schedules tomorrow's (while still holding its own key) does not collide with itself.
 */
export function dailyRunKey(name: string, runAt: Date): string {
  return `${name}:${runAt.toISOString().slice(0, 10)}`;
}

const HOUR_MS = 3_600_000;

/** The calendar date (y, m, d) at `at` in `timeZone`. */
function localDate(at: Date, timeZone: string): { y: number; m: number; d: number } {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { y: part("year"), m: part("month"), d: part("day") };
}

/** The first instant of the local day after `now` in `timeZone` (DST-safe: searched, not computed). */
export function nextLocalMidnight(now: Date, timeZone: string): Date {
  const today = localDate(now, timeZone);
  // Start from UTC midnight of the next calendar day and step to the first instant whose local
  // date is that day: offsets lie within ±14 h, so the answer is within a day of the guess.
  const target = Date.UTC(today.y, today.m - 1, today.d + 1);
  const key = (t: Date) => {
    const l = localDate(t, timeZone);
    return Date.UTC(l.y, l.m - 1, l.d);
  };
  let lo = target - 15 * HOUR_MS;
  let hi = target + 15 * HOUR_MS;
  // Binary search over minutes for the first instant at or after the next local date.
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 2 / 60_000) * 60_000;
    if (key(new Date(mid)) >= target) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/**
 * When a shop's memberships are next re-evaluated on the clock: at the next full UTC hour, or
 * at the shop's next local midnight when that comes first (zones offset by :30 or :45).
 */
export function nextShopClockRun(now: Date, timeZone: string): Date {
  const hour = new Date((Math.floor(now.getTime() / HOUR_MS) + 1) * HOUR_MS);
  const midnight = nextLocalMidnight(now, timeZone);
  return midnight < hour ? midnight : hour;
}
