/**
 * The next minute a message may reach a recipient: the law for where they may be, the merchant's
 * calendar, and public holidays, in every time zone the recipient may be in (phone, address, else
 * the shop's). A message due inside quiet hours waits; it is never dropped here.
 */
import type { MessageChannel } from "../consent";
import { isPublicHoliday } from "./holidays";
import { intersectWeekly, legalRulesFor } from "./jurisdictions";
import type { Interval, Jurisdiction, LegalRule, WeeklyWindows } from "./jurisdictions";
import { isoDate, localTime, utcOf } from "./local-time";
import { zonesForAddress } from "./region-zones";
import type { QuietHoursSettings } from "./settings";

/** Where a recipient may be. Phone fields come from `phone-location.server.ts`. */
export interface RecipientLocation {
  phone: { country: string | null; region: string | null; timeZones: readonly string[] } | null;
  address: { country: string | null; province: string | null } | null;
}

/** How far ahead to look for an open minute before giving up (a calendar with no open day). */
export const HORIZON_DAYS = 14;
const DAY_MS = 86_400_000;

interface Policy {
  zones: readonly string[];
  /** Strictest state cap on texts per 24 h (SMS policies only). */
  maxPer24h: number | null;
  weekly: WeeklyWindows;
  holidays: readonly { country: string; region: string | null }[];
  byDay: Map<number, readonly Interval[]>;
}

export function jurisdictionOf(recipient: RecipientLocation, settings: Pick<QuietHoursSettings, "shopCountry">): Jurisdiction {
  const countries = new Set<string>();
  const usStates = new Set<string>();
  const phoneCountry = recipient.phone?.country?.toUpperCase() ?? null;
  const addressCountry = recipient.address?.country?.toUpperCase() ?? null;
  if (phoneCountry) countries.add(phoneCountry);
  if (addressCountry) countries.add(addressCountry);
  if (countries.size === 0) countries.add(settings.shopCountry.toUpperCase());
  if (phoneCountry === "US" && recipient.phone?.region) usStates.add(recipient.phone.region.toUpperCase());
  if (addressCountry === "US" && recipient.address?.province) usStates.add(recipient.address.province.toUpperCase());
  return { countries, usStates };
}

/** Every zone the recipient may be in; the shop's only when nothing else is known. */
export function zonesOf(recipient: RecipientLocation, shopTimeZone: string): readonly string[] {
  const zones = new Set<string>(recipient.phone?.timeZones ?? []);
  for (const zone of zonesForAddress(recipient.address?.country ?? null, recipient.address?.province ?? null)) zones.add(zone);
  return zones.size > 0 ? [...zones] : [shopTimeZone];
}

/** The strictest state cap on marketing texts per 24 h for this recipient, if any. */
export function legalMaxPer24h(recipient: RecipientLocation, settings: QuietHoursSettings): number | null {
  return policyFor(recipient, "sms", settings)?.maxPer24h ?? null;
}

function strictestCap(rules: readonly LegalRule[]): number | null {
  const cap = Math.min(...rules.map((rule) => rule.maxPer24h ?? Infinity));
  return Number.isFinite(cap) ? cap : null;
}

/**
 * Policies by settings, then by where the recipient may be (the same few places recur). Settings
 * and locations are treated as immutable values: an edit must produce a new object.
 */
const policies = new WeakMap<QuietHoursSettings, Map<string, Policy | null>>();
/** The same, by location object: an audience's recipients are decided on again and again. */
const byLocation = new WeakMap<
  QuietHoursSettings,
  { sms: WeakMap<RecipientLocation, Policy | null>; email: WeakMap<RecipientLocation, Policy | null> }
>();

function buildPolicy(recipient: RecipientLocation, channel: MessageChannel, settings: QuietHoursSettings): Policy | null {
  const calendar = settings[channel];
  const jurisdiction = jurisdictionOf(recipient, settings);
  // Quiet-hours laws are about calls and texts; email has only the merchant's calendar.
  const rules: LegalRule[] = channel === "sms" ? legalRulesFor(jurisdiction) : [];
  if (rules.length === 0 && !calendar.enabled) return null;
  const maxPer24h = strictestCap(rules);
  let weekly: WeeklyWindows = Array.from({ length: 7 }, () => [[0, 24 * 60] as const]);
  for (const rule of rules) weekly = intersectWeekly(weekly, rule.weekly);
  if (calendar.enabled) weekly = intersectWeekly(weekly, calendar.weekly);
  const holidays = new Map<string, { country: string; region: string | null }>();
  for (const rule of rules)
    if (rule.noHolidays) holidays.set(`${rule.country}|${rule.region ?? ""}`, { country: rule.country, region: rule.region });
  if (calendar.enabled && calendar.skipHolidays) {
    for (const country of jurisdiction.countries) {
      if (country === "US" && jurisdiction.usStates.size > 0)
        for (const state of jurisdiction.usStates) holidays.set(`US|${state}`, { country, region: state });
      else holidays.set(`${country}|`, { country, region: null });
    }
  }
  return { zones: zonesOf(recipient, settings.shopTimeZone), maxPer24h, weekly, holidays: [...holidays.values()], byDay: new Map() };
}

function policyFor(recipient: RecipientLocation, channel: MessageChannel, settings: QuietHoursSettings): Policy | null {
  let known = byLocation.get(settings);
  if (!known) {
    known = { sms: new WeakMap(), email: new WeakMap() };
    byLocation.set(settings, known);
  }
  const seen = known[channel].get(recipient);
  if (seen !== undefined) return seen;
  const policy = policyByKey(recipient, channel, settings);
  known[channel].set(recipient, policy);
  return policy;
}

function policyByKey(recipient: RecipientLocation, channel: MessageChannel, settings: QuietHoursSettings): Policy | null {
  let cache = policies.get(settings);
  if (!cache) {
    cache = new Map();
    policies.set(settings, cache);
  }
  const phone = recipient.phone;
  const address = recipient.address;
  const key = `${channel}|${phone ? `${phone.country ?? ""}|${phone.region ?? ""}|${phone.timeZones.join(",")}` : "-"}|${address ? `${address.country ?? ""}|${address.province ?? ""}` : "-"}`;
  let policy = cache.get(key);
  if (policy === undefined) {
    policy = buildPolicy(recipient, channel, settings);
    if (cache.size > 50_000) cache.clear();
    cache.set(key, policy);
  }
  return policy;
}

function windowsOn(policy: Policy, day: number, weekday: number): readonly Interval[] {
  let windows = policy.byDay.get(day);
  if (windows === undefined) {
    const date = isoDate(day);
    const closed = policy.holidays.some((h) => isPublicHoliday(h.country, h.region, date));
    windows = closed ? [] : (policy.weekly[weekday] ?? []);
    if (policy.byDay.size > 4_000) policy.byDay.clear();
    policy.byDay.set(day, windows);
  }
  return windows;
}

/** The first instant ≥ `t` open in `zone`, or null when none within the horizon. */
function nextOpenInZone(policy: Policy, zone: string, t: number): number | null {
  const local = localTime(zone, t);
  for (let d = 0; d <= HORIZON_DAYS; d++) {
    for (const [start, end] of windowsOn(policy, local.day + d, (local.weekday + d) % 7)) {
      if (d === 0 && local.minute >= end) continue;
      if (d === 0 && local.minute >= start) return t;
      return Math.max(utcOf(zone, local.day + d, start), t);
    }
  }
  return null;
}

/** {@link nextAllowedTime} in epoch milliseconds. */
export function nextAllowedMs(
  recipient: RecipientLocation,
  channel: MessageChannel,
  nowMs: number,
  settings: QuietHoursSettings,
): number | null {
  const policy = policyFor(recipient, channel, settings);
  if (policy === null) return nowMs;
  const limit = nowMs + HORIZON_DAYS * DAY_MS;
  let t = nowMs;
  while (t <= limit) {
    let moved = false;
    for (const zone of policy.zones) {
      const open = nextOpenInZone(policy, zone, t);
      if (open === null) return null;
      if (open > t) {
        t = open;
        moved = true;
      }
    }
    if (!moved) return t;
  }
  return null;
}

/**
 * `now` when a message may go now, else the first minute it may (a window's opening minute), or
 * null when no minute within {@link HORIZON_DAYS} days is open in every zone the recipient may be in.
 */
export function nextAllowedTime(
  recipient: RecipientLocation,
  channel: MessageChannel,
  now: Date,
  settings: QuietHoursSettings,
): Date | null {
  const next = nextAllowedMs(recipient, channel, now.getTime(), settings);
  return next === null ? null : new Date(next);
}
