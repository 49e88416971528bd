/**
 * The merchant's side of quiet hours: a weekly calendar per channel, and whether public holidays
 * are skipped. It only ever narrows the law (`jurisdictions.ts`): the two are intersected.
 */
import type { WeeklyWindows } from "./jurisdictions";

export interface ChannelQuietHours {
  /** Off: the calendar is ignored (the law still applies to SMS). */
  enabled: boolean;
  weekly: WeeklyWindows;
  /** No sending on the recipient's public holidays (country, and US state when known). */
  skipHolidays: boolean;
}

export interface QuietHoursSettings {
  /** The shop's IANA zone: used when nothing places the recipient. */
  shopTimeZone: string;
  /** The shop's country: assumed when nothing places the recipient in one. */
  shopCountry: string;
  sms: ChannelQuietHours;
  email: ChannelQuietHours;
}

const EIGHT_TO_NINE: WeeklyWindows = Array.from({ length: 7 }, () => [[8 * 60, 21 * 60] as const]);

/** SMS: 08:00–21:00 every day, not on holidays. Email: no quiet hours unless the merchant sets them. */
export function defaultQuietHours(shopTimeZone: string, shopCountry: string): QuietHoursSettings {
  return {
    shopTimeZone,
    shopCountry,
    sms: { enabled: true, weekly: EIGHT_TO_NINE, skipHolidays: true },
    email: { enabled: false, weekly: EIGHT_TO_NINE, skipHolidays: false },
  };
}
