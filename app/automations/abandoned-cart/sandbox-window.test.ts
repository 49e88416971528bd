import { describe, expect, it } from "vitest";
import type { RecipientLocation } from "~/messaging/rules/quiet-hours/next-allowed";
import { defaultQuietHours } from "~/messaging/rules/quiet-hours/settings";
import { PLACES } from "~/sandbox/store-generator/catalog";
import { textableThroughout } from "./sandbox-window";

const settings = defaultQuietHours("America/New_York", "US");
const newYork: RecipientLocation = {
  phone: { country: "US", region: "NY", timeZones: ["America/New_York"] },
  address: { country: "US", province: "NY" },
};
const tokyo: RecipientLocation = {
  phone: { country: "JP", region: null, timeZones: ["Asia/Tokyo"] },
  address: { country: "JP", province: "JP-13" },
};
const ms = (iso: string) => new Date(iso).getTime();
const MIN = 60_000;

// Monday 7 December 2026.
describe("textableThroughout: the demo's shopper may be texted from now until the step has gone", () => {
  it("is true inside the window", () => {
    expect(textableThroughout(newYork, settings, ms("2026-12-07T12:00:00-05:00"), ms("2026-12-07T12:10:00-05:00"))).toBe(true);
  });

  it("is false when the window closes before the step has gone (21:00 in New York)", () => {
    expect(textableThroughout(newYork, settings, ms("2026-12-07T20:55:30-05:00"), ms("2026-12-07T20:55:30-05:00") + 10 * MIN)).toBe(false);
  });

  it("is false at night, when someone on the other side of the world is awake", () => {
    const threeAmInNewYork = ms("2026-12-07T03:00:00-05:00");
    expect(textableThroughout(newYork, settings, threeAmInNewYork, threeAmInNewYork + 10 * MIN)).toBe(false);
    expect(textableThroughout(tokyo, settings, threeAmInNewYork, threeAmInNewYork + 10 * MIN)).toBe(true);
  });

  it("refuses a window that ends before it starts", () => {
    expect(() => textableThroughout(tokyo, settings, 2 * MIN, MIN)).toThrow(/ends \(60000\) before it starts \(120000\)/);
  });
});

// The demo store's places (phones geocode to the same zones; the address alone places them here).
describe("someone in the demo store may be texted at any hour of any date", () => {
  const places = PLACES.map(([place]): RecipientLocation => ({
    phone: null,
    address: { country: place.country, province: place.province },
  }));
  const anyoneTextable = (s: typeof settings, t: number) => places.some((where) => textableThroughout(where, s, t, t + 11 * MIN));
  const lawAndHours = { ...settings, sms: { ...settings.sms, skipHolidays: false } };

  it("every half hour from December 2026 to November 2027, with the merchant's holiday skip off", () => {
    const nobody: string[] = [];
    for (let t = ms("2026-12-01T00:00:00Z"); t < ms("2027-12-01T00:00:00Z"); t += 30 * MIN) {
      if (!anyoneTextable(lawAndHours, t)) nobody.push(new Date(t).toISOString());
    }
    expect(nobody).toEqual([]);
  });

  it("but not on Christmas afternoon (UTC) with the default skip of public holidays: every country is closed", () => {
    expect(anyoneTextable(settings, ms("2026-12-25T15:00:00Z"))).toBe(false);
    expect(anyoneTextable(lawAndHours, ms("2026-12-25T15:00:00Z"))).toBe(true);
  });
});
