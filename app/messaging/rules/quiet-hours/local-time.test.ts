import { describe, expect, it } from "vitest";
import { isoDate, localTime, utcOf } from "./local-time";

const ms = (iso: string): number => Date.parse(iso);

describe("localTime", () => {
  it.each([
    {
      description: "New York in winter (UTC-5)",
      zone: "America/New_York",
      at: "2026-01-15T13:30:00Z",
      expected: { date: "2026-01-15", weekday: 4, minute: 8 * 60 + 30 },
    },
    {
      description: "New York in summer (UTC-4)",
      zone: "America/New_York",
      at: "2026-07-15T13:30:00Z",
      expected: { date: "2026-07-15", weekday: 3, minute: 9 * 60 + 30 },
    },
    {
      description: "the local date before UTC's",
      zone: "America/Los_Angeles",
      at: "2026-03-01T03:00:00Z",
      expected: { date: "2026-02-28", weekday: 6, minute: 19 * 60 },
    },
    {
      description: "a half-hour zone",
      zone: "Asia/Kolkata",
      at: "2026-01-01T00:00:00Z",
      expected: { date: "2026-01-01", weekday: 4, minute: 5 * 60 + 30 },
    },
    {
      description: "right after the spring-forward jump",
      zone: "America/New_York",
      at: "2026-03-08T07:00:00Z",
      expected: { date: "2026-03-08", weekday: 0, minute: 3 * 60 },
    },
    {
      description: "right before it",
      zone: "America/New_York",
      at: "2026-03-08T06:59:00Z",
      expected: { date: "2026-03-08", weekday: 0, minute: 60 + 59 },
    },
  ])("$description", ({ zone, at, expected }) => {
    const local = localTime(zone, ms(at));
    expect({ date: isoDate(local.day), weekday: local.weekday, minute: local.minute }).toEqual(expected);
  });
});

describe("utcOf", () => {
  const day = (iso: string): number => Math.floor(ms(`${iso}T00:00:00Z`) / 86_400_000);
  it.each([
    {
      description: "an ordinary local time",
      zone: "Europe/Paris",
      date: "2026-06-01",
      minute: 8 * 60,
      expected: "2026-06-01T06:00:00.000Z",
    },
    {
      description: "a time skipped by spring-forward resolves to the jump",
      zone: "America/New_York",
      date: "2026-03-08",
      minute: 2 * 60 + 30,
      expected: "2026-03-08T07:00:00.000Z",
    },
    {
      description: "a time repeated by fall-back takes its first occurrence",
      zone: "America/New_York",
      date: "2026-11-01",
      minute: 60 + 30,
      expected: "2026-11-01T05:30:00.000Z",
    },
    {
      description: "08:00 on the fall-back day",
      zone: "America/New_York",
      date: "2026-11-01",
      minute: 8 * 60,
      expected: "2026-11-01T13:00:00.000Z",
    },
  ])("$description", ({ zone, date, minute, expected }) => {
    expect(new Date(utcOf(zone, day(date), minute)).toISOString()).toBe(expected);
  });
});
