import { describe, expect, it } from "vitest";
import { backoffDelayMs, errorText, rateLimitWaitMs, resolveEnqueueOptions, validateWorkOptions } from "./queue";

describe("backoffDelayMs", () => {
  it.each([
    { description: "after attempt 1: the base", backoffMs: 1000, attempt: 1, expected: 1000 },
    { description: "after attempt 2: doubled", backoffMs: 1000, attempt: 2, expected: 2000 },
    { description: "after attempt 4: 8x", backoffMs: 250, attempt: 4, expected: 2000 },
    { description: "zero base stays zero", backoffMs: 0, attempt: 3, expected: 0 },
  ])("$description", ({ backoffMs, attempt, expected }) => {
    expect(backoffDelayMs(backoffMs, attempt)).toBe(expected);
  });
});

describe("rateLimitWaitMs", () => {
  it.each([
    { description: "no limit", last: 1000, rate: undefined, now: 1001, expected: 0 },
    { description: "first start", last: undefined, rate: 5, now: 1000, expected: 0 },
    { description: "too soon after the last start", last: 1000, rate: 5, now: 1050, expected: 150 },
    { description: "spacing already elapsed", last: 1000, rate: 5, now: 1300, expected: 0 },
    { description: "fractional rates", last: 0, rate: 0.5, now: 500, expected: 1500 },
  ])("$description", ({ last, rate, now, expected }) => {
    expect(rateLimitWaitMs(last, rate, now)).toBe(expected);
  });
});

describe("resolveEnqueueOptions", () => {
  const now = new Date("2026-11-24T00:00:00Z");

  it("applies the defaults", () => {
    expect(resolveEnqueueOptions("x", {}, now)).toEqual({ runAt: now, uniqueKey: null, attempts: 5, backoffMs: 1000 });
  });

  it.each([
    { description: "zero attempts", options: { attempts: 0 }, message: /attempts/ },
    { description: "fractional attempts", options: { attempts: 1.5 }, message: /attempts/ },
    { description: "negative backoff", options: { backoffMs: -1 }, message: /backoffMs/ },
    { description: "empty unique key", options: { uniqueKey: "" }, message: /uniqueKey/ },
  ])("rejects $description, naming the job", ({ options, message }) => {
    expect(() => resolveEnqueueOptions("sync.orders", options, now)).toThrow(message);
    expect(() => resolveEnqueueOptions("sync.orders", options, now)).toThrow(/sync\.orders/);
  });
});

describe("validateWorkOptions", () => {
  it("accepts a positive concurrency and rate", () => {
    expect(() => validateWorkOptions("x", { concurrency: 2, ratePerSecond: 0.5 })).not.toThrow();
  });

  it.each([
    { description: "zero concurrency", options: { concurrency: 0 } },
    { description: "zero rate", options: { concurrency: 1, ratePerSecond: 0 } },
  ])("rejects $description", ({ options }) => {
    expect(() => validateWorkOptions("x", options)).toThrow(/Worker for x/);
  });
});

describe("errorText", () => {
  it("keeps the error's name and message, bounded", () => {
    expect(errorText(new TypeError("bad"))).toBe("TypeError: bad");
    expect(errorText("plain")).toBe("plain");
    expect(errorText(new Error("x".repeat(5000))).length).toBeLessThanOrEqual(2001);
  });
});
