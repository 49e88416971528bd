import { describe, expect, it } from "vitest";
import type { RecipientLocation } from "~/messaging/rules/quiet-hours/next-allowed";
import { defaultQuietHours } from "~/messaging/rules/quiet-hours/settings";
import { textableThroughout } from "./sandbox-window";

const settings = defaultQuietHours("America/New_York", "US");
const newYork: RecipientLocation = { phone: { country: "US", region: "NY", timeZones: ["America/New_York"] }, address: { country: "US", province: "NY" } };
const tokyo: RecipientLocation = { phone: { country: "JP", region: null, timeZones: ["Asia/Tokyo"] }, address: { country: "JP", province: "JP-13" } };
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
