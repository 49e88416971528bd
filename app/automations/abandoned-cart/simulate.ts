/**
 * PURE: the simulator's sample checkout → the timeline (timeline.ts), with the shop's sending
 * rules as the dispatcher applies them. The merchant picks where the customer is, the local time
 * they left the checkout, their consents and when (if ever) they buy.
 */
import { z } from "zod";
import { DEFAULT_FREQUENCY_CAP } from "~/messaging/rules/frequency-cap";
import { localTime, utcOf } from "~/messaging/rules/quiet-hours/local-time";
import { zonesForAddress } from "~/messaging/rules/quiet-hours/region-zones";
import { defaultQuietHours } from "~/messaging/rules/quiet-hours/settings";
import { buildTimeline, type Timeline } from "./timeline";
import type { SequenceConfig } from "./steps";

export const SimulationScenario = z.object({
  country: z.string().regex(/^[A-Z]{2}$/, "a two-letter country code"),
  state: z
    .string()
    .regex(/^([A-Z]{2})?$/, "a two-letter state or province code")
    .default(""),
  /** Local time the checkout was left, "HH:MM". */
  leftAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time as HH:MM"),
  sms: z.boolean(),
  email: z.boolean(),
  /** Hours after leaving when the customer buys; null: never. */
  purchaseAfterHours: z
    .number()
    .min(0)
    .max(24 * 14)
    .nullable(),
});
export type SimulationScenario = z.infer<typeof SimulationScenario>;

export interface Simulation extends Timeline {
  /** The zone the times are shown in (the customer's). */
  timeZone: string;
  leftAt: Date;
}

/** Plays the scenario on the day of `now` (passed in) in the customer's zone. */
export function simulateSequence(config: SequenceConfig, scenario: SimulationScenario, shopTimeZone: string, now: Date): Simulation {
  const state = scenario.state || null;
  const zones = zonesForAddress(scenario.country, state);
  const timeZone = zones[0] ?? shopTimeZone;
  const [h, m] = scenario.leftAt.split(":").map(Number) as [number, number];
  const day = localTime(timeZone, now.getTime()).day;
  const leftAt = new Date(utcOf(timeZone, day, h * 60 + m));
  const timeline = buildTimeline({
    config,
    updatedAt: leftAt,
    contact: {
      phone: "+12125550100",
      phoneCountry: scenario.country,
      smsSubscribed: scenario.sms,
      email: "sample@example.com",
      emailSubscribed: scenario.email,
    },
    location: {
      phone: { country: scenario.country, region: state, timeZones: zones },
      address: { country: scenario.country, province: state },
    },
    settings: {
      consent: { suppressed: new Set(), shopPaused: false },
      frequencyCap: DEFAULT_FREQUENCY_CAP,
      quietHours: defaultQuietHours(shopTimeZone, "US"),
    },
    purchaseAt: scenario.purchaseAfterHours === null ? null : new Date(leftAt.getTime() + scenario.purchaseAfterHours * 3_600_000),
  });
  return { ...timeline, timeZone, leftAt };
}
