/**
 * The Sending rules form: its submitted fields (strings, flat names such as `sms.d2.w0.from`)
 * parsed into {@link SendingRules} with every problem named at its field, and the stored rules
 * turned back into the form's values. Pure, so the page can use it too.
 *
 * The merchant's SMS calendar can only narrow the law: a window starting before the earliest
 * minute, or ending after the latest, that any quiet-hours row allows on that weekday is refused.
 * The stricter rows (a state, a country) still apply per recipient when sending.
 */
import { DEFAULT_RULE, LEGAL_RULES, type Interval } from "../rules/quiet-hours/jurisdictions";
import { ATTRIBUTION_MAX_HOURS, ATTRIBUTION_MIN_HOURS, StoredQuietHours, type SendingRules } from "./rules";

export type Channel = "sms" | "email";
export const CHANNELS: readonly Channel[] = ["sms", "email"];
export const CHANNEL_LABEL: Record<Channel, string> = { sms: "SMS", email: "Email" };
/** Sunday first, as the stored calendar. */
export const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;
/** The order the page lists them in. */
export const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;
export const MAX_WINDOWS_PER_DAY = 3;
export const CAP_LIMITS = { per24h: { min: 1, max: 10 }, per7d: { min: 1, max: 70 } } as const;

export interface WindowValues {
  from: string;
  to: string;
}
export interface DayValues {
  on: boolean;
  windows: WindowValues[];
}
export interface ChannelValues {
  enabled: boolean;
  skipHolidays: boolean;
  days: DayValues[];
}
export interface SendingRulesValues {
  sms: ChannelValues;
  email: ChannelValues;
  capPer24h: string;
  capPer7d: string;
  attributionClickHours: string;
  attributionDeliveryHours: string;
}

export const fieldName = {
  enabled: (channel: Channel) => `${channel}.enabled`,
  skipHolidays: (channel: Channel) => `${channel}.skipHolidays`,
  dayOn: (channel: Channel, day: number) => `${channel}.d${day}.on`,
  from: (channel: Channel, day: number, index: number) => `${channel}.d${day}.w${index}.from`,
  to: (channel: Channel, day: number, index: number) => `${channel}.d${day}.w${index}.to`,
};

export type FieldErrors = Record<string, string>;
export type ParsedSendingRules = { ok: true; rules: SendingRules } | { ok: false; errors: FieldErrors };

/** "HH:MM" for minutes after midnight (1440 is "24:00"). */
export function formatMinute(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

/** Minutes after midnight for "H:MM" / "HH:MM" (and "24:00" as an end), else null. */
export function parseTime(text: string, isEnd: boolean): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const minute = Number(match[1]) * 60 + Number(match[2]);
  if (Number(match[2]) > 59) return null;
  return minute < 24 * 60 || (isEnd && minute === 24 * 60) ? minute : null;
}

/** Per weekday, the earliest start and latest end that any quiet-hours row allows for texts. */
export const LAW_BOUNDS: readonly ({ start: number; end: number } | null)[] = WEEKDAYS.map((_, day) => {
  const windows = [...LEGAL_RULES, DEFAULT_RULE].flatMap((rule) => rule.weekly[day] ?? []);
  if (windows.length === 0) return null;
  return { start: Math.min(...windows.map((w) => w[0])), end: Math.max(...windows.map((w) => w[1])) };
});

function label(channel: Channel, day: number): string {
  return `${WEEKDAYS[day]} ${channel === "sms" ? "SMS" : "email"}`;
}

const checked = (value: string | undefined) => value === "on" || value === "true";

function parseDay(fields: Record<string, string>, channel: Channel, day: number, errors: FieldErrors): Interval[] {
  if (!checked(fields[fieldName.dayOn(channel, day)])) return [];
  const what = label(channel, day);
  const windows: { interval: Interval; index: number }[] = [];
  for (let index = 0; index < MAX_WINDOWS_PER_DAY; index++) {
    const fromKey = fieldName.from(channel, day, index);
    const toKey = fieldName.to(channel, day, index);
    const fromText = fields[fromKey]?.trim() ?? "";
    const toText = fields[toKey]?.trim() ?? "";
    if (!(fromKey in fields) && !(toKey in fields)) continue;
    const from = parseTime(fromText, false);
    const to = parseTime(toText, true);
    if (from === null)
      errors[fromKey] =
        fromText === ""
          ? `${what}: enter when sending starts (HH:MM)`
          : `${what} start "${fromText}" is not a time; use HH:MM from 00:00 to 23:59, e.g. 09:30`;
    if (to === null)
      errors[toKey] =
        toText === ""
          ? `${what}: enter when sending stops (HH:MM)`
          : `${what} end "${toText}" is not a time; use HH:MM from 00:01 to 24:00, e.g. 20:00`;
    if (from === null || to === null) continue;
    const shown = `${formatMinute(from)}–${formatMinute(to)}`;
    if (to <= from) {
      errors[toKey] = `${what} window ${shown} ends before it starts`;
      continue;
    }
    const bound = LAW_BOUNDS[day];
    if (channel === "sms" && bound) {
      if (from < bound.start)
        errors[fromKey] =
          `${what} window ${shown} starts before ${formatMinute(bound.start)}, the earliest the law allows anywhere you send; it can only be narrowed`;
      if (to > bound.end)
        errors[toKey] =
          `${what} window ${shown} ends after ${formatMinute(bound.end)}, the latest the law allows anywhere you send; it can only be narrowed`;
    }
    windows.push({ interval: [from, to], index });
  }
  if (windows.length === 0 && !Object.keys(errors).some((key) => key.startsWith(`${channel}.d${day}.`))) {
    errors[fieldName.from(channel, day, 0)] = `${what}: enter when sending starts and stops, or turn ${WEEKDAYS[day]} off`;
  }
  windows.sort((a, b) => a.interval[0] - b.interval[0]);
  for (let i = 1; i < windows.length; i++) {
    const before = windows[i - 1] as (typeof windows)[number];
    const current = windows[i] as (typeof windows)[number];
    if (current.interval[0] < before.interval[1]) {
      errors[fieldName.from(channel, day, current.index)] ??=
        `${what} windows ${formatMinute(before.interval[0])}–${formatMinute(before.interval[1])} and ${formatMinute(current.interval[0])}–${formatMinute(current.interval[1])} overlap; join them or move one`;
    }
  }
  return windows.map((w) => w.interval);
}

function parseWhole(fields: Record<string, string>, key: string, min: number, max: number, errors: FieldErrors, unit: string): number {
  const text = fields[key]?.trim() ?? "";
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(value) || value < min || value > max) {
    errors[key] =
      text === ""
        ? `Enter a whole number of ${unit} from ${min} to ${max}`
        : `"${text}" is not a whole number of ${unit} from ${min} to ${max}`;
  }
  return value;
}

/** The submitted fields → rules, or every problem keyed by its field. */
export function parseSendingRulesFields(fields: Record<string, string>): ParsedSendingRules {
  const errors: FieldErrors = {};
  const quietHours = Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      {
        enabled: checked(fields[fieldName.enabled(channel)]),
        skipHolidays: checked(fields[fieldName.skipHolidays(channel)]),
        weekly: WEEKDAYS.map((_, day) => parseDay(fields, channel, day, errors)),
      },
    ]),
  );
  const per24h = parseWhole(fields, "capPer24h", CAP_LIMITS.per24h.min, CAP_LIMITS.per24h.max, errors, "messages");
  const per7d = parseWhole(fields, "capPer7d", CAP_LIMITS.per7d.min, CAP_LIMITS.per7d.max, errors, "messages");
  if (!errors.capPer24h && !errors.capPer7d && per7d < per24h) {
    errors.capPer7d = `At most ${per7d} a week is fewer than the ${per24h} a day allowed; raise the weekly cap or lower the daily one`;
  }
  const hours = `hours (${ATTRIBUTION_MIN_HOURS} hour to ${ATTRIBUTION_MAX_HOURS / 24} days)`;
  const clickHours = parseWhole(fields, "attributionClickHours", ATTRIBUTION_MIN_HOURS, ATTRIBUTION_MAX_HOURS, errors, hours);
  const deliveryHours = parseWhole(fields, "attributionDeliveryHours", ATTRIBUTION_MIN_HOURS, ATTRIBUTION_MAX_HOURS, errors, hours);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  // Everything above already holds what the stored schema requires; a failure here is a bug.
  return {
    ok: true,
    rules: { quietHours: StoredQuietHours.parse(quietHours), frequencyCap: { per24h, per7d }, attribution: { clickHours, deliveryHours } },
  };
}

/** The stored rules as the form shows them. */
export function sendingRulesValues(rules: SendingRules): SendingRulesValues {
  const channel = (c: Channel): ChannelValues => ({
    enabled: rules.quietHours[c].enabled,
    skipHolidays: rules.quietHours[c].skipHolidays,
    days: rules.quietHours[c].weekly.map((windows) => ({
      on: windows.length > 0,
      windows: windows.map(([from, to]) => ({ from: formatMinute(from), to: formatMinute(to) })),
    })),
  });
  return {
    sms: channel("sms"),
    email: channel("email"),
    capPer24h: String(rules.frequencyCap.per24h),
    capPer7d: String(rules.frequencyCap.per7d),
    attributionClickHours: String(rules.attribution.clickHours),
    attributionDeliveryHours: String(rules.attribution.deliveryHours),
  };
}

/** The form's values as the fields a browser would submit (tests and the page's hidden state). */
export function sendingRulesFields(values: SendingRulesValues): Record<string, string> {
  const fields: Record<string, string> = {
    capPer24h: values.capPer24h,
    capPer7d: values.capPer7d,
    attributionClickHours: values.attributionClickHours,
    attributionDeliveryHours: values.attributionDeliveryHours,
  };
  for (const channel of CHANNELS) {
    const v = values[channel];
    if (v.enabled) fields[fieldName.enabled(channel)] = "on";
    if (v.skipHolidays) fields[fieldName.skipHolidays(channel)] = "on";
    v.days.forEach((day, d) => {
      if (!day.on) return;
      fields[fieldName.dayOn(channel, d)] = "on";
      day.windows.forEach((w, i) => {
        fields[fieldName.from(channel, d, i)] = w.from;
        fields[fieldName.to(channel, d, i)] = w.to;
      });
    });
  }
  return fields;
}
