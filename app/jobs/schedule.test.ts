import { describe, expect, it } from "vitest";
import { dailyRunKey, nextDailyRun } from "./schedule";

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
