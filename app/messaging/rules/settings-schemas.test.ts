import { describe, expect, it } from "vitest";
import { SmsPriceOverrides } from "../sms/prices";
import { FrequencyCapSettings } from "./frequency-cap";
import { defaultQuietHours, QuietHoursSettings } from "./quiet-hours/settings";

const defaults = defaultQuietHours("America/New_York", "US");

function issues(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): string[] {
  return result.success ? [] : (result.error?.issues ?? []).map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("merchant settings schemas", () => {
  it("the defaults parse", () => {
    expect(issues(QuietHoursSettings.safeParse(defaults))).toEqual([]);
  });

  it.each([
    {
      description: "a window ending before it starts",
      input: { ...defaults, sms: { ...defaults.sms, weekly: defaults.sms.weekly.map((day, i) => (i === 2 ? [[600, 540]] : day)) } },
      expected: ["sms.weekly.2.0: a window must start before it ends"],
    },
    {
      description: "overlapping windows",
      input: {
        ...defaults,
        email: {
          ...defaults.email,
          weekly: defaults.email.weekly.map((day, i) =>
            i === 0
              ? [
                  [480, 720],
                  [700, 900],
                ]
              : day,
          ),
        },
      },
      expected: ["email.weekly.0: windows must be in order and not overlap"],
    },
    {
      description: "a minute past midnight",
      input: { ...defaults, sms: { ...defaults.sms, weekly: defaults.sms.weekly.map((day, i) => (i === 6 ? [[480, 1500]] : day)) } },
      expected: ["sms.weekly.6.0.1: Too big: expected number to be <=1440"],
    },
    {
      description: "six days",
      input: { ...defaults, sms: { ...defaults.sms, weekly: defaults.sms.weekly.slice(1) } },
      expected: ["sms.weekly: Too small: expected array to have exactly 7 items"],
    },
    {
      description: "an unknown zone",
      input: { ...defaults, shopTimeZone: "Mars/Olympus" },
      expected: ["shopTimeZone: not an IANA time zone"],
    },
    {
      description: "a lower-case country",
      input: { ...defaults, shopCountry: "us" },
      expected: ["shopCountry: an ISO 3166-1 alpha-2 code in capitals"],
    },
  ])("quiet hours refuse $description, naming the field", ({ input, expected }) => {
    expect(issues(QuietHoursSettings.safeParse(input))).toEqual(expected);
  });

  it.each([
    { description: "defaults", input: { per24h: 1, per7d: 3 }, expected: [] },
    { description: "a negative cap", input: { per24h: -1, per7d: 3 }, expected: ["per24h: Too small: expected number to be >=0"] },
    {
      description: "a fractional cap",
      input: { per24h: 1, per7d: 2.5 },
      expected: ["per7d: Invalid input: expected int, received number"],
    },
  ])("frequency cap: $description", ({ input, expected }) => {
    expect(issues(FrequencyCapSettings.safeParse(input))).toEqual(expected);
  });

  it.each([
    { description: "an override", input: { GB: { currency: "GBP", microsPerSegment: 40_000, verified: true } }, expected: [] },
    {
      description: "a price of zero",
      input: { GB: { currency: "GBP", microsPerSegment: 0, verified: true } },
      expected: ["GB.microsPerSegment: Too small: expected number to be >0"],
    },
    {
      description: "a country name instead of a code",
      input: { France: { currency: "EUR", microsPerSegment: 70_000, verified: false } },
      expected: ["France: Invalid key in record"],
    },
  ])("SMS price overrides: $description", ({ input, expected }) => {
    expect(issues(SmsPriceOverrides.safeParse(input))).toEqual(expected);
  });
});
