/**
 * PURE: one step's message for one customer. The checkout's recovery URL is `{{ checkout_url }}`
 * (Shopify's `abandoned_checkout_url` / `abandonedCheckoutUrl`, which reopens the cart with
 * everything in it); the step's code is `{{ discount_code }}`.
 */
import { compileTemplate, type CompiledTemplate, type TemplateVariables } from "~/messaging/render/template";
import { composeSms } from "~/messaging/sms/compose";
import type { SequenceStep } from "./steps";

export interface StepMessageInput {
  step: SequenceStep;
  channel: "sms" | "email";
  firstName: string | null;
  lastName: string | null;
  shop: { name: string; url: string };
  recoveryUrl: string | null;
  discountCode: string | null;
  unsubscribeUrl: string;
  /** Destination country (for the SMS price); any value for email. */
  country: string;
}

export interface StepMessage {
  subject: string | null;
  body: string;
}

// Steps are few and their templates reused for every run: compile each text once.
const compiled = new Map<string, CompiledTemplate>();
function templateOf(text: string): CompiledTemplate {
  let template = compiled.get(text);
  if (!template) {
    if (compiled.size > 500) compiled.clear();
    compiled.set(text, (template = compileTemplate(text)));
  }
  return template;
}

export function composeStepMessage(input: StepMessageInput): StepMessage {
  const variables: TemplateVariables = {
    customer: { first_name: input.firstName ?? "there", last_name: input.lastName },
    shop: input.shop,
    discount_code: input.discountCode,
    checkout_url: input.recoveryUrl ?? input.shop.url,
    unsubscribe_url: input.unsubscribeUrl,
  };
  const body = templateOf(input.step.message)(variables);
  if (input.channel === "sms") {
    // Abandoned-cart texts are marketing: the opt-out line always goes with them.
    return {
      subject: null,
      body: composeSms(() => body, variables, { kind: "marketing", firstMessageToNumber: false, country: input.country }).body,
    };
  }
  const subject = templateOf(input.step.subject || "Your cart at {{ shop.name }}")(variables);
  return { subject, body: `${body}\n\nUnsubscribe: ${input.unsubscribeUrl}` };
}
