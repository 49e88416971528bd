/**
 * Local wall-clock time in an IANA zone without allocating per call: the zone's UTC offset is read
 * once per 15-minute UTC bucket through Intl and cached (every zone in use today changes offset
 * only on a quarter hour), and calendar fields are computed from integer days.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
const BUCKET = 15 * MINUTE;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Map<number, number>>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** Throws a RangeError naming the zone when it is not an IANA zone this runtime knows. */
export function assertTimeZone(zone: string): void {
  formatterFor(zone);
}

function computeOffset(zone: string, utcMs: number): number {
  const parts = formatterFor(zone).formatToParts(utcMs);
  const field = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(field("year"), field("month") - 1, field("day"), field("hour"), field("minute"));
  return Math.round((asUtc - Math.floor(utcMs / MINUTE) * MINUTE) / MINUTE);
}

/** Minutes to add to UTC to get local time in `zone` at the instant `utcMs`. */
export function offsetMinutes(zone: string, utcMs: number): number {
  const bucket = Math.floor(utcMs / BUCKET);
  let byBucket = offsets.get(zone);
  if (!byBucket) {
    byBucket = new Map();
    offsets.set(zone, byBucket);
  }
  let offset = byBucket.get(bucket);
  if (offset === undefined) {
    if (byBucket.size > 20_000) byBucket.clear();
    offset = computeOffset(zone, bucket * BUCKET);
    byBucket.set(bucket, offset);
  }
  return offset;
}

export interface LocalTime {
  /** Days since 1970-01-01 in local time: a cheap key for the local date. */
  day: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** Minutes since local midnight. */
  minute: number;
}

export function localTime(zone: string, utcMs: number): LocalTime {
  const local = utcMs + offsetMinutes(zone, utcMs) * MINUTE;
  const day = Math.floor(local / DAY);
  return { day, weekday: (((day + 4) % 7) + 7) % 7, minute: Math.floor((local - day * DAY) / MINUTE) };
}

/** "YYYY-MM-DD" of a local day number. */
export function isoDate(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/**
 * The UTC instant of local `day` at `minute` in `zone`. A local time skipped by a DST jump
 * resolves to the jump (02:30 on a spring-forward night → 03:00, the first minute at or past it),
 * a repeated one to its first occurrence.
 */
export function utcOf(zone: string, day: number, minute: number): number {
  const local = day * DAY + minute * MINUTE;
  const before = offsetMinutes(zone, local - 12 * 60 * MINUTE);
  const after = offsetMinutes(zone, local + 12 * 60 * MINUTE);
  const early = local - before * MINUTE;
  const late = local - after * MINUTE;
  const earlyValid = offsetMinutes(zone, early) === before;
  const lateValid = offsetMinutes(zone, late) === after;
  if (earlyValid && lateValid) return Math.min(early, late);
  if (earlyValid) return early;
  if (lateValid) return late;
  // Skipped by a DST jump: the jump itself, the first instant whose wall clock is past `minute`.
  // Zones change offset on a quarter hour, so stepping by 15 minutes finds it.
  let t = Math.min(early, late);
  while (offsetMinutes(zone, t) !== after) t += 15 * MINUTE;
  return t;
}
