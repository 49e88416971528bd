// What the Sending rules page receives from its loader and action (no server code: the page imports it).
import type { FieldErrors, SendingRulesValues } from "./form";

export interface SendingRulesPageData {
  values: SendingRulesValues;
  summary: string[];
  /** What of the stored rules could not be read (the form shows the defaults there). */
  corrupt: string | null;
  shopTimeZone: string;
  /** The shop's country, or null when Shopify has not told us (`fallbackCountry` is assumed). */
  shopCountry: string | null;
  fallbackCountry: string;
}

export interface SendingRulesActionResult {
  ok: boolean;
  errors?: FieldErrors;
  message: string;
}
