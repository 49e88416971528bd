/**
 * An SMS as it will be sent: the rendered template, the opt-out line where required, its
 * encoding, segments and cost.
 */
import type { CompiledTemplate, TemplateVariables } from "../render/template";
import { analyzeSms } from "./encoding";
import type { SmsAnalysis } from "./encoding";
import { smsCost } from "./prices";
import type { SmsCost, SmsPrice } from "./prices";

export const OPT_OUT_LINE = "Reply STOP to opt out";

export type SmsKind = "marketing" | "transactional";

export interface SmsContext {
  kind: SmsKind;
  /** True when nothing was sent to this number before: CTIA wants opt-out instructions then. */
  firstMessageToNumber: boolean;
  /** Destination country (ISO alpha-2), for the price. */
  country: string;
  priceOverrides?: Readonly<Record<string, SmsPrice>>;
}

export interface ComposedSms {
  body: string;
  analysis: SmsAnalysis;
  cost: SmsCost | undefined;
}

/**
 * Marketing messages and the first message to a number carry the opt-out line (CTIA Messaging
 * Principles; the TCPA's 2025 revocation rules assume the recipient knows how). A body that
 * already says how to opt out is left alone, so the line is never doubled.
 */
export function needsOptOutLine(body: string, context: Pick<SmsContext, "kind" | "firstMessageToNumber">): boolean {
  if (context.kind !== "marketing" && !context.firstMessageToNumber) return false;
  return !/\bSTOP\b/.test(body);
}

export function composeSms(template: CompiledTemplate, variables: TemplateVariables, context: SmsContext): ComposedSms {
  const rendered = template(variables);
  const body = needsOptOutLine(rendered, context) ? `${rendered}\n${OPT_OUT_LINE}` : rendered;
  const analysis = analyzeSms(body);
  return { body, analysis, cost: smsCost(context.country, analysis.segments, context.priceOverrides) };
}
