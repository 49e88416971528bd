/**
 * Outbound SMS price per segment by destination country, in millionths of the currency unit
 * (US$0.0083 is 8,300 micros): SMS prices are fractions of a cent, so cents would round them away.
 *
 * Seed data, gathered 2026-12-06. Twilio's pricing page (twilio.com/en-us/sms/pricing) could not
 * be read directly from here; the figures come from copies of it:
 * - US, CA: US$0.0083 per outbound segment — Twilio US pricing as quoted in April 2026
 *   (hivebook.wiki/wiki/twilio-sms-pricing) and a Twilio reseller's price list
 *   (wealtheryconnect.supportportal.pro "LC Phone pricing & billing guide"). Carrier pass-through
 *   fees (about US$0.003 per segment on US long codes) are extra and not included.
 * - PR: US$0.0420, the same reseller list (Twilio's rate).
 * - The other rows are Twilio's list prices as last known to the author (2025) and are marked
 *   `verified: false`: check them against the pricing page or the Pricing API
 *   (GET pricing.twilio.com/v1/Messaging/Countries/{iso}) before relying on them. Merchants can
 *   override any row, and should, since Twilio's rates vary by carrier and change often.
 */
import { z } from "zod";

export const SmsPrice = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 code in capitals"),
  microsPerSegment: z.number().int().positive(),
  verified: z.boolean(),
});
export type SmsPrice = z.infer<typeof SmsPrice>;

/** The merchant's overrides, by destination country. */
export const SmsPriceOverrides = z.record(z.string().regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 code in capitals"), SmsPrice);

export const SMS_PRICES_AS_OF = "2026-12-06";

export const DEFAULT_SMS_PRICES: Readonly<Record<string, SmsPrice>> = {
  US: { currency: "USD", microsPerSegment: 8_300, verified: true },
  CA: { currency: "USD", microsPerSegment: 8_300, verified: true },
  PR: { currency: "USD", microsPerSegment: 42_000, verified: true },
  GB: { currency: "USD", microsPerSegment: 52_400, verified: false },
  IE: { currency: "USD", microsPerSegment: 79_600, verified: false },
  FR: { currency: "USD", microsPerSegment: 79_800, verified: false },
  DE: { currency: "USD", microsPerSegment: 92_700, verified: false },
  ES: { currency: "USD", microsPerSegment: 84_400, verified: false },
  IT: { currency: "USD", microsPerSegment: 88_800, verified: false },
  NL: { currency: "USD", microsPerSegment: 118_900, verified: false },
  PL: { currency: "USD", microsPerSegment: 38_600, verified: false },
  TR: { currency: "USD", microsPerSegment: 29_900, verified: false },
  AU: { currency: "USD", microsPerSegment: 51_500, verified: false },
  NZ: { currency: "USD", microsPerSegment: 110_000, verified: false },
  MX: { currency: "USD", microsPerSegment: 26_000, verified: false },
};

export interface SmsCost {
  country: string;
  segments: number;
  currency: string;
  micros: number;
}

/**
 * Cost of one message of `segments` segments to `country` (ISO 3166-1 alpha-2). The merchant's
 * overrides win over the seed table; an unknown country gives `undefined` (the UI says "price
 * unknown" rather than guess).
 */
export function smsCost(country: string, segments: number, overrides: Readonly<Record<string, SmsPrice>> = {}): SmsCost | undefined {
  const code = country.toUpperCase();
  const price = overrides[code] ?? DEFAULT_SMS_PRICES[code];
  if (!price) return undefined;
  return { country: code, segments, currency: price.currency, micros: price.microsPerSegment * segments };
}
