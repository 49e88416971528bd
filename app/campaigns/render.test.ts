import { describe, expect, it } from "vitest";
import { EMPTY_DRAFT } from "./campaign-form";
import { campaignRenderer, type RenderShop } from "./render";

const SHOP: RenderShop = { name: "Paws", url: "https://paws.example", postalAddress: ["1 Main St"], accentColor: "#112233" };
const PAT = { id: 7, firstName: "Pat", lastName: "Lee", countryCode: "GB" };

describe("campaignRenderer without pricing (the start job's freeze)", () => {
  it.each([
    { description: "a text that needs the opt-out line", smsText: "Hi {{ customer.first_name }}, 20% off today" },
    { description: "a text that already says STOP", smsText: "Hi {{ customer.first_name }}! Reply STOP to end" },
    {
      description: "a text with the unsubscribe link and a non-GSM character",
      smsText: "Hi {{ customer.last_name }} 🐶 {{ unsubscribe_url }}",
    },
  ])("$description: the same body as the priced renderer, without analysis or cost", async ({ smsText }) => {
    // GIVEN one SMS draft rendered both ways
    const draft = { ...EMPTY_DRAFT, smsText };
    const priced = (await campaignRenderer(draft, SHOP))(PAT, "https://u.example/x");
    const unpriced = (await campaignRenderer(draft, SHOP, { priced: false }))(PAT, "https://u.example/x");
    // THEN the bodies agree and only the priced one carries the SMS analysis
    expect(unpriced).toEqual({ subject: null, body: priced.body });
    expect(priced.sms?.analysis.segments).toBeGreaterThan(0);
  });
});
