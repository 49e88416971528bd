import { describe, expect, it } from "vitest";
import { DAY_MS, ShopClock } from "./clock";
import type { DateValue } from "../query-language/tree";

const day = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);

describe("ShopClock.resolve", () => {
  it.each<{ description: string; value: DateValue; now: string; timeZone: string; expected: ReturnType<ShopClock["resolve"]> }>([
    {
      description: "today is the local day (still yesterday in New York at 03:00 UTC)",
      value: { kind: "today" },
      now: "2026-11-23T03:00:00Z",
      timeZone: "America/New_York",
      expected: { precision: "day", day: day("2026-11-22") },
    },
    {
      description: "-1m from 31 March is the last day of February",
      value: { kind: "relative", amount: -1, unit: "m" },
      now: "2026-03-31T12:00:00Z",
      timeZone: "UTC",
      expected: { precision: "day", day: day("2026-02-28") },
    },
    {
      description: "-1y from 29 February is 28 February",
      value: { kind: "relative", amount: -1, unit: "y" },
      now: "2028-02-29T12:00:00Z",
      timeZone: "UTC",
      expected: { precision: "day", day: day("2027-02-28") },
    },
    {
      description: "-2w is fourteen days",
      value: { kind: "relative", amount: -2, unit: "w" },
      now: "2026-11-23T12:00:00Z",
      timeZone: "UTC",
      expected: { precision: "day", day: day("2026-11-09") },
    },
    {
      description: "-6h is an instant",
      value: { kind: "relative", amount: -6, unit: "h" },
      now: "2026-11-23T12:00:00.900Z",
      timeZone: "Asia/Kolkata",
      expected: { precision: "second", second: Date.parse("2026-11-23T06:00:00Z") / 1000 },
    },
    {
      description: "a date with a time is local wall-clock time",
      value: { kind: "absolute", date: "2026-07-01", time: "09:30:00" },
      now: "2026-11-23T12:00:00Z",
      timeZone: "America/New_York",
      expected: { precision: "second", second: Date.parse("2026-07-01T13:30:00Z") / 1000 },
    },
  ])("$description", ({ value, now, timeZone, expected }) => {
    expect(new ShopClock(timeZone).resolve(value, new Date(now))).toEqual(expected);
  });

  it.each([
    {
      description: "a New York day in winter starts at 05:00 UTC",
      timeZone: "America/New_York",
      date: "2026-01-15",
      start: "2026-01-15T05:00:00Z",
    },
    {
      description: "a New York day in summer starts at 04:00 UTC",
      timeZone: "America/New_York",
      date: "2026-07-15",
      start: "2026-07-15T04:00:00Z",
    },
    {
      description: "Santiago's DST day starts at 01:00 local (midnight does not exist)",
      timeZone: "America/Santiago",
      date: "2026-09-06",
      start: "2026-09-06T04:00:00Z",
    },
  ])("$description", ({ timeZone, date, start }) => {
    expect(new ShopClock(timeZone).startOfDaySecond(day(date))).toBe(Date.parse(start) / 1000);
  });
});
