import { describe, expect, it } from "vitest";
import { LEGAL_RULES } from "./jurisdictions";
import { legalMaxPer24h, nextAllowedTime } from "./next-allowed";
import type { RecipientLocation } from "./next-allowed";
import { defaultQuietHours } from "./settings";
import type { QuietHoursSettings } from "./settings";

const defaults = defaultQuietHours("America/New_York", "US");
/** The law alone: the merchant's calendar switched off. */
const lawOnly: QuietHoursSettings = { ...defaults, sms: { ...defaults.sms, enabled: false } };
const at = (local: string, offset: string): Date => new Date(`${local}:00${offset}`);
const byPhone = (country: string, region: string | null, zone: string): RecipientLocation => ({
  phone: { country, region, timeZones: [zone] },
  address: null,
});

// December 2026: Monday 7th, Saturday 12th, Sunday 13th; Friday 25th is Christmas.
describe("nextAllowedTime: one case per row of the law table", () => {
  const EST = "-05:00";
  const CST = "-06:00";
  const cases = [
    {
      rule: "US",
      description: "before 08:00 waits for 08:00",
      who: byPhone("US", "NY", "America/New_York"),
      now: at("2026-12-07T07:59", EST),
      expected: at("2026-12-07T08:00", EST),
    },
    {
      rule: "US",
      description: "20:59 is still open",
      who: byPhone("US", "NY", "America/New_York"),
      now: at("2026-12-07T20:59", EST),
      expected: at("2026-12-07T20:59", EST),
    },
    {
      rule: "US",
      description: "21:00 waits for tomorrow 08:00",
      who: byPhone("US", "NY", "America/New_York"),
      now: at("2026-12-07T21:00", EST),
      expected: at("2026-12-08T08:00", EST),
    },
    {
      rule: "US-FL",
      description: "closes at 20:00",
      who: byPhone("US", "FL", "America/New_York"),
      now: at("2026-12-07T20:00", EST),
      expected: at("2026-12-08T08:00", EST),
    },
    {
      rule: "US-OK",
      description: "closes at 20:00",
      who: byPhone("US", "OK", "America/Chicago"),
      now: at("2026-12-07T20:00", CST),
      expected: at("2026-12-08T08:00", CST),
    },
    {
      rule: "US-MD",
      description: "19:59 is open",
      who: byPhone("US", "MD", "America/New_York"),
      now: at("2026-12-07T19:59", EST),
      expected: at("2026-12-07T19:59", EST),
    },
    {
      rule: "US-WA",
      description: "closes at 20:00",
      who: byPhone("US", "WA", "America/Los_Angeles"),
      now: at("2026-12-07T20:00", "-08:00"),
      expected: at("2026-12-08T08:00", "-08:00"),
    },
    {
      rule: "US-CT",
      description: "opens at 09:00",
      who: byPhone("US", "CT", "America/New_York"),
      now: at("2026-12-07T08:30", EST),
      expected: at("2026-12-07T09:00", EST),
    },
    {
      rule: "US-TX",
      description: "Sunday opens at noon",
      who: byPhone("US", "TX", "America/Chicago"),
      now: at("2026-12-13T10:00", CST),
      expected: at("2026-12-13T12:00", CST),
    },
    {
      rule: "US-TX",
      description: "Saturday opens at 09:00",
      who: byPhone("US", "TX", "America/Chicago"),
      now: at("2026-12-12T08:30", CST),
      expected: at("2026-12-12T09:00", CST),
    },
    {
      rule: "US-AL",
      description: "no Sundays",
      who: byPhone("US", "AL", "America/Chicago"),
      now: at("2026-12-13T10:00", CST),
      expected: at("2026-12-14T08:00", CST),
    },
    {
      rule: "US-AL",
      description: "no state holidays (Christmas)",
      who: byPhone("US", "AL", "America/Chicago"),
      now: at("2026-12-25T10:00", CST),
      expected: at("2026-12-26T08:00", CST),
    },
    {
      rule: "US-LA",
      description: "no Sundays",
      who: byPhone("US", "LA", "America/Chicago"),
      now: at("2026-12-13T09:00", CST),
      expected: at("2026-12-14T08:00", CST),
    },
    {
      rule: "US-MS",
      description: "Saturday evening waits past Sunday",
      who: byPhone("US", "MS", "America/Chicago"),
      now: at("2026-12-12T20:00", CST),
      expected: at("2026-12-14T08:00", CST),
    },
    {
      rule: "US-RI",
      description: "weekdays close at 18:00",
      who: byPhone("US", "RI", "America/New_York"),
      now: at("2026-12-07T18:00", EST),
      expected: at("2026-12-08T09:00", EST),
    },
    {
      rule: "US-RI",
      description: "Saturdays open 10:00",
      who: byPhone("US", "RI", "America/New_York"),
      now: at("2026-12-12T09:30", EST),
      expected: at("2026-12-12T10:00", EST),
    },
    {
      rule: "US-RI",
      description: "Saturday 17:00 waits for Monday 09:00",
      who: byPhone("US", "RI", "America/New_York"),
      now: at("2026-12-12T17:00", EST),
      expected: at("2026-12-14T09:00", EST),
    },
    {
      rule: "CA",
      description: "weekends open at 10:00",
      who: byPhone("CA", null, "America/Toronto"),
      now: at("2026-12-12T09:00", EST),
      expected: at("2026-12-12T10:00", EST),
    },
    {
      rule: "CA",
      description: "weekdays run to 21:30",
      who: byPhone("CA", null, "America/Toronto"),
      now: at("2026-12-07T21:15", EST),
      expected: at("2026-12-07T21:15", EST),
    },
    {
      rule: "CA",
      description: "21:30 waits for 09:00",
      who: byPhone("CA", null, "America/Toronto"),
      now: at("2026-12-07T21:30", EST),
      expected: at("2026-12-08T09:00", EST),
    },
    {
      rule: "FR",
      description: "closed over lunch",
      who: byPhone("FR", null, "Europe/Paris"),
      now: at("2026-12-07T13:30", "+01:00"),
      expected: at("2026-12-07T14:00", "+01:00"),
    },
    {
      rule: "FR",
      description: "Friday 20:00 waits for Monday",
      who: byPhone("FR", null, "Europe/Paris"),
      now: at("2026-12-11T20:00", "+01:00"),
      expected: at("2026-12-14T10:00", "+01:00"),
    },
    {
      rule: "FR",
      description: "Christmas then the weekend",
      who: byPhone("FR", null, "Europe/Paris"),
      now: at("2026-12-25T11:00", "+01:00"),
      expected: at("2026-12-28T10:00", "+01:00"),
    },
    {
      rule: "DE",
      description: "Saturday evening is open",
      who: byPhone("DE", null, "Europe/Berlin"),
      now: at("2026-12-12T19:00", "+01:00"),
      expected: at("2026-12-12T19:00", "+01:00"),
    },
    {
      rule: "DE",
      description: "both Christmas days and Sunday closed",
      who: byPhone("DE", null, "Europe/Berlin"),
      now: at("2026-12-24T20:00", "+01:00"),
      expected: at("2026-12-28T08:00", "+01:00"),
    },
  ];
  it.each(cases)("$rule: $description", ({ who, now, expected }) => {
    expect(nextAllowedTime(who, "sms", now, lawOnly)?.toISOString()).toBe(expected.toISOString());
  });

  it("every row of the table has a case", () => {
    expect(new Set(cases.map((c) => c.rule))).toEqual(new Set(LEGAL_RULES.map((rule) => rule.id)));
  });
});

describe("nextAllowedTime: where the recipient may be", () => {
  const EST = "-05:00";
  it.each([
    {
      description: "a country without a row gets 08:00–21:00",
      who: byPhone("GB", null, "Europe/London"),
      now: at("2026-12-07T07:00", "+00:00"),
      expected: at("2026-12-07T08:00", "+00:00"),
    },
    {
      description: "US state unknown: the most restrictive weekday hours (09:00)",
      who: byPhone("US", null, "America/New_York"),
      now: at("2026-12-07T08:30", EST),
      expected: at("2026-12-07T09:00", EST),
    },
    {
      description: "US state unknown: weekdays close at 18:00",
      who: byPhone("US", null, "America/New_York"),
      now: at("2026-12-07T18:00", EST),
      expected: at("2026-12-08T09:00", EST),
    },
    {
      description: "US state unknown: no Sundays",
      who: byPhone("US", null, "America/New_York"),
      now: at("2026-12-13T12:00", EST),
      expected: at("2026-12-14T09:00", EST),
    },
    {
      description: "a New York area code with a California address: only hours open in both (11:00–21:00 New York)",
      who: { phone: { country: "US", region: "NY", timeZones: ["America/New_York"] }, address: { country: "US", province: "CA" } },
      now: at("2026-12-07T10:00", EST),
      expected: at("2026-12-07T11:00", EST),
    },
    {
      description: "the same recipient after 18:00 in California waits for 11:00 New York",
      who: { phone: { country: "US", region: "NY", timeZones: ["America/New_York"] }, address: { country: "US", province: "CA" } },
      now: at("2026-12-07T18:30", "-08:00"),
      expected: at("2026-12-08T11:00", EST),
    },
    {
      description: "a New York number with a Florida address takes Florida's 20:00 close",
      who: { phone: { country: "US", region: "NY", timeZones: ["America/New_York"] }, address: { country: "US", province: "FL" } },
      now: at("2026-12-07T20:00", EST),
      expected: at("2026-12-08T09:00", EST),
    },
    {
      description: "nothing known: the shop's zone and country",
      who: { phone: null, address: null },
      now: at("2026-12-07T07:00", EST),
      expected: at("2026-12-07T09:00", EST),
    },
  ])("$description", ({ who, now, expected }) => {
    expect(nextAllowedTime(who, "sms", now, lawOnly)?.toISOString()).toBe(expected.toISOString());
  });
});

describe("nextAllowedTime: the merchant's calendar", () => {
  const ny = byPhone("US", "NY", "America/New_York");
  const EST = "-05:00";
  const weekly = (start: number, end: number) => Array.from({ length: 7 }, () => [[start * 60, end * 60] as const]);
  it.each([
    {
      description: "narrows the law",
      settings: { ...defaults, sms: { ...defaults.sms, weekly: weekly(10, 12) } },
      channel: "sms" as const,
      now: at("2026-12-07T12:00", EST),
      expected: at("2026-12-08T10:00", EST),
    },
    {
      description: "cannot widen it",
      settings: { ...defaults, sms: { ...defaults.sms, weekly: weekly(6, 23) } },
      channel: "sms" as const,
      now: at("2026-12-07T07:00", EST),
      expected: at("2026-12-07T08:00", EST),
    },
    {
      description: "a closed weekday is skipped",
      settings: { ...defaults, sms: { ...defaults.sms, weekly: weekly(8, 21).map((day, i) => (i === 1 ? [] : day)) } },
      channel: "sms" as const,
      now: at("2026-12-07T10:00", EST),
      expected: at("2026-12-08T08:00", EST),
    },
    {
      description: "public holidays are skipped for SMS by default",
      settings: defaults,
      channel: "sms" as const,
      now: at("2026-12-25T10:00", EST),
      expected: at("2026-12-26T08:00", EST),
    },
    {
      description: "email has no quiet hours by default",
      settings: defaults,
      channel: "email" as const,
      now: at("2026-12-25T23:30", EST),
      expected: at("2026-12-25T23:30", EST),
    },
    {
      description: "email quiet hours when the merchant turns them on",
      settings: { ...defaults, email: { ...defaults.email, enabled: true } },
      channel: "email" as const,
      now: at("2026-12-07T23:30", EST),
      expected: at("2026-12-08T08:00", EST),
    },
  ])("$description", ({ settings, channel, now, expected }) => {
    expect(nextAllowedTime(ny, channel, now, settings)?.toISOString()).toBe(expected.toISOString());
  });

  it("a calendar with no open day gives no time", () => {
    const closed = { ...defaults, sms: { ...defaults.sms, weekly: weekly(8, 21).map(() => []) } };
    expect(nextAllowedTime(ny, "sms", at("2026-12-07T10:00", EST), closed)).toBeNull();
  });
});

describe("nextAllowedTime: DST edges (America/New_York, 2026-03-08 and 2026-11-01)", () => {
  const ny = byPhone("US", "NY", "America/New_York");
  it.each([
    {
      description: "01:00 EST on the spring-forward night opens at 08:00 EDT",
      now: "2026-03-08T06:00:00Z",
      settings: lawOnly,
      expected: "2026-03-08T12:00:00.000Z",
    },
    {
      description: "Saturday 21:30 EST before spring-forward opens Sunday 08:00 EDT",
      now: "2026-03-08T02:30:00Z",
      settings: lawOnly,
      expected: "2026-03-08T12:00:00.000Z",
    },
    {
      description: "01:30 EDT on the fall-back night opens at 08:00 EST",
      now: "2026-11-01T05:30:00Z",
      settings: lawOnly,
      expected: "2026-11-01T13:00:00.000Z",
    },
    {
      description: "20:59 EDT the day before fall-back is still open",
      now: "2026-11-01T00:59:00Z",
      settings: lawOnly,
      expected: "2026-11-01T00:59:00.000Z",
    },
  ])("$description", ({ now, settings, expected }) => {
    expect(nextAllowedTime(ny, "sms", new Date(now), settings)?.toISOString()).toBe(expected);
  });

  it("a window opening inside the skipped hour opens at the jump", () => {
    // Email, so that no law applies: a merchant window 02:30–05:00 on the night 02:00 → 03:00.
    const early = {
      ...defaults,
      email: { enabled: true, skipHolidays: false, weekly: Array.from({ length: 7 }, () => [[150, 300] as const]) },
    };
    expect(nextAllowedTime(ny, "email", new Date("2026-03-08T06:00:00Z"), early)?.toISOString()).toBe("2026-03-08T07:00:00.000Z");
  });
});

describe("legalMaxPer24h", () => {
  it.each([
    { description: "Florida", who: byPhone("US", "FL", "America/New_York"), expected: 3 },
    { description: "Oklahoma", who: byPhone("US", "OK", "America/Chicago"), expected: 3 },
    {
      description: "Maryland address, Texas number",
      who: { phone: { country: "US", region: "TX", timeZones: ["America/Chicago"] }, address: { country: "US", province: "MD" } },
      expected: 3,
    },
    { description: "US state unknown", who: byPhone("US", null, "America/New_York"), expected: 3 },
    { description: "New York", who: byPhone("US", "NY", "America/New_York"), expected: null },
    { description: "France", who: byPhone("FR", null, "Europe/Paris"), expected: null },
  ])("$description", ({ who, expected }) => {
    expect(legalMaxPer24h(who, defaults)).toBe(expected);
  });
});
