/**
 * PURE: a campaign's results over time for its chart: texts or emails sent, delivered, clicked,
 * unsubscribed and attributed orders per hour (the first two days after sending started) or per
 * day (longer), labelled in the shop's time zone. Empty buckets are kept so the x axis is time.
 */

export const TIMELINE_SERIES = ["sent", "delivered", "clicked", "unsubscribed", "orders"] as const;
export type TimelineSeries = (typeof TIMELINE_SERIES)[number];

export interface TimelineEvent {
  series: TimelineSeries;
  at: Date;
}

export interface TimelineBucket {
  /** What the chart's x axis shows: "Dec 6, 14:00" per hour, "Dec 6" per day, in the shop's zone. */
  label: string;
  counts: Record<TimelineSeries, number>;
}

export interface Timeline {
  unit: "hour" | "day";
  buckets: TimelineBucket[];
}

const HOUR_MS = 3_600_000;
/** Up to two days the chart is per hour; beyond, per day. */
const HOURLY_SPAN_MS = 48 * HOUR_MS;
/** The chart stops 60 days after the start (the attribution windows are at most a year, but a chart of a year of days is no chart). */
const MAX_SPAN_MS = 60 * 24 * HOUR_MS;

function formatter(zone: string, unit: "hour" | "day"): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(
    "en-US",
    unit === "hour"
      ? { timeZone: zone, month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }
      : { timeZone: zone, month: "short", day: "numeric" },
  );
}

const empty = (): Record<TimelineSeries, number> => ({ sent: 0, delivered: 0, clicked: 0, unsubscribed: 0, orders: 0 });

/**
 * Buckets from `start` (when sending started) to `end` (now, or the last event). Events outside
 * the range are left out. Hourly buckets are whole UTC hours, so a zone at a half-hour offset
 * shows them at :30.
 */
export function campaignTimeline(events: readonly TimelineEvent[], start: Date, end: Date, zone: string): Timeline {
  const from = Math.floor(start.getTime() / HOUR_MS) * HOUR_MS;
  const to = Math.min(Math.max(end.getTime(), start.getTime()), start.getTime() + MAX_SPAN_MS);
  const unit = to - from <= HOURLY_SPAN_MS ? "hour" : "day";
  const format = formatter(zone, unit);
  const buckets: TimelineBucket[] = [];
  const indexOfHour: number[] = [];
  // One step per hour; a day bucket is the run of hours that share a local date.
  for (let at = from; at <= to; at += HOUR_MS) {
    const label = format.format(new Date(at));
    if (buckets.at(-1)?.label !== label) buckets.push({ label, counts: empty() });
    indexOfHour.push(buckets.length - 1);
  }
  for (const event of events) {
    const t = event.at.getTime();
    if (t < start.getTime() || t > to) continue;
    const bucket = buckets[indexOfHour[Math.floor((t - from) / HOUR_MS)] ?? -1];
    if (bucket) bucket.counts[event.series] += 1;
  }
  return { unit, buckets };
}
