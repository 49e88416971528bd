import { describe, expect, it } from "vitest";
import { campaignTimeline, type TimelineEvent } from "./stats-timeline";

const START = new Date("2026-12-06T14:20:00Z");
const at = (iso: string) => new Date(iso);

describe("campaignTimeline", () => {
  it("counts per hour in the shop's zone for the first two days, empty hours included", () => {
    const events: TimelineEvent[] = [
      { series: "sent", at: at("2026-12-06T14:20:00Z") },
      { series: "sent", at: at("2026-12-06T14:59:59Z") },
      { series: "delivered", at: at("2026-12-06T15:00:00Z") },
      { series: "clicked", at: at("2026-12-06T16:30:00Z") },
      { series: "orders", at: at("2026-12-06T14:00:00Z") }, // before sending started: left out
      { series: "unsubscribed", at: at("2026-12-06T17:00:01Z") }, // after the end: left out
    ];
    const timeline = campaignTimeline(events, START, at("2026-12-06T17:00:00Z"), "America/New_York");
    expect(timeline.unit).toBe("hour");
    expect(
      timeline.buckets.map((b) => [b.label, b.counts.sent, b.counts.delivered, b.counts.clicked, b.counts.unsubscribed, b.counts.orders]),
    ).toEqual([
      ["Dec 6, 09:00", 2, 0, 0, 0, 0],
      ["Dec 6, 10:00", 0, 1, 0, 0, 0],
      ["Dec 6, 11:00", 0, 0, 1, 0, 0],
      ["Dec 6, 12:00", 0, 0, 0, 0, 0],
    ]);
  });

  it("counts per day, by the shop's local date, after two days", () => {
    const events: TimelineEvent[] = [
      { series: "orders", at: at("2026-12-07T04:59:00Z") }, // still Dec 6 in New York
      { series: "orders", at: at("2026-12-07T05:00:00Z") }, // Dec 7
      { series: "clicked", at: at("2026-12-09T12:00:00Z") },
    ];
    const timeline = campaignTimeline(events, START, at("2026-12-10T00:00:00Z"), "America/New_York");
    expect(timeline.unit).toBe("day");
    expect(timeline.buckets.map((b) => [b.label, b.counts.orders, b.counts.clicked])).toEqual([
      ["Dec 6", 1, 0],
      ["Dec 7", 1, 0],
      ["Dec 8", 0, 0],
      ["Dec 9", 0, 1],
    ]);
  });

  it("shows hours at :30 in a half-hour zone, and one bucket when the end is before the start", () => {
    const timeline = campaignTimeline([{ series: "sent", at: START }], START, at("2026-12-06T10:00:00Z"), "Asia/Kolkata");
    expect(timeline.buckets).toEqual([
      { label: "Dec 6, 19:30", counts: { sent: 1, delivered: 0, clicked: 0, unsubscribed: 0, orders: 0 } },
    ]);
  });
});
