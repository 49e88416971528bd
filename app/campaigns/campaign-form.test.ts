import { describe, expect, it } from "vitest";
import { checkCampaign, EMPTY_DRAFT, type CampaignDraft } from "./campaign-form";
import { draftOf, rowOf } from "./campaign-row";

const segments = new Map([
  ["s1", { name: "VIP", deleted: false }],
  ["s2", { name: "Lapsed", deleted: true }],
]);
const context = { now: new Date("2026-12-07T19:00:00Z"), shopTimeZone: "America/New_York", segments };
const sms: CampaignDraft = { ...EMPTY_DRAFT, name: "Sale", includeSegmentIds: ["s1"], smsText: "Hi {{ customer.first_name }}" };
const email: CampaignDraft = {
  ...sms,
  smsText: "",
  channel: "EMAIL",
  subject: "Sale for {{ customer.first_name }}",
  previewText: "20% off",
  blocks: [
    { type: "heading", text: "Sale", label: "", url: "" },
    { type: "button", text: "", label: "Shop", url: "{{ shop.url }}" },
  ],
};

describe("checkCampaign", () => {
  it.each([
    { description: "a sendable SMS", draft: sms, expected: [] },
    { description: "a sendable email", draft: email, expected: [] },
    { description: "no name", draft: { ...sms, name: " " }, expected: [{ field: "name", message: "Give the campaign a name." }] },
    {
      description: "no segment",
      draft: { ...sms, includeSegmentIds: [] },
      expected: [{ field: "audience", message: "Choose at least one segment to send to." }],
    },
    {
      description: "a deleted segment",
      draft: { ...sms, includeSegmentIds: ["s2"] },
      expected: [{ field: "audience", message: "Segment “Lapsed” was deleted: choose another." }],
    },
    {
      description: "an unknown excluded segment",
      draft: { ...sms, excludeSegmentIds: ["nope"] },
      expected: [{ field: "exclude", message: "A chosen segment (nope) no longer exists: choose another." }],
    },
    {
      description: "a template syntax error",
      draft: { ...sms, smsText: "Hi {{ customer.first_name" },
      expected: [{ field: "smsText", message: expect.stringMatching(/^Line 1, column \d+: /) }],
    },
    {
      description: "an email without subject",
      draft: { ...email, subject: "" },
      expected: [{ field: "subject", message: "Write a subject." }],
    },
    {
      description: "an email button without link",
      draft: { ...email, blocks: [{ type: "button" as const, text: "", label: "Go", url: "" }] },
      expected: [{ field: "blocks.0.url", message: "The button needs a link." }],
    },
    {
      description: "an unknown variable in an email block",
      draft: { ...email, blocks: [{ type: "paragraph" as const, text: "{{ coupon }}", label: "", url: "" }] },
      expected: [{ field: "blocks.0.text", message: 'Line 1, column 4: unknown variable "coupon".' }],
    },
    {
      description: "no send time",
      draft: { ...sms, sendMode: "at" as const, sendAt: "" },
      expected: [{ field: "sendAt", message: "Enter the date and time to send (YYYY-MM-DD and HH:MM)." }],
    },
  ])("$description", ({ draft, expected }) => {
    expect(checkCampaign(draft, context)).toEqual(expected);
  });
});

describe("draft ↔ row", () => {
  it.each([
    { description: "SMS now", draft: sms },
    { description: "email at a time", draft: { ...email, sendMode: "at" as const, sendAt: "2026-12-24T09:30" } },
    {
      description: "SMS at local time with a holdout and exclusions",
      draft: { ...sms, sendMode: "local" as const, localTime: "18:15", holdoutPercent: 10, excludeSegmentIds: ["s2"] },
    },
  ])("$description round-trips", ({ draft }) => {
    expect(draftOf(rowOf(draft, "America/New_York"), "America/New_York")).toEqual(draft);
  });
});
