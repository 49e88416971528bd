import { describe, expect, it } from "vitest";
import { DEFAULT_SMS_PRICES } from "~/messaging/sms/prices";
import { campaignCost } from "./stats-cost";

const US = DEFAULT_SMS_PRICES.US?.microsPerSegment ?? 0;
const GB = DEFAULT_SMS_PRICES.GB?.microsPerSegment ?? 0;
const LONG = "x".repeat(161); // GSM-7 over 160 septets: two segments

describe("campaignCost", () => {
  it.each([
    { description: "nothing sent", texts: [], expected: { texts: 0, segments: 0, totals: [], unpriced: 0 } },
    {
      description: "a text of one segment and one of two to US numbers",
      texts: [
        { body: "Hi", recipient: "+12125550100" },
        { body: LONG, recipient: "+14155550123" },
      ],
      expected: { texts: 2, segments: 3, totals: [{ currency: "USD", micros: 3 * US }], unpriced: 0 },
    },
    {
      description: "a UK number at the UK price, an emoji text in UCS-2",
      texts: [
        { body: "Hi 🐶", recipient: "+447400123400" },
        { body: "🐶".repeat(36), recipient: "+12125550100" },
      ],
      expected: { texts: 2, segments: 3, totals: [{ currency: "USD", micros: GB + 2 * US }], unpriced: 0 },
    },
    {
      description: "a country without a price and a number without a country, counted apart",
      texts: [
        { body: "Hi", recipient: "+819012345678" },
        { body: "Hi", recipient: "+1212555" },
      ],
      expected: { texts: 2, segments: 2, totals: [], unpriced: 2 },
    },
  ])("$description", ({ texts, expected }) => {
    expect(campaignCost(texts)).toEqual(expected);
  });

  it("takes the merchant's price over the seed table", () => {
    const cost = campaignCost([{ body: "Hi", recipient: "+12125550100" }], {
      US: { currency: "USD", microsPerSegment: 10_000, verified: true },
    });
    expect(cost.totals).toEqual([{ currency: "USD", micros: 10_000 }]);
  });
});
