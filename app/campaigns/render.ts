/**
 * One campaign's message per recipient (PURE apart from compiling the email's MJML once): the
 * templates are compiled once, then each recipient costs only substitutions.
 */
import { compileEmail, personalizeEmail, type EmailShop } from "~/messaging/email/compile";
import { compileTemplate, type TemplateVariables } from "~/messaging/render/template";
import { composeSms, needsOptOutLine, OPT_OUT_LINE } from "~/messaging/sms/compose";
import type { SmsAnalysis } from "~/messaging/sms/encoding";
import type { SmsPrice } from "~/messaging/sms/prices";
import { emailContentOf, type CampaignDraft } from "./campaign-form";

export interface RenderShop extends EmailShop {
  url: string;
  smsPriceOverrides?: Readonly<Record<string, SmsPrice>>;
}

export interface RenderRecipient {
  id: number;
  firstName: string | null;
  lastName: string | null;
  countryCode: string | null;
}

export interface RenderedMessage {
  subject: string | null;
  body: string;
  /** SMS only. */
  sms?: { analysis: SmsAnalysis; costMicros: number | null; currency: string | null };
}

export type CampaignRenderer = (recipient: RenderRecipient, unsubscribeUrl: string) => RenderedMessage;

/** Whether the message uses its recipient's unsubscribe link (an email always does, in its footer). */
export function needsUnsubscribeUrl(draft: Pick<CampaignDraft, "channel" | "smsText">): boolean {
  return draft.channel === "EMAIL" || draft.smsText.includes("unsubscribe_url");
}

const MARKETING = { kind: "marketing", firstMessageToNumber: false } as const;

function variables(shop: RenderShop, recipient: RenderRecipient, unsubscribeUrl: string): TemplateVariables {
  return {
    customer: { first_name: recipient.firstName, last_name: recipient.lastName },
    shop: { name: shop.name, url: shop.url },
    discount_code: null,
    checkout_url: null,
    unsubscribe_url: unsubscribeUrl,
  };
}

/**
 * Throws InvalidTemplateError for a template checkCampaign would have refused. `priced: false`
 * (the start job's freeze) gives each text's body only, without its encoding analysis and cost:
 * the same body composeSms gives, opt-out line included.
 */
export async function campaignRenderer(
  draft: CampaignDraft,
  shop: RenderShop,
  options: { priced: boolean } = { priced: true },
): Promise<CampaignRenderer> {
  if (draft.channel === "SMS") {
    const template = compileTemplate(draft.smsText);
    if (!options.priced) {
      return (recipient, unsubscribeUrl) => {
        const rendered = template(variables(shop, recipient, unsubscribeUrl));
        return { subject: null, body: needsOptOutLine(rendered, MARKETING) ? `${rendered}\n${OPT_OUT_LINE}` : rendered };
      };
    }
    return (recipient, unsubscribeUrl) => {
      const composed = composeSms(template, variables(shop, recipient, unsubscribeUrl), {
        ...MARKETING,
        country: recipient.countryCode ?? "US",
        ...(shop.smsPriceOverrides ? { priceOverrides: shop.smsPriceOverrides } : {}),
      });
      return {
        subject: null,
        body: composed.body,
        sms: { analysis: composed.analysis, costMicros: composed.cost?.micros ?? null, currency: composed.cost?.currency ?? null },
      };
    };
  }
  const email = await compileEmail(emailContentOf(draft), shop, "marketing");
  return (recipient, unsubscribeUrl) => {
    // The dispatcher hands emails over as plain text (app/messaging/dispatch); the HTML part waits for it.
    const rendered = personalizeEmail(email, variables(shop, recipient, unsubscribeUrl));
    return { subject: rendered.subject, body: rendered.text };
  };
}
