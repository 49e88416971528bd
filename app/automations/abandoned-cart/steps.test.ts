import { describe, expect, it } from "vitest";
import { DEFAULT_SEQUENCE, parseSequence, SequenceConfig } from "./steps";

describe("the sequence the merchant edits", () => {
  it("defaults to SMS at 1 h, email at 12 h, email at 24 h with a bigger discount", () => {
    expect(SequenceConfig.parse(DEFAULT_SEQUENCE)).toEqual(DEFAULT_SEQUENCE);
    expect(DEFAULT_SEQUENCE.steps.map((s) => [s.delayMinutes, s.channel, s.discount?.value ?? 0])).toEqual([
      [60, "sms", 0],
      [720, "email", 10],
      [1440, "email", 15],
    ]);
  });

  it.each([
    {
      description: "steps out of order",
      steps: [
        { delayMinutes: 120, channel: "sms", message: "a" },
        { delayMinutes: 90, channel: "sms", message: "b" },
      ],
      error: "steps.1.delayMinutes: Step 2 must come after step 1",
    },
    {
      description: "a step before the trigger",
      steps: [{ delayMinutes: 30, channel: "sms", message: "a" }],
      error: "steps.0.delayMinutes: Step 1 is due before",
    },
    {
      description: "an unknown variable",
      steps: [{ delayMinutes: 60, channel: "sms", message: "{{ cart.total }}" }],
      error: "steps.0.message: Step 1 message, line 1",
    },
    {
      description: "an email without subject",
      steps: [{ delayMinutes: 60, channel: "email", message: "a" }],
      error: "steps.0.subject: Step 1: an email needs a subject",
    },
    {
      description: "a 150% discount",
      steps: [{ delayMinutes: 60, channel: "sms", message: "a", discount: { kind: "percent", value: 150, expiresInHours: 24 } }],
      error: "steps.0.discount.value",
    },
  ])("refuses $description, naming the step and field", ({ steps, error }) => {
    expect(() => parseSequence(JSON.stringify({ triggerMinutes: 60, steps }))).toThrow(error);
  });

  it("reads a bare step list stored before the trigger setting existed", () => {
    expect(parseSequence(JSON.stringify(DEFAULT_SEQUENCE.steps)).triggerMinutes).toBe(60);
  });
});
