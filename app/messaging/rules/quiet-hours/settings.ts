/**
 * The merchant's side of quiet hours: a weekly calendar per channel, and whether public holidays
 * are skipped. It only ever narrows the law (`jurisdictions.ts`): the two are intersected.
 * The zod schema is what a settings form or stored row is parsed with.
 */
import { z } from "zod";
import type { WeeklyWindows } from "./jurisdictions";
import { assertTimeZone } from "./local-time";

const Minute = z
  .number()
  .int()
  .min(0)
  .max(24 * 60);

/** [start, end) minutes after local midnight. */
const Window = z
  .tuple([Minute, Minute])
  .readonly()
  .refine(([start, end]) => start < end, { message: "a window must start before it ends" });

/** Seven days, Sunday first; each day's windows in order and not overlapping. */
export const WeeklyCalendar = z
  .array(
    z
      .array(Window)
      .max(6)
      .readonly()
      .refine((windows) => windows.every((w, i) => i === 0 || (windows[i - 1] as readonly [number, number])[1] <= w[0]), {
        message: "windows must be in order and not overlap",
      }),
  )
  .length(7)
  .readonly();

export const ChannelQuietHours = z.object({
  /** Off: the calendar is ignored (the law still applies to SMS). */
  enabled: z.boolean(),
  weekly: WeeklyCalendar,
  /** No sending on the recipient's public holidays (country, and US state when known). */
  skipHolidays: z.boolean(),
});
export type ChannelQuietHours = z.infer<typeof ChannelQuietHours>;

function isTimeZone(zone: string): boolean {
  try {
    assertTimeZone(zone);
    return true;
  } catch {
    return false;
  }
}

export const QuietHoursSettings = z.object({
  /** The shop's IANA zone: used when nothing places the recipient. */
  shopTimeZone: z.string().refine(isTimeZone, { message: "not an IANA time zone" }),
  /** The shop's country (ISO alpha-2): assumed when nothing places the recipient in one. */
  shopCountry: z.string().regex(/^[A-Z]{2}$/, "an ISO 3166-1 alpha-2 code in capitals"),
  sms: ChannelQuietHours,
  email: ChannelQuietHours,
});
export type QuietHoursSettings = z.infer<typeof QuietHoursSettings>;

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
