import { describe, expect, it } from "vitest";
import { formatLocalDateTime, nextLocalTime, parseClock, parseLocalDateTime, sendAtProblem } from "./schedule";

describe("parseLocalDateTime", () => {
  it.each([
    { description: "New York winter", text: "2026-12-24T09:30", zone: "America/New_York", expected: "2026-12-24T14:30:00.000Z" },
    { description: "Berlin summer", text: "2026-07-01T09:00", zone: "Europe/Berlin", expected: "2026-07-01T07:00:00.000Z" },
    { description: "a space instead of T", text: "2026-12-24 09:30", zone: "UTC", expected: "2026-12-24T09:30:00.000Z" },
    { description: "no such day", text: "2026-02-30T09:00", zone: "UTC", expected: null },
    { description: "no such hour", text: "2026-12-24T24:00", zone: "UTC", expected: null },
    { description: "not a date", text: "tomorrow", zone: "UTC", expected: null },
  ])("$description", ({ text, zone, expected }) => {
    expect(parseLocalDateTime(text, zone)?.toISOString() ?? null).toBe(expected);
  });

  it("round-trips through formatLocalDateTime", () => {
    const at = parseLocalDateTime("2026-12-24T09:30", "America/Los_Angeles");
    expect(at && formatLocalDateTime(at, "America/Los_Angeles")).toBe("2026-12-24T09:30");
  });
});

describe("sendAtProblem", () => {
  const now = new Date("2026-12-07T19:00:00Z");
  it.each([
    { description: "in the past", at: "2026-12-07T18:59:00Z", expected: /already passed/ },
    { description: "exactly now", at: "2026-12-07T19:00:00Z", expected: /already passed/ },
    { description: "31 days ahead", at: "2027-01-07T19:01:00Z", expected: /more than 30 days/ },
    { description: "tomorrow", at: "2026-12-08T19:00:00Z", expected: null },
    { description: "exactly 30 days", at: "2027-01-06T19:00:00Z", expected: null },
  ])("$description", ({ at, expected }) => {
    const problem = sendAtProblem(new Date(at), now);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });
});

describe("nextLocalTime", () => {
  it.each([
    { description: "still ahead today", zone: "America/Los_Angeles", clock: "12:00", expected: "2026-12-07T20:00:00.000Z" },
    { description: "passed today → tomorrow", zone: "America/New_York", clock: "12:00", expected: "2026-12-08T17:00:00.000Z" },
    { description: "exactly now → tomorrow", zone: "America/New_York", clock: "14:00", expected: "2026-12-08T19:00:00.000Z" },
    { description: "across the date line", zone: "Pacific/Auckland", clock: "09:00", expected: "2026-12-07T20:00:00.000Z" },
  ])("$description", ({ zone, clock, expected }) => {
    expect(nextLocalTime(zone, parseClock(clock) as number, new Date("2026-12-07T19:00:00Z")).toISOString()).toBe(expected);
  });

  it("parseClock refuses what is not HH:MM", () => {
    expect(["7:00", "24:00", "12:60", "noon"].map(parseClock)).toEqual([null, null, null, null]);
    expect(parseClock("07:05")).toBe(425);
  });
});
