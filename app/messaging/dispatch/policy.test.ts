import { describe, expect, it } from "vitest";
import { permanent, retryable, sent, unknown } from "../channel";
import { capPolicyOf, DEFAULT_VALIDITY_SECONDS, messageKindOf, outcomeOf, validityPeriodSeconds } from "./policy";

const NOW = new Date("2026-12-07T17:00:00Z");
const RETRY = { maxAttempts: 3, baseDelayMs: 30_000, maxDelayMs: 3_600_000 };

describe("messageKindOf / capPolicyOf", () => {
  it.each([
    { key: "campaign:c1:7", kind: "marketing", onCap: { mode: "defer", maxWaitMs: 72 * 3_600_000 } },
    { key: "checkout:tok:2", kind: "marketing", onCap: { mode: "defer", maxWaitMs: 24 * 3_600_000 } },
    { key: "optin:abc", kind: "transactional", onCap: { mode: "defer", maxWaitMs: 72 * 3_600_000 } },
    { key: "help:abc", kind: "help_reply", onCap: { mode: "defer", maxWaitMs: 72 * 3_600_000 } },
    { key: "mystery:1", kind: "marketing", onCap: { mode: "defer", maxWaitMs: 72 * 3_600_000 } },
  ])("$key is $kind", ({ key, kind, onCap }) => {
    expect(messageKindOf(key)).toBe(kind);
    expect(capPolicyOf(key)).toEqual(onCap);
  });
});

describe("validityPeriodSeconds", () => {
  it.each([
    { description: "no deadline", deadline: null, expected: DEFAULT_VALIDITY_SECONDS },
    { description: "a deadline in ten minutes", deadline: new Date(NOW.getTime() + 600_000), expected: 600 },
    { description: "a deadline days away", deadline: new Date(NOW.getTime() + 3 * 86_400_000), expected: DEFAULT_VALIDITY_SECONDS },
    { description: "a deadline already passed", deadline: new Date(NOW.getTime() - 1000), expected: 1 },
  ])("$description → $expected s", ({ deadline, expected }) => {
    expect(validityPeriodSeconds(deadline, NOW)).toBe(expected);
  });
});

describe("outcomeOf", () => {
  it.each([
    { description: "sent", result: sent("SM1"), attempts: 1, expected: { kind: "sent", providerMessageId: "SM1" } },
    {
      description: "Retry-After wins",
      result: retryable("429", 90),
      attempts: 1,
      expected: { kind: "retry", at: new Date(NOW.getTime() + 90_000), error: "429" },
    },
    {
      description: "exponential backoff",
      result: retryable("503"),
      attempts: 2,
      expected: { kind: "retry", at: new Date(NOW.getTime() + 60_000), error: "503" },
    },
    {
      description: "last attempt fails",
      result: retryable("503"),
      attempts: 3,
      expected: { kind: "failed", error: "gave up after 3 attempts: 503" },
    },
    {
      description: "permanent keeps the code",
      result: permanent("21211", "bad number"),
      attempts: 1,
      expected: { kind: "failed", error: "21211: bad number" },
    },
    { description: "unknown", result: unknown("timeout"), attempts: 1, expected: { kind: "unknown", error: "timeout" } },
  ])("$description", ({ result, attempts, expected }) => {
    expect(outcomeOf(result, attempts, NOW, RETRY)).toEqual(expected);
  });
});
