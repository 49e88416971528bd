import { describe, expect, it } from "vitest";
import { capOpensAt, DEFAULT_FREQUENCY_CAP } from "./frequency-cap";
import type { SentMessage } from "./frequency-cap";

const H = 3_600_000;
const now = Date.parse("2026-12-07T15:00:00Z");
const ago = (hours: number, channel: SentMessage["channel"] = "sms", kind: SentMessage["kind"] = "marketing"): SentMessage => ({
  at: now - hours * H,
  channel,
  kind,
});

describe("capOpensAt", () => {
  it.each([
    { description: "nothing sent: now", history: [], channel: "sms" as const, legal: null, settings: DEFAULT_FREQUENCY_CAP, expected: now },
    {
      description: "one marketing SMS 3 h ago: 21 h from now",
      history: [ago(3)],
      channel: "sms" as const,
      legal: null,
      settings: DEFAULT_FREQUENCY_CAP,
      expected: now + 21 * H,
    },
    {
      description: "email and SMS count together",
      history: [ago(3, "email")],
      channel: "sms" as const,
      legal: null,
      settings: DEFAULT_FREQUENCY_CAP,
      expected: now + 21 * H,
    },
    {
      description: "a message 24 h ago has left the window",
      history: [ago(24)],
      channel: "email" as const,
      legal: null,
      settings: DEFAULT_FREQUENCY_CAP,
      expected: now,
    },
    {
      description: "confirmations and HELP replies do not count",
      history: [ago(1, "sms", "transactional"), ago(2, "sms", "help_reply")],
      channel: "sms" as const,
      legal: null,
      settings: DEFAULT_FREQUENCY_CAP,
      expected: now,
    },
    {
      description: "three in 7 days: when the oldest leaves",
      history: [ago(30), ago(80), ago(150)],
      channel: "sms" as const,
      legal: null,
      settings: DEFAULT_FREQUENCY_CAP,
      expected: now + 18 * H,
    },
    {
      description: "the merchant allows more",
      history: [ago(1), ago(2)],
      channel: "email" as const,
      legal: null,
      settings: { per24h: 5, per7d: 10 },
      expected: now,
    },
    {
      description: "a state cap of 3 SMS per 24 h applies over a looser merchant cap",
      history: [ago(1), ago(2), ago(5)],
      channel: "sms" as const,
      legal: 3,
      settings: { per24h: 10, per7d: 50 },
      expected: now + 19 * H,
    },
    {
      description: "the state cap counts texts only",
      history: [ago(1, "email"), ago(2, "email"), ago(5, "email")],
      channel: "sms" as const,
      legal: 3,
      settings: { per24h: 10, per7d: 50 },
      expected: now,
    },
    {
      description: "the state cap does not limit email",
      history: [ago(1), ago(2), ago(5)],
      channel: "email" as const,
      legal: 3,
      settings: { per24h: 10, per7d: 50 },
      expected: now,
    },
    {
      description: "a limit of 0: never",
      history: [],
      channel: "sms" as const,
      legal: null,
      settings: { per24h: 0, per7d: 3 },
      expected: Infinity,
    },
  ])("$description", ({ history, channel, legal, settings, expected }) => {
    expect(capOpensAt(history, channel, legal, settings, now)).toBe(expected);
  });
});
