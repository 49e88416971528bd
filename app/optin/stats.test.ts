import { describe, expect, it } from "vitest";
import { STATS_DAYS, summarizeSignups, type SignupRow } from "./stats";

const NOW = new Date("2026-11-20T15:00:00Z");
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);
const PHONE = "+12135550100";

describe("summarizeSignups", () => {
  it("counts sign-ups per shop-local day and the confirmation rate over decided SMS sign-ups", () => {
    const rows: SignupRow[] = [
      { createdAt: hoursAgo(1), state: "PENDING", phone: PHONE }, // undecided: not in the rate
      { createdAt: hoursAgo(2), state: "CONFIRMED", phone: PHONE },
      { createdAt: hoursAgo(30), state: "PENDING", phone: PHONE }, // unanswered for 24 h: decided, not confirmed
      { createdAt: hoursAgo(30), state: "DECLINED", phone: PHONE },
      { createdAt: hoursAgo(30), state: "CONFIRMED", phone: null }, // email: counted per day, not in the SMS rate
      { createdAt: hoursAgo(24 * 20), state: "CONFIRMED", phone: PHONE }, // before the window's days, still in the rate
    ];
    const stats = summarizeSignups(rows, NOW, "America/Los_Angeles");
    expect(stats.days).toHaveLength(STATS_DAYS);
    expect(stats.days.at(-1)).toEqual({ day: "2026-11-20", signups: 2, confirmed: 1 });
    expect(stats.days.at(-2)).toEqual({ day: "2026-11-19", signups: 3, confirmed: 1 });
    expect(stats).toMatchObject({ smsDecided: 4, smsConfirmed: 2, smsDeclined: 1, confirmationRate: 0.5 });
  });

  it("uses the shop's time zone for the day boundary", () => {
    const lateUtc = [{ createdAt: new Date("2026-11-20T02:00:00Z"), state: "PENDING" as const, phone: PHONE }];
    expect(summarizeSignups(lateUtc, NOW, "UTC").days.at(-1)?.signups).toBe(1);
    expect(summarizeSignups(lateUtc, NOW, "America/Los_Angeles").days.at(-2)).toMatchObject({ day: "2026-11-19", signups: 1 });
  });

  it("has no rate before any SMS sign-up is decided", () => {
    expect(summarizeSignups([], NOW, "UTC").confirmationRate).toBeNull();
  });
});
