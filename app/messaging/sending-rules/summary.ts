/**
 * The Sending rules page's plain-language summary ("Texts go out 10:00–20:00 Mon–Fri in each
 * recipient's time zone, never on public holidays; …"). Pure.
 */
import type { Interval } from "../rules/quiet-hours/jurisdictions";
import type { ChannelQuietHours } from "../rules/quiet-hours/settings";
import { formatMinute, WEEK_ORDER } from "./form";
import type { SendingRules } from "./rules";

const SHORT = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;

function windowsText(windows: readonly Interval[]): string {
  return windows.map(([from, to]) => `${formatMinute(from)}–${formatMinute(to)}`).join(" and ");
}

/** Positions in the page's week (Mon first) → "Mon–Fri", "Sat, Sun", "Mon, Wed–Fri". */
function daysText(positions: readonly number[]): string {
  const runs: number[][] = [];
  for (const p of positions) {
    const last = runs[runs.length - 1];
    if (last && (last[last.length - 1] as number) + 1 === p) last.push(p);
    else runs.push([p]);
  }
  const name = (p: number) => SHORT[WEEK_ORDER[p] as number];
  return runs
    .map((run) => (run.length >= 3 ? `${name(run[0] as number)}–${name(run[run.length - 1] as number)}` : run.map(name).join(", ")))
    .join(", ");
}

/** "10:00–20:00 Mon–Fri and 12:00–16:00 Sat", or null when every day is off. */
export function calendarText(calendar: ChannelQuietHours): string | null {
  const groups = new Map<string, { windows: readonly Interval[]; positions: number[] }>();
  WEEK_ORDER.forEach((day, position) => {
    const windows = calendar.weekly[day] ?? [];
    if (windows.length === 0) return;
    const key = windowsText(windows);
    const group = groups.get(key) ?? { windows, positions: [] };
    group.positions.push(position);
    groups.set(key, group);
  });
  if (groups.size === 0) return null;
  return [...groups.values()]
    .map((g) => `${windowsText(g.windows)} ${g.positions.length === 7 ? "every day" : daysText(g.positions)}`)
    .join(" and ");
}

function channelSentence(what: "Texts" | "Emails", calendar: ChannelQuietHours, whenOff: string): string {
  if (!calendar.enabled) return whenOff;
  const text = calendarText(calendar);
  if (text === null) return `${what} never go out: every day is off.`;
  return `${what} go out ${text} in each recipient's time zone${calendar.skipHolidays ? ", never on public holidays" : ""}.`;
}

/** One sentence per channel and one for the cap. */
export function summarizeSendingRules(rules: SendingRules): string[] {
  const { per24h, per7d } = rules.frequencyCap;
  return [
    channelSentence(
      "Texts",
      rules.quietHours.sms,
      "Texts go out whenever the law allows where each recipient is (08:00–21:00 in most places).",
    ),
    channelSentence("Emails", rules.quietHours.email, "Emails go out at any hour."),
    `At most ${per24h} ${per24h === 1 ? "message" : "messages"} a day and ${per7d} a week per person, texts and emails together.`,
  ];
}
