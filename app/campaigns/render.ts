/**
 * One campaign's message per recipient (PURE apart from compiling the email's MJML once): the
 * templates are compiled once, then each recipient costs only substitutions.
 */
import { compileEmail, personalizeEmail, type EmailShop } from "~/messaging/email/compile";
import { compileTemplate, type TemplateVariables } from "~/messaging/render/template";
import { composeSms } from "~/messaging/sms/compose";
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

function variables(shop: RenderShop, recipient: RenderRecipient, unsubscribeUrl: string): TemplateVariables {
  return {
    customer: { first_name: recipient.firstName, last_name: recipient.lastName },
    shop: { name: shop.name, url: shop.url },
    discount_code: null,
    checkout_url: null,
    unsubscribe_url: unsubscribeUrl,
  };
}

/** Throws InvalidTemplateError for a template checkCampaign would have refused. */
export async function campaignRenderer(draft: CampaignDraft, shop: RenderShop): Promise<CampaignRenderer> {
  if (draft.channel === "SMS") {
    const template = compileTemplate(draft.smsText);
    return (recipient, unsubscribeUrl) => {
      const composed = composeSms(template, variables(shop, recipient, unsubscribeUrl), {
        kind: "marketing", firstMessageToNumber: false, country: recipient.countryCode ?? "US", ...(shop.smsPriceOverrides ? { priceOverrides: shop.smsPriceOverrides } : {}),
      });
      return { subject: null, body: composed.body, sms: { analysis: composed.analysis, costMicros: composed.cost?.micros ?? null, currency: composed.cost?.currency ?? null } };
    };
  }
  const email = await compileEmail(emailContentOf(draft), shop, "marketing");
  return (recipient, unsubscribeUrl) => {
    // The dispatcher hands emails over as plain text (app/messaging/dispatch); the HTML part waits for it.
    const rendered = personalizeEmail(email, variables(shop, recipient, unsubscribeUrl));
    return { subject: rendered.subject, body: rendered.text };
  };
}
