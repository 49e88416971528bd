import { describe, expect, it } from "vitest";
import { dailyRunKey, nextDailyRun, nextLocalMidnight, nextShopClockRun } from "./schedule";

describe("nextDailyRun", () => {
  it.each([
    { description: "later today", now: "2026-11-24T01:30:00Z", expected: "2026-11-24T03:00:00.000Z" },
    { description: "tomorrow once today's hour has passed", now: "2026-11-24T05:00:00Z", expected: "2026-11-25T03:00:00.000Z" },
    { description: "tomorrow when exactly at the hour", now: "2026-11-24T03:00:00Z", expected: "2026-11-25T03:00:00.000Z" },
    { description: "across a month end", now: "2026-11-30T23:59:59Z", expected: "2026-12-01T03:00:00.000Z" },
    { description: "across a year end", now: "2026-12-31T04:00:00Z", expected: "2027-01-01T03:00:00.000Z" },
  ])("$description", ({ now, expected }) => {
    expect(nextDailyRun(new Date(now), 3).toISOString()).toBe(expected);
  });
});

describe("dailyRunKey", () => {
  it("names the job and the UTC day of the run", () => {
    expect(dailyRunKey("jobs.prune", new Date("2026-11-25T03:00:00Z"))).toBe("jobs.prune:2026-11-25");
  });
});

describe("nextShopClockRun", () => {
  it.each([
    {
      description: "next UTC hour when the local midnight is later",
      now: "2026-11-24T10:10:00Z",
      timeZone: "America/New_York",
      expected: "2026-11-24T11:00:00.000Z",
    },
    {
      description: "a half-hour zone's midnight comes before the next full hour",
      now: "2026-11-23T18:10:00Z",
      timeZone: "Asia/Kolkata",
      expected: "2026-11-23T18:30:00.000Z",
    },
    { description: "a 45-minute zone", now: "2026-11-24T18:05:00Z", timeZone: "Asia/Kathmandu", expected: "2026-11-24T18:15:00.000Z" },
    {
      description: "just at a local midnight: the next hour",
      now: "2026-11-23T18:30:00Z",
      timeZone: "Asia/Kolkata",
      expected: "2026-11-23T19:00:00.000Z",
    },
  ])("$description", ({ now, timeZone, expected }) => {
    expect(nextShopClockRun(new Date(now), timeZone).toISOString()).toBe(expected);
  });
});

describe("nextLocalMidnight", () => {
  it.each([
    {
      description: "New York in winter (UTC-5)",
      now: "2026-11-24T10:00:00Z",
      timeZone: "America/New_York",
      expected: "2026-11-25T05:00:00.000Z",
    },
    {
      description: "the night DST starts in New York",
      now: "2026-03-07T10:00:00Z",
      timeZone: "America/New_York",
      expected: "2026-03-08T05:00:00.000Z",
    },
    {
      description: "the day after DST started (UTC-4)",
      now: "2026-03-08T10:00:00Z",
      timeZone: "America/New_York",
      expected: "2026-03-09T04:00:00.000Z",
    },
    {
      description: "a second before midnight",
      now: "2026-11-24T04:59:59Z",
      timeZone: "America/New_York",
      expected: "2026-11-24T05:00:00.000Z",
    },
    { description: "UTC", now: "2026-11-24T00:00:00Z", timeZone: "UTC", expected: "2026-11-25T00:00:00.000Z" },
  ])("$description", ({ now, timeZone, expected }) => {
    expect(nextLocalMidnight(new Date(now), timeZone).toISOString()).toBe(expected);
  });
});
