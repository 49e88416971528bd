import { describe, expect, it } from "vitest";
import { compileTemplate, SAMPLE_VARIABLES } from "../render/template";
import { composeSms, OPT_OUT_LINE } from "./compose";
import { DEFAULT_SMS_PRICES, smsCost } from "./prices";
import type { SmsPrice } from "./prices";

const none: Record<string, SmsPrice> = {};

describe("composeSms", () => {
  const template = compileTemplate('Hi {{ customer.first_name | default: "there" }}, use {{ discount_code }}');

  it.each([
    { description: "marketing carries the opt-out line", kind: "marketing" as const, first: false, optOut: true },
    { description: "the first message to a number carries it", kind: "transactional" as const, first: true, optOut: true },
    { description: "a later transactional message does not", kind: "transactional" as const, first: false, optOut: false },
  ])("$description", ({ kind, first, optOut }) => {
    const sms = composeSms(template, SAMPLE_VARIABLES, { kind, firstMessageToNumber: first, country: "US" });
    expect(sms.body).toBe(optOut ? `Hi Alex, use WELCOME10\n${OPT_OUT_LINE}` : "Hi Alex, use WELCOME10");
  });

  it("does not add the line twice when the merchant already wrote STOP", () => {
    const sms = composeSms(compileTemplate("Deals! Text STOP to quit"), SAMPLE_VARIABLES, {
      kind: "marketing",
      firstMessageToNumber: true,
      country: "US",
    });
    expect(sms.body).toBe("Deals! Text STOP to quit");
  });

  it("counts the opt-out line in the length and segments", () => {
    // 160 - 22 (newline + line) = 138 characters fit one segment with the line; 139 do not.
    const fits = composeSms(compileTemplate("x".repeat(138)), SAMPLE_VARIABLES, {
      kind: "marketing",
      firstMessageToNumber: false,
      country: "US",
    });
    const over = composeSms(compileTemplate("x".repeat(139)), SAMPLE_VARIABLES, {
      kind: "marketing",
      firstMessageToNumber: false,
      country: "US",
    });
    expect([fits.analysis.units, fits.analysis.segments]).toEqual([160, 1]);
    expect([over.analysis.units, over.analysis.segments]).toEqual([161, 2]);
    expect(over.cost).toEqual({ country: "US", segments: 2, currency: "USD", micros: 16_600 });
  });
});

describe("smsCost", () => {
  it.each([
    {
      description: "US seed price per segment",
      country: "us",
      segments: 3,
      overrides: none,
      expected: { country: "US", segments: 3, currency: "USD", micros: 24_900 },
    },
    {
      description: "a merchant override wins",
      country: "GB",
      segments: 2,
      overrides: { GB: { currency: "GBP", microsPerSegment: 40_000, verified: true } } as Record<string, SmsPrice>,
      expected: { country: "GB", segments: 2, currency: "GBP", micros: 80_000 },
    },
    { description: "an unknown country has no price", country: "ZZ", segments: 1, overrides: none, expected: undefined },
  ])("$description", ({ country, segments, overrides, expected }) => {
    expect(smsCost(country, segments, overrides)).toEqual(expected);
  });

  it("every seed row is a positive whole number of micros", () => {
    for (const [country, price] of Object.entries(DEFAULT_SMS_PRICES)) {
      expect({ country, ok: Number.isSafeInteger(price.microsPerSegment) && price.microsPerSegment > 0 }).toEqual({ country, ok: true });
    }
  });
});
