import { describe, expect, it } from "vitest";
import {
  bucketMembershipHistory,
  HISTORY_BUCKET_SECONDS,
  historyWindow,
  parseHistoryRange,
  summarizeMembershipHistory,
  type HistoryBucket,
} from "./membership-history";

const bucketAt = (iso: string, entered: number, exited = 0): HistoryBucket => ({
  bucket: Math.floor(Date.parse(iso) / 1000 / HISTORY_BUCKET_SECONDS),
  entered,
  exited,
});

describe("bucketMembershipHistory", () => {
  it("gives every day of an empty history the current member count and zero changes", () => {
    // GIVEN no events WHEN a 7-day history is bucketed
    const history = bucketMembershipHistory({
      buckets: [],
      memberCount: 42,
      timeZone: "UTC",
      now: new Date("2026-11-23T12:00:00Z"),
      range: 7,
    });
    // THEN seven days end today, flat at 42
    expect(history.days.map((d) => d.date)).toEqual([
      "2026-11-17",
      "2026-11-18",
      "2026-11-19",
      "2026-11-20",
      "2026-11-21",
      "2026-11-22",
      "2026-11-23",
    ]);
    expect(history.days.every((d) => d.members === 42 && d.entered === 0 && d.exited === 0)).toBe(true);
    expect([history.entered, history.exited]).toEqual([0, 0]);
  });

  it("counts members backwards so the last day ends at the current member count", () => {
    // GIVEN 10 entered on the 21st, 4 exited and 2 entered on the 23rd; 8 members now
    const buckets = [bucketAt("2026-11-21T09:00:00Z", 10), bucketAt("2026-11-23T08:00:00Z", 2, 4)];
    const history = bucketMembershipHistory({ buckets, memberCount: 8, timeZone: "UTC", now: new Date("2026-11-23T12:00:00Z"), range: 7 });
    // THEN the series reads 0 … 10, 10, 8 and the totals add up
    expect(history.days.map((d) => d.members)).toEqual([0, 0, 0, 0, 10, 10, 8]);
    expect(history.days.map((d) => [d.entered, d.exited])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [10, 0],
      [0, 0],
      [2, 4],
    ]);
    expect([history.entered, history.exited]).toEqual([12, 4]);
  });

  it.each([
    // New York springs forward on 2026-03-08: that local day lasts 23 hours (05:00Z to 04:00Z).
    {
      description: "the last quarter hour of New York's 23-hour spring day stays on that day",
      iso: "2026-03-09T03:45:00Z",
      date: "2026-03-08",
    },
    { description: "the first quarter hour after it is the next day", iso: "2026-03-09T04:00:00Z", date: "2026-03-09" },
    { description: "the day before the change starts at 05:00 UTC", iso: "2026-03-08T04:59:00Z", date: "2026-03-07" },
    // Falls back on 2026-11-01: a 25-hour day from 04:00Z to 05:00Z the next day.
    { description: "the 25th hour of New York's autumn day belongs to it", iso: "2026-11-02T04:30:00Z", date: "2026-11-01" },
  ])("$description", ({ iso, date }) => {
    const history = bucketMembershipHistory({
      buckets: [bucketAt(iso, 1)],
      memberCount: 1,
      timeZone: "America/New_York",
      now: new Date("2026-11-23T12:00:00Z"),
      range: 90,
    });
    const march = bucketMembershipHistory({
      buckets: [bucketAt(iso, 1)],
      memberCount: 1,
      timeZone: "America/New_York",
      now: new Date("2026-03-20T12:00:00Z"),
      range: 30,
    });
    const days = [...history.days, ...march.days].filter((d) => d.entered === 1).map((d) => d.date);
    expect(days).toEqual([date]);
  });

  it("places events in a half-hour zone by its own midnight and ignores those outside the range", () => {
    // GIVEN Kolkata (UTC+05:30): 18:29Z is 23:59 local, 18:30Z is midnight of the next day
    const buckets = [bucketAt("2026-11-21T18:15:00Z", 1), bucketAt("2026-11-21T18:30:00Z", 2), bucketAt("2026-10-01T00:00:00Z", 99)];
    const history = bucketMembershipHistory({
      buckets,
      memberCount: 3,
      timeZone: "Asia/Kolkata",
      now: new Date("2026-11-23T12:00:00Z"),
      range: 7,
    });
    expect(history.days.filter((d) => d.entered > 0).map((d) => [d.date, d.entered])).toEqual([
      ["2026-11-21", 1],
      ["2026-11-22", 2],
    ]);
    expect(history.entered).toBe(3);
  });
});

describe("historyWindow", () => {
  it("spans whole local days ending today", () => {
    const w = historyWindow("America/New_York", new Date("2026-11-23T03:00:00Z"), 7);
    expect(new Date(w.fromSecond * 1000).toISOString()).toBe("2026-11-16T05:00:00.000Z");
    expect(new Date(w.toSecond * 1000).toISOString()).toBe("2026-11-23T05:00:00.000Z");
  });
});

describe("parseHistoryRange and summarizeMembershipHistory", () => {
  it.each([
    ["7", 7],
    ["90", 90],
    ["30", 30],
    [null, 30],
    ["365", 30],
    ["abc", 30],
  ] as const)("days=%s is %d", (value, expected) => {
    expect(parseHistoryRange(value)).toBe(expected);
  });

  it("summarises with thousands separators", () => {
    expect(summarizeMembershipHistory({ entered: 1234, exited: 3, range: 30 })).toBe("Entered 1,234 · Exited 3 in the last 30 days");
  });
});
