// The lift report's states and verdicts.
import { describe, expect, it } from "vitest";
import { LIFT_MINIMUM, liftReport, type LiftGroup, type LiftInput } from "./lift";

const START = new Date("2026-12-01T15:00:00Z");
const END = new Date("2026-12-08T15:00:00Z");
const AFTER = new Date("2026-12-10T00:00:00Z");

const group = (customers: number, converters: number, each = 2_500): LiftGroup => ({
  customers,
  converterRevenues: Array.from({ length: converters }, () => each),
});

function input(sent: LiftGroup, holdout: LiftGroup, overrides: Partial<LiftInput> = {}): LiftInput {
  return { holdoutPercent: 10, sent, holdout, window: { start: START, end: END }, now: AFTER, currency: "USD", ...overrides };
}

describe("liftReport", () => {
  it("says there is nothing to compare without a holdout", () => {
    expect(liftReport(input(group(1000, 50), group(0, 0), { holdoutPercent: 0 }))).toEqual({ state: "no_holdout" });
  });

  it.each([
    {
      description: "a holdout under the minimum",
      sent: group(900, 40),
      holdout: group(LIFT_MINIMUM.customersPerGroup - 1, 5),
      expected: /now 900 messaged, 99 held out, 45 ordered/,
    },
    {
      description: "a messaged group under the minimum",
      sent: group(50, 40),
      holdout: group(500, 5),
      expected: /now 50 messaged, 500 held out, 45 ordered/,
    },
    { description: "too few orders", sent: group(900, 6), holdout: group(100, 3), expected: /now 900 messaged, 100 held out, 9 ordered/ },
  ])("is not ready with $description, and says the minimum", ({ sent, holdout, expected }) => {
    const report = liftReport(input(sent, holdout));
    if (report.state !== "not_enough_data") throw new Error(`expected not_enough_data, got ${report.state}`);
    expect(report.message).toMatch(
      /^Not enough data yet: the report needs at least 100 customers in each group and 10 customers who ordered across both/,
    );
    expect(report.message).toMatch(expected);
  });

  it("finds a lift when the messaged group clearly ordered more", () => {
    const report = liftReport(input(group(9_000, 900), group(1_000, 50)));
    if (report.state !== "ready") throw new Error(`expected ready, got ${report.state}`);
    expect(report.sent).toEqual({ customers: 9_000, converted: 900, conversionRate: 0.1, revenuePerRecipient: 250 });
    expect(report.holdout).toEqual({ customers: 1_000, converted: 50, conversionRate: 0.05, revenuePerRecipient: 125 });
    expect(report.conversion.difference).toBeCloseTo(0.05, 12);
    expect(report.conversion.low).toBeGreaterThan(0);
    expect(report.revenuePerRecipient.difference).toBeCloseTo(125, 9);
    expect(report.verdict.tone).toBe("success");
    expect(report.verdict.text).toMatch(
      /^The campaign brought more orders: 10\.0% of messaged customers ordered, against 5\.0% of those held out \(\+5\.0 points; 95% confidence interval \+\d\.\d points to \+\d\.\d points\)\. Revenue per recipient: \$2\.50 against \$1\.25 \(\+\$1\.25; 95% confidence interval \+\$\d\.\d\d to \+\$\d\.\d\d\)\.$/,
    );
  });

  it("says so when the messaged group ordered less", () => {
    const report = liftReport(input(group(9_000, 270), group(1_000, 80)));
    expect(report.state === "ready" && report.verdict).toEqual({
      tone: "warning",
      text: expect.stringMatching(/^Messaged customers ordered less than those held out: 3\.0% .* 8\.0% .*\(−5\.0 points;/),
    });
  });

  it("calls a difference inside the noise no clear difference, and says the window is still open", () => {
    const report = liftReport(input(group(900, 45), group(100, 5), { now: new Date("2026-12-03T00:00:00Z") }));
    if (report.state !== "ready") throw new Error(`expected ready, got ${report.state}`);
    expect(report.conversion.low).toBeLessThan(0);
    expect(report.conversion.high).toBeGreaterThan(0);
    expect(report.window).toEqual({ start: START.toISOString(), end: END.toISOString(), open: true });
    expect(report.verdict.tone).toBe("info");
    expect(report.verdict.text).toMatch(
      /^No clear difference: 5\.0% .* 5\.0% .*\(\+0\.0 points;.*The interval includes zero.* The window is still open, so these figures can change\.$/,
    );
  });

  it("says a cancelled campaign's difference is diluted by the customers it never messaged", () => {
    const report = liftReport(input(group(9_000, 900), group(1_000, 50), { cancelledUnsent: 4_500 }));
    if (report.state !== "ready") throw new Error(`expected ready, got ${report.state}`);
    expect(report.verdict.text).toMatch(
      / The campaign was cancelled before 4,500 of its messages went out; those customers still count as messaged \(to stay comparable with the holdout\), so the difference understates what the messages did\.$/,
    );
    const uncancelled = liftReport(input(group(9_000, 900), group(1_000, 50)));
    expect(uncancelled.state === "ready" && uncancelled.verdict.text).not.toContain("cancelled");
  });

  it("formats revenue in the shop's currency, yen without decimals", () => {
    const report = liftReport(input(group(9_000, 900, 3_000), group(1_000, 50, 3_000), { currency: "JPY" }));
    expect(report.state === "ready" && report.verdict.text).toMatch(/Revenue per recipient: ¥300 against ¥150 \(\+¥150;/);
  });

  it.each([
    {
      description: "more buyers than customers",
      sent: group(5, 6),
      message: /messaged group has 6 customers who ordered but only 5 customers/,
    },
    {
      description: "a negative size",
      sent: { customers: -1, converterRevenues: [] },
      message: /messaged group's size must be a whole number ≥ 0, got -1/,
    },
  ])("refuses $description", ({ sent, message }) => {
    expect(() => liftReport(input(sent, group(100, 0)))).toThrow(message);
  });
});
