import { describe, expect, it } from "vitest";
import { simulateSequence } from "./simulate";
import { DEFAULT_SEQUENCE } from "./steps";

// Sunday 2026-12-06, noon UTC: the scenario plays on that day in the customer's zone.
const NOW = new Date("2026-12-06T12:00:00Z");

describe("simulateSequence", () => {
  it("plays a New York checkout left at 22:30 on a Sunday: the text waits for Monday 08:00 local", () => {
    const sim = simulateSequence(
      DEFAULT_SEQUENCE,
      { country: "US", state: "NY", leftAt: "22:30", sms: true, email: true, purchaseAfterHours: null },
      "America/Los_Angeles",
      NOW,
    );
    expect(sim.timeZone).toBe("America/New_York");
    expect(sim.leftAt).toEqual(new Date("2026-12-07T03:30:00Z"));
    const [sms] = sim.entries;
    expect(sms).toMatchObject({ channel: "sms", outcome: "sent", reason: "quiet_hours_or_cap", at: new Date("2026-12-07T13:00:00Z") });
  });

  it("skips a Texas text that could leave only after the next step is due (Texas spans two zones: 09:00 Mountain is too late)", () => {
    const sim = simulateSequence(
      DEFAULT_SEQUENCE,
      { country: "US", state: "TX", leftAt: "21:30", sms: true, email: true, purchaseAfterHours: null },
      "America/New_York",
      NOW,
    );
    expect(sim.entries[0]).toMatchObject({ channel: "sms", outcome: "skipped", reason: "quiet_hours_deadline" });
  });

  it("turns a text into an email for a US customer without SMS consent, and cancels after a purchase", () => {
    const sim = simulateSequence(
      DEFAULT_SEQUENCE,
      { country: "US", state: "NY", leftAt: "10:00", sms: false, email: true, purchaseAfterHours: 2 },
      "America/New_York",
      NOW,
    );
    expect(sim.entries.map((e) => [e.channel, e.convertedBecause, e.outcome])).toEqual([
      ["email", "us_no_sms_consent", "sent"],
      [null, null, "cancelled"],
      [null, null, "cancelled"],
    ]);
  });
});
