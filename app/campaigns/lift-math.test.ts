// The intervals against published examples and SciPy, then properties over random counts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { newcombeInterval, sampleOf, studentTQuantile, welchInterval, wilsonInterval } from "./lift-math";

describe("wilsonInterval", () => {
  it.each([
    // Newcombe 1998, Table I
    { description: "81 of 263", x: 81, n: 263, low: 0.2553, high: 0.3662 },
    { description: "0 of 10 starts at 0", x: 0, n: 10, low: 0, high: 0.2775 },
    { description: "10 of 10 ends at 1", x: 10, n: 10, low: 0.7225, high: 1 },
  ])("$description", ({ x, n, low, high }) => {
    const ci = wilsonInterval(x, n);
    expect(ci.low).toBeCloseTo(low, 4);
    expect(ci.high).toBeCloseTo(high, 4);
  });

  it.each([
    { description: "no trials", x: 0, n: 0, message: /trials must be a whole number ≥ 1, got 0/ },
    { description: "more successes than trials", x: 5, n: 4, message: /successes must be a whole number in 0…4, got 5/ },
    { description: "a fraction", x: 1.5, n: 4, message: /got 1.5/ },
  ])("refuses $description", ({ x, n, message }) => {
    expect(() => wilsonInterval(x, n)).toThrow(message);
  });

  it("stays in [0, 1] and holds the observed rate", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        ([x, n]) => {
          const ci = wilsonInterval(x, n);
          expect(ci.low).toBeGreaterThanOrEqual(0);
          expect(ci.high).toBeLessThanOrEqual(1);
          expect(ci.low).toBeLessThanOrEqual(x / n + 1e-12);
          expect(ci.high).toBeGreaterThanOrEqual(x / n - 1e-12);
        },
      ),
    );
  });
});

describe("newcombeInterval", () => {
  it.each([
    // Newcombe 1998, Table II, method 10
    { description: "56/70 − 48/80", x1: 56, n1: 70, x2: 48, n2: 80, low: 0.0524, high: 0.3339 },
    { description: "5/56 − 0/29", x1: 5, n1: 56, x2: 0, n2: 29, low: -0.0381, high: 0.1926 },
  ])("$description", ({ x1, n1, x2, n2, low, high }) => {
    const ci = newcombeInterval(x1, n1, x2, n2);
    expect(ci.low).toBeCloseTo(low, 4);
    expect(ci.high).toBeCloseTo(high, 4);
  });

  const counts = fc.integer({ min: 1, max: 5_000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));

  it("holds the observed difference, stays in [−1, 1], and mirrors when the groups swap", () => {
    fc.assert(
      fc.property(counts, counts, ([x1, n1], [x2, n2]) => {
        const ci = newcombeInterval(x1, n1, x2, n2);
        const d = x1 / n1 - x2 / n2;
        expect(ci.low).toBeLessThanOrEqual(d + 1e-12);
        expect(ci.high).toBeGreaterThanOrEqual(d - 1e-12);
        expect(ci.low).toBeGreaterThanOrEqual(-1 - 1e-12);
        expect(ci.high).toBeLessThanOrEqual(1 + 1e-12);
        const swapped = newcombeInterval(x2, n2, x1, n1);
        expect(swapped.low).toBeCloseTo(-ci.high, 12);
        expect(swapped.high).toBeCloseTo(-ci.low, 12);
      }),
    );
  });

  it("narrows as the same rates are seen in more customers", () => {
    fc.assert(
      fc.property(counts, counts, fc.integer({ min: 2, max: 20 }), ([x1, n1], [x2, n2], k) => {
        const small = newcombeInterval(x1, n1, x2, n2);
        const large = newcombeInterval(x1 * k, n1 * k, x2 * k, n2 * k);
        expect(large.high - large.low).toBeLessThan(small.high - small.low);
      }),
    );
  });
});

describe("studentTQuantile", () => {
  it.each([
    { df: 1, expected: 12.706205 },
    { df: 2, expected: 4.302653 },
    { df: 10, expected: 2.228139 },
    { df: 30, expected: 2.042272 },
    { df: 3.5, expected: 2.940089 },
    { df: 1e6, expected: 1.959966 },
  ])("t(0.975, $df) = $expected", ({ df, expected }) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(expected, 5);
  });

  it("refuses a p outside [0.5, 1) and df ≤ 0", () => {
    expect(() => studentTQuantile(1, 5)).toThrow(/p must be in \[0.5, 1\), got 1/);
    expect(() => studentTQuantile(0.975, 0)).toThrow(/df must be > 0, got 0/);
  });
});

describe("welchInterval", () => {
  it.each([
    // SciPy 1.17 stats.ttest_ind(a, b, equal_var=False).confidence_interval(0.95)
    {
      description: "small samples",
      a: sampleOf(5, [1, 2, 3, 4, 5]),
      b: sampleOf(4, [2, 2, 9, 1]),
      low: -6.062431,
      high: 5.062431,
      df: 3.879977,
    },
    {
      description: "mostly zeros, with a refunded order",
      a: sampleOf(100, [1200, 4500, 800, 0, 3000]),
      b: sampleOf(120, [2500, 900]),
      low: -51.392152,
      high: 184.725486,
      df: 130.181319,
    },
  ])("$description matches SciPy", ({ a, b, low, high, df }) => {
    const ci = welchInterval(a, b);
    expect(ci.low).toBeCloseTo(low, 4);
    expect(ci.high).toBeCloseTo(high, 4);
    expect(ci.df).toBeCloseTo(df, 4);
  });

  it("is the difference itself when nobody's value varies", () => {
    expect(welchInterval(sampleOf(10, []), sampleOf(20, []))).toEqual({ low: 0, high: 0, df: 28 });
  });

  it("refuses a sample of one", () => {
    expect(() => welchInterval(sampleOf(1, [5]), sampleOf(10, []))).toThrow(/at least 2 values, got 1 and 10/);
  });

  it("is centred on the difference of the means", () => {
    const values = fc.array(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 30 });
    fc.assert(
      fc.property(values, values, fc.integer({ min: 2, max: 500 }), fc.integer({ min: 2, max: 500 }), (va, vb, extraA, extraB) => {
        const a = sampleOf(va.length + extraA, va);
        const b = sampleOf(vb.length + extraB, vb);
        const ci = welchInterval(a, b);
        const d = a.mean - b.mean;
        expect(ci.low).toBeLessThanOrEqual(d + 1e-9);
        expect(ci.high).toBeGreaterThanOrEqual(d - 1e-9);
        expect((ci.low + ci.high) / 2).toBeCloseTo(d, 6);
      }),
    );
  });
});

describe("sampleOf", () => {
  it("counts the unlisted customers as zeros", () => {
    expect(sampleOf(4, [4, 8])).toEqual({ n: 4, mean: 3, variance: (1 + 25 + 9 + 9) / 3 });
  });
  it("refuses fewer customers than values", () => {
    expect(() => sampleOf(1, [1, 2])).toThrow(/n \(1\) must be a whole number ≥ the 2 listed values/);
  });
});
