// The simulator's timeline with a controllable clock: every time is given, nothing reads the machine's.
import { describe, expect, it } from "vitest";
import type { DispatchSettings } from "~/messaging/rules/decide-dispatch";
import { defaultQuietHours } from "~/messaging/rules/quiet-hours/settings";
import type { StepContact } from "./carrier-rules";
import { cancellationOf, stepTiming } from "./sequence";
import { DEFAULT_SEQUENCE, SequenceConfig } from "./steps";
import { buildTimeline, type TimelineInput } from "./timeline";

const NY = { phone: { country: "US", region: "NY", timeZones: ["America/New_York"] }, address: { country: "US", province: "NY" } };
const contact: StepContact = {
  phone: "+12125550100",
  phoneCountry: "US",
  smsSubscribed: true,
  email: "a@example.com",
  emailSubscribed: true,
};
const settings = (per24h = 5): DispatchSettings => ({
  consent: { suppressed: new Set(), shopPaused: false },
  frequencyCap: { per24h, per7d: 20 },
  quietHours: defaultQuietHours("America/New_York", "US"),
});
// Monday 2026-12-07 10:00 in New York.
const MORNING = new Date("2026-12-07T15:00:00Z");
const input = (overrides: Partial<TimelineInput> = {}): TimelineInput => ({
  config: DEFAULT_SEQUENCE,
  updatedAt: MORNING,
  contact,
  location: NY,
  settings: settings(),
  purchaseAt: null,
  ...overrides,
});
const summary = (entries: ReturnType<typeof buildTimeline>["entries"]) =>
  entries.map((e) => [e.channel, e.outcome, e.at.toISOString(), e.reason]);

describe("buildTimeline", () => {
  it("plays the default sequence: SMS at 1 h, email at 12 h (waiting out the night), email at 24 h", () => {
    const timeline = buildTimeline(input());
    expect(timeline.runStartsAt).toEqual(new Date("2026-12-07T16:00:00Z"));
    expect(summary(timeline.entries)).toEqual([
      ["sms", "sent", "2026-12-07T16:00:00.000Z", null],
      // due 22:00 in New York: email has no merchant calendar by default, so it goes
      ["email", "sent", "2026-12-08T03:00:00.000Z", null],
      ["email", "sent", "2026-12-08T15:00:00.000Z", null],
    ]);
  });

  it("defers a text due at night until 08:00, inside its window", () => {
    const night = new Date("2026-12-08T04:00:00Z"); // 23:00 New York → due at midnight
    const [sms] = buildTimeline(input({ updatedAt: night })).entries;
    expect(sms).toMatchObject({ channel: "sms", outcome: "sent", at: new Date("2026-12-08T13:00:00Z"), reason: "quiet_hours_or_cap" });
  });

  it("skips a step whose quiet-hours wait would pass the next step", () => {
    const config = SequenceConfig.parse({
      triggerMinutes: 60,
      steps: [
        { delayMinutes: 60, channel: "sms", message: "a" },
        { delayMinutes: 120, channel: "email", subject: "b", message: "b" },
      ],
    });
    const night = new Date("2026-12-08T04:00:00Z");
    const [sms, email] = buildTimeline(input({ config, updatedAt: night })).entries;
    expect(sms).toMatchObject({ outcome: "skipped", reason: "quiet_hours_deadline" });
    expect(email).toMatchObject({ outcome: "sent" });
  });

  it("lets a capped cart step wait only inside its own window (the dispatcher's checkout policy)", () => {
    // 1 message per 24 h: the text at 1 h holds the cap until 25 h. The email due at 12 h would have
    // to wait past the next step's due time (24 h), so it is skipped; the one due at 24 h waits an hour.
    expect(summary(buildTimeline(input({ settings: settings(1) })).entries)).toEqual([
      ["sms", "sent", "2026-12-07T16:00:00.000Z", null],
      ["email", "skipped", "2026-12-08T03:00:00.000Z", "capped"],
      ["email", "sent", "2026-12-08T16:00:00.000Z", "quiet_hours_or_cap"],
    ]);
  });

  it("cancels everything not sent before the purchase, even a second before a step is due", () => {
    const purchaseAt = new Date(MORNING.getTime() + 12 * 3_600_000 - 1000);
    expect(summary(buildTimeline(input({ purchaseAt })).entries).map(([c, o]) => [c, o])).toEqual([
      ["sms", "sent"],
      [null, "cancelled"],
      [null, "cancelled"],
    ]);
  });

  it("starts no run when the customer buys before the trigger delay", () => {
    const timeline = buildTimeline(input({ purchaseAt: new Date(MORNING.getTime() + 30 * 60_000) }));
    expect(timeline.runStartsAt).toBeNull();
    expect(timeline.entries.every((e) => e.outcome === "cancelled")).toBe(true);
  });

  it("sends a US customer's second text as email", () => {
    const config = SequenceConfig.parse({
      triggerMinutes: 60,
      steps: [
        { delayMinutes: 60, channel: "sms", message: "a" },
        { delayMinutes: 180, channel: "sms", message: "b" },
      ],
    });
    const [, second] = buildTimeline(input({ config })).entries;
    expect(second).toMatchObject({ channel: "email", convertedBecause: "us_one_sms_per_abandonment", outcome: "sent" });
  });
});

describe("stepTiming and cancellation", () => {
  const at = (h: number) => MORNING.getTime() + h * 3_600_000;
  it.each([
    { description: "waits before the first step", next: 0, now: at(0.5), expected: { kind: "wait", untilMs: at(1) } },
    { description: "due at 1 h", next: 0, now: at(1), expected: { kind: "due", step: 0 } },
    { description: "late once the next step is due (a webhook 13 h late)", next: 0, now: at(13), expected: { kind: "late", step: 0 } },
    { description: "the last step is late a day after it was due", next: 2, now: at(48), expected: { kind: "late", step: 2 } },
    { description: "finished after the last step", next: 3, now: at(1), expected: { kind: "finished" } },
  ])("$description", ({ next, now, expected }) => {
    expect(stepTiming(DEFAULT_SEQUENCE, next, MORNING.getTime(), now)).toEqual(expected);
  });

  const live = {
    checkoutCompleted: false,
    checkoutDeleted: false,
    orderedSince: false,
    optedOut: false,
    remindersDeclined: false,
    shopUninstalled: false,
    shopPaused: false,
    automationEnabled: true,
  };
  it.each([
    { description: "nothing", facts: live, expected: null },
    { description: "an order", facts: { ...live, orderedSince: true, checkoutCompleted: true }, expected: "purchased" },
    { description: "a completed checkout", facts: { ...live, checkoutCompleted: true }, expected: "checkout_completed" },
    { description: "uninstall", facts: { ...live, shopUninstalled: true, shopPaused: true }, expected: "shop_uninstalled" },
    { description: "the automation switched off", facts: { ...live, automationEnabled: false }, expected: "automation_off" },
    { description: "an opt-out", facts: { ...live, optedOut: true }, expected: "opted_out" },
    {
      description: "cart reminders declined at a later sign-up",
      facts: { ...live, remindersDeclined: true },
      expected: "reminders_declined",
    },
  ])("cancels on $description", ({ facts, expected }) => {
    expect(cancellationOf(facts)).toBe(expected);
  });
});
