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
