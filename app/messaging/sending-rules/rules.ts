/**
 * A shop's sending rules as stored and as the dispatcher uses them: the weekly calendar per
 * channel, the frequency cap and the attribution windows. Pure. The zone and the country come
 * from the Shop row, not from here, so a shop that moves keeps its calendar.
 */
import { z } from "zod";
import { DEFAULT_FREQUENCY_CAP, type FrequencyCapSettings } from "../rules/frequency-cap";
import { ChannelQuietHours, defaultQuietHours, type QuietHoursSettings } from "../rules/quiet-hours/settings";

/** The `quietHours` column: the two calendars of {@link QuietHoursSettings}. */
export const StoredQuietHours = z.object({ sms: ChannelQuietHours, email: ChannelQuietHours });
export type StoredQuietHours = z.infer<typeof StoredQuietHours>;

export const ATTRIBUTION_MIN_HOURS = 1;
export const ATTRIBUTION_MAX_HOURS = 30 * 24;

export interface AttributionWindows {
  /** An order within this many hours of a click is attributed to the clicked message. */
  clickHours: number;
  /** … or within this many hours of an SMS delivery or an email open. */
  deliveryHours: number;
}

export interface SendingRules {
  quietHours: StoredQuietHours;
  frequencyCap: FrequencyCapSettings;
  attribution: AttributionWindows;
}

/** Used when nothing places the recipient and the shop's own country is unknown (documented in README). */
export const FALLBACK_SHOP_COUNTRY = "US";

export function defaultSendingRules(): SendingRules {
  const { sms, email } = defaultQuietHours("UTC", FALLBACK_SHOP_COUNTRY);
  return { quietHours: { sms, email }, frequencyCap: { ...DEFAULT_FREQUENCY_CAP }, attribution: { clickHours: 7 * 24, deliveryHours: 24 } };
}

/** The shop's country as quiet hours need it: ISO alpha-2 in capitals, else the fallback. */
export function shopCountryOf(countryCode: string | null | undefined): string {
  const code = countryCode?.trim().toUpperCase() ?? "";
  return /^[A-Z]{2}$/.test(code) ? code : FALLBACK_SHOP_COUNTRY;
}

/** What `decideDispatch` takes: the stored calendars in the shop's zone and country. */
export function quietHoursFor(rules: SendingRules, shopTimeZone: string, shopCountry: string): QuietHoursSettings {
  return { shopTimeZone, shopCountry, sms: rules.quietHours.sms, email: rules.quietHours.email };
}
