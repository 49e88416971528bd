import { describe, expect, it } from "vitest";
import { decideDispatch } from "./decide-dispatch";
import type { DispatchMessage, DispatchRecipient, DispatchSettings } from "./decide-dispatch";
import { DEFAULT_FREQUENCY_CAP } from "./frequency-cap";
import type { SentMessage } from "./frequency-cap";
import { defaultQuietHours } from "./quiet-hours/settings";

const H = 3_600_000;
const settings: DispatchSettings = {
  consent: { suppressed: new Set(["+12125550999"]), shopPaused: false },
  frequencyCap: DEFAULT_FREQUENCY_CAP,
  quietHours: defaultQuietHours("America/New_York", "US"),
};
const newYorker: DispatchRecipient = {
  contact: { address: "+12125550123", marketingState: "subscribed" },
  location: { phone: { country: "US", region: "NY", timeZones: ["America/New_York"] }, address: null },
};
const floridian: DispatchRecipient = {
  ...newYorker,
  location: { phone: { country: "US", region: "FL", timeZones: ["America/New_York"] }, address: null },
};
const blast: DispatchMessage = { channel: "sms", kind: "marketing", onCap: { mode: "defer", maxWaitMs: 48 * H }, deadline: null };
// Monday 2026-12-07, New York (UTC−5).
const noon = new Date("2026-12-07T17:00:00Z");
const late = new Date("2026-12-07T22:30:00-05:00");
const sent = (hoursAgo: number, from: Date = noon): SentMessage => ({
  at: from.getTime() - hoursAgo * H,
  channel: "email",
  kind: "marketing",
});

describe("decideDispatch", () => {
  it.each([
    {
      description: "consented, uncapped, inside hours: send now",
      recipient: newYorker,
      message: blast,
      history: [],
      now: noon,
      expected: { action: "send_now" },
    },
    {
      description: "no consent: skip",
      recipient: { ...newYorker, contact: { ...newYorker.contact, marketingState: "not_subscribed" as const } },
      message: blast,
      history: [],
      now: noon,
      expected: { action: "skip", reason: "no_consent" },
    },
    {
      description: "suppressed: skip",
      recipient: { ...newYorker, contact: { ...newYorker.contact, address: "+12125550999" } },
      message: blast,
      history: [],
      now: noon,
      expected: { action: "skip", reason: "suppressed" },
    },
    {
      description: "quiet hours: wait for 08:00",
      recipient: newYorker,
      message: blast,
      history: [],
      now: late,
      expected: { action: "wait_until", at: new Date("2026-12-08T08:00:00-05:00") },
    },
    {
      description: "quiet hours past the deadline: skip",
      recipient: newYorker,
      message: { ...blast, deadline: Date.parse("2026-12-08T07:00:00-05:00") },
      history: [],
      now: late,
      expected: { action: "skip", reason: "quiet_hours_deadline" },
    },
    {
      description: "capped and deferring: wait until the cap allows",
      recipient: newYorker,
      message: blast,
      history: [sent(20)],
      now: noon,
      expected: { action: "wait_until", at: new Date(noon.getTime() + 4 * H) },
    },
    {
      description: "capped into quiet hours: the cap's time, then the next window",
      recipient: newYorker,
      message: blast,
      history: [sent(14)],
      now: noon,
      expected: { action: "wait_until", at: new Date("2026-12-08T08:00:00-05:00") },
    },
    {
      description: "capped and skipping: skip capped",
      recipient: newYorker,
      message: { ...blast, onCap: { mode: "skip" as const } },
      history: [sent(20)],
      now: noon,
      expected: { action: "skip", reason: "capped" },
    },
    {
      description: "capped beyond the maximum wait: skip capped",
      recipient: newYorker,
      message: { ...blast, onCap: { mode: "defer" as const, maxWaitMs: 2 * H } },
      history: [sent(20)],
      now: noon,
      expected: { action: "skip", reason: "capped" },
    },
    {
      description: "Florida's 3 texts per 24 h hold over a looser merchant cap",
      recipient: floridian,
      message: blast,
      history: [1, 2, 3].map((h) => ({ ...sent(h), channel: "sms" as const })),
      now: noon,
      settings: { ...settings, frequencyCap: { per24h: 10, per7d: 50 } },
      expected: { action: "wait_until", at: new Date("2026-12-08T09:00:00-05:00") },
    },
    {
      description: "a HELP reply goes at night, uncapped, to a suppressed number",
      recipient: { ...newYorker, contact: { address: "+12125550999", marketingState: "unsubscribed" as const } },
      message: { ...blast, kind: "help_reply" as const },
      history: [sent(1)],
      now: late,
      expected: { action: "send_now" },
    },
    {
      description: "a confirmation is not held by quiet hours or the cap",
      recipient: { ...newYorker, contact: { ...newYorker.contact, marketingState: "pending" as const } },
      message: { ...blast, kind: "transactional" as const },
      history: [sent(1)],
      now: late,
      expected: { action: "send_now" },
    },
    {
      description: "email has no quiet hours by default",
      recipient: { ...newYorker, contact: { address: "ann@example.com", marketingState: "subscribed" as const } },
      message: { ...blast, channel: "email" as const },
      history: [],
      now: late,
      expected: { action: "send_now" },
    },
  ])("$description", ({ recipient, message, history, now, expected, ...rest }) => {
    const chosen = "settings" in rest && rest.settings ? rest.settings : settings;
    expect(decideDispatch(recipient, message, history, chosen, now)).toEqual(expected);
  });
});
