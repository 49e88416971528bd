/**
 * PURE: what a campaign's texts cost: each text handed to Twilio is billed per segment at the
 * price for its destination country (the number's country, as Twilio bills it, read with
 * libphonenumber-js), from the seed table in app/messaging/sms/prices.ts. Carrier pass-through
 * fees are not included (see there). A text to a country without a price is counted apart,
 * not guessed.
 */
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { analyzeSms } from "~/messaging/sms/encoding";
import { smsCost, type SmsPrice } from "~/messaging/sms/prices";

export interface SentText {
  body: string;
  recipient: string;
}

export interface CampaignCost {
  texts: number;
  segments: number;
  /** Millionths of the currency unit, one entry per currency (the seed table has only USD). */
  totals: { currency: string; micros: number }[];
  /** Texts to countries without a price, or to numbers whose country cannot be told. */
  unpriced: number;
}

export function campaignCost(texts: readonly SentText[], overrides: Readonly<Record<string, SmsPrice>> = {}): CampaignCost {
  const totals = new Map<string, number>();
  const segmentsOf = new Map<string, number>();
  let segments = 0;
  let unpriced = 0;
  for (const text of texts) {
    // Most bodies differ only in a name; the cache still pays off for repeated texts.
    let n = segmentsOf.get(text.body);
    if (n === undefined) {
      n = analyzeSms(text.body).segments;
      segmentsOf.set(text.body, n);
    }
    segments += n;
    const country = parsePhoneNumberFromString(text.recipient)?.country;
    const cost = country ? smsCost(country, n, overrides) : undefined;
    if (!cost) unpriced += 1;
    else totals.set(cost.currency, (totals.get(cost.currency) ?? 0) + cost.micros);
  }
  return {
    texts: texts.length,
    segments,
    totals: [...totals].map(([currency, micros]) => ({ currency, micros })).sort((a, b) => a.currency.localeCompare(b.currency)),
    unpriced,
  };
}
