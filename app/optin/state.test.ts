import { describe, expect, it } from "vitest";
import {
  CONFIRM_WINDOW_MS,
  emailConfirmDecision,
  nextOptInState,
  type EmailConfirmDecision,
  type OptInEvent,
  type OptInFacts,
  type OptInState,
} from "./state";

const createdAt = new Date("2026-03-01T12:00:00Z");
const phone = "+12135550100";
const pending: OptInFacts = { state: "PENDING", phone, createdAt };
const at = (ms: number) => new Date(createdAt.getTime() + ms);
const HOUR = 3_600_000;

const cases: { description: string; facts: OptInFacts; event: OptInEvent; now: Date; state: OptInState; subscribe: boolean }[] = [
  {
    description: "no reply within 24 h: still pending",
    facts: pending,
    event: { type: "tick" },
    now: at(23 * HOUR),
    state: "PENDING",
    subscribe: false,
  },
  {
    description: "no reply for 24 h: expired",
    facts: pending,
    event: { type: "tick" },
    now: at(CONFIRM_WINDOW_MS),
    state: "EXPIRED",
    subscribe: false,
  },
  {
    description: "YES from the phone within 24 h: confirmed and subscribed",
    facts: pending,
    event: { type: "confirm_reply", from: phone },
    now: at(HOUR),
    state: "CONFIRMED",
    subscribe: true,
  },
  {
    description: "YES from another number: still pending, nobody subscribed",
    facts: pending,
    event: { type: "confirm_reply", from: "+12135550199" },
    now: at(HOUR),
    state: "PENDING",
    subscribe: false,
  },
  {
    description: "a wrong reply: still pending",
    facts: pending,
    event: { type: "other_reply", from: phone },
    now: at(HOUR),
    state: "PENDING",
    subscribe: false,
  },
  {
    description: "STOP before confirming: declined",
    facts: pending,
    event: { type: "stop", from: phone },
    now: at(HOUR),
    state: "DECLINED",
    subscribe: false,
  },
  {
    description: "STOP from another number: still pending",
    facts: pending,
    event: { type: "stop", from: "+12135550199" },
    now: at(HOUR),
    state: "PENDING",
    subscribe: false,
  },
  {
    description: "YES after 24 h: expired, not subscribed",
    facts: pending,
    event: { type: "confirm_reply", from: phone },
    now: at(CONFIRM_WINDOW_MS + 1),
    state: "EXPIRED",
    subscribe: false,
  },
  {
    description: "YES after STOP: stays declined",
    facts: { ...pending, state: "DECLINED" },
    event: { type: "confirm_reply", from: phone },
    now: at(HOUR),
    state: "DECLINED",
    subscribe: false,
  },
  {
    description: "a second YES: confirmed once, no second subscribe",
    facts: { ...pending, state: "CONFIRMED" },
    event: { type: "confirm_reply", from: phone },
    now: at(2 * HOUR),
    state: "CONFIRMED",
    subscribe: false,
  },
  {
    description: "STOP after confirming leaves the request confirmed (the STOP itself unsubscribes)",
    facts: { ...pending, state: "CONFIRMED" },
    event: { type: "stop", from: phone },
    now: at(2 * HOUR),
    state: "CONFIRMED",
    subscribe: false,
  },
];

describe("nextOptInState", () => {
  it.each(cases)("$description", ({ facts, event, now, state, subscribe }) => {
    expect(nextOptInState(facts, event, now)).toEqual({ state, subscribe });
  });
});

const TTL = 7 * 24 * HOUR;
const emailCases: { description: string; state: OptInState | null; now: Date; expected: EmailConfirmDecision }[] = [
  { description: "pending within the link's life: confirm", state: "PENDING", now: at(TTL - 1), expected: "confirm" },
  { description: "pending past the link's life: expired", state: "PENDING", now: at(TTL), expected: "expired" },
  {
    description: "already confirmed: nothing more, even when late",
    state: "CONFIRMED",
    now: at(TTL + HOUR),
    expected: "already_confirmed",
  },
  { description: "no email in the sign-up: nothing to confirm", state: null, now: at(HOUR), expected: "not_pending" },
  { description: "closed otherwise: nothing to confirm", state: "DECLINED", now: at(HOUR), expected: "not_pending" },
];

describe("emailConfirmDecision", () => {
  it.each(emailCases)("$description", ({ state, now, expected }) => {
    expect(emailConfirmDecision(state, createdAt, now, TTL)).toBe(expected);
  });
});
