import { describe, expect, it } from "vitest";
import { liveSms } from "./sms-live";

describe("liveSms", () => {
  it.each([
    {
      description: "plain GSM-7 with the opt-out line",
      text: "Hi {{ customer.first_name }}, sale at {{ shop.name }}",
      encoding: "GSM-7",
      segments: 1,
      body: "Hi Alex, sale at Paws\nReply STOP to opt out",
    },
    { description: "an emoji forces UCS-2", text: "Sale 🐶", encoding: "UCS-2", segments: 1, body: "Sale 🐶\nReply STOP to opt out" },
    {
      description: "long text splits into 153-character segments",
      text: "a".repeat(200),
      encoding: "GSM-7",
      segments: 2,
      body: `${"a".repeat(200)}\nReply STOP to opt out`,
    },
    {
      description: "an unfinished template is measured as typed",
      text: "Hi {{ customer.first_name",
      encoding: "GSM-7",
      segments: 1,
      body: "Hi {{ customer.first_name\nReply STOP to opt out",
    },
  ])("$description", ({ text, encoding, segments, body }) => {
    const sms = liveSms(text, "Paws");
    expect(sms.body).toBe(body);
    expect(sms.analysis).toMatchObject({ encoding, segments });
    expect(sms.cost).toMatchObject({ currency: "USD", micros: 8_300 * segments });
  });
});
