import { describe, expect, it } from "vitest";
import { planChannels, usConversions, type StepContact } from "./carrier-rules";
import { DEFAULT_SEQUENCE, SequenceConfig } from "./steps";

const both: StepContact = { phone: "+12125550100", phoneCountry: "US", smsSubscribed: true, email: "a@example.com", emailSubscribed: true };
const twoTexts = SequenceConfig.parse({
  triggerMinutes: 60,
  steps: [
    { delayMinutes: 60, channel: "sms", message: "one {{ checkout_url }}" },
    { delayMinutes: 120, channel: "sms", message: "two" },
    { delayMinutes: 72 * 60, channel: "sms", message: "three" },
  ],
});

describe("the US one-SMS rule", () => {
  it.each([
    {
      description: "US, both consents: the first text goes, the second and the one after 48 h become email",
      contact: both,
      expected: [
        ["sms", null],
        ["email", "us_one_sms_per_abandonment"],
        ["email", "us_one_sms_per_abandonment"],
      ],
    },
    {
      description: "US without email consent: later texts are skipped",
      contact: { ...both, emailSubscribed: false },
      expected: [
        ["sms", null],
        [null, "us_one_sms_per_abandonment"],
        [null, "us_one_sms_per_abandonment"],
      ],
    },
    {
      description: "US without SMS consent: every text becomes email",
      contact: { ...both, smsSubscribed: false },
      expected: [
        ["email", "us_no_sms_consent"],
        ["email", "us_no_sms_consent"],
        ["email", "us_no_sms_consent"],
      ],
    },
    {
      description: "Canada follows the merchant's steps",
      contact: { ...both, phone: "+14165550100", phoneCountry: "CA" },
      expected: [
        ["sms", null],
        ["sms", null],
        ["sms", null],
      ],
    },
    {
      description: "Canada without SMS consent: skipped, not converted",
      contact: { ...both, phoneCountry: "CA", smsSubscribed: false },
      expected: [
        [null, "no_sms_consent"],
        [null, "no_sms_consent"],
        [null, "no_sms_consent"],
      ],
    },
  ])("$description", ({ contact, expected }) => {
    const plans = planChannels(twoTexts, contact);
    expect(plans.map((p) => [p.channel, p.channel === null ? p.skippedBecause : p.convertedBecause])).toEqual(expected);
  });

  it("converts a single US text due after 48 hours", () => {
    const late = SequenceConfig.parse({ triggerMinutes: 60, steps: [{ delayMinutes: 49 * 60, channel: "sms", message: "hi" }] });
    expect(planChannels(late, both)).toEqual([{ step: 0, channel: "email", convertedBecause: "us_sms_after_48h" }]);
  });

  it("tells the editor which steps become email for US recipients, and why", () => {
    expect(usConversions(twoTexts)).toEqual([
      { step: 1, reason: expect.stringMatching(/one text per abandoned checkout/) },
      { step: 2, reason: expect.stringMatching(/one text per abandoned checkout/) },
    ]);
    expect(usConversions(DEFAULT_SEQUENCE)).toEqual([]);
  });
});
