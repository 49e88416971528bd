/**
 * PURE: the confidence intervals behind the campaign lift report.
 *
 * - A proportion: Wilson's score interval (Wilson 1927), which stays inside [0, 1] and behaves
 *   at 0 and n successes, where the textbook Wald interval collapses.
 * - A difference of two proportions: Newcombe's hybrid score interval ("method 10" of Newcombe,
 *   Statistics in Medicine 1998;17:873–890), built from the two Wilson intervals.
 * - A difference of two means with unequal variances: Welch's t interval, with the
 *   Welch–Satterthwaite degrees of freedom and Student's t quantile computed here (regularised
 *   incomplete beta, then bisection), so no statistics package is needed.
 */

export interface Interval {
  low: number;
  high: number;
}

/** z for a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;

/** Wilson score interval for `successes` out of `trials` (trials ≥ 1). */
export function wilsonInterval(successes: number, trials: number, z = Z_95): Interval {
  if (!Number.isInteger(trials) || trials < 1) throw new RangeError(`wilsonInterval: trials must be a whole number ≥ 1, got ${trials}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > trials)
    throw new RangeError(`wilsonInterval: successes must be a whole number in 0…${trials}, got ${successes}`);
  const p = successes / trials;
  const z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z / (1 + z2 / trials)) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  // Clamp the rounding error at the ends (0 of n gives a low of -1e-17 otherwise).
  return { low: successes === 0 ? 0 : Math.max(0, centre - half), high: successes === trials ? 1 : Math.min(1, centre + half) };
}

/** Newcombe's hybrid score interval for p1 − p2. */
export function newcombeInterval(x1: number, n1: number, x2: number, n2: number, z = Z_95): Interval {
  const a = wilsonInterval(x1, n1, z);
  const b = wilsonInterval(x2, n2, z);
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const d = p1 - p2;
  return {
    low: d - Math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2),
    high: d + Math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2),
  };
}

/** Summary of one sample: size, mean and unbiased (n − 1) variance. */
export interface Sample {
  n: number;
  mean: number;
  variance: number;
}

/**
 * The sample of per-customer values where `nonZero` lists the values that are not 0 and the
 * other `n - nonZero.length` customers are 0 (most recipients order nothing). Two-pass, so the
 * variance does not lose precision to cancellation.
 */
export function sampleOf(n: number, nonZero: readonly number[]): Sample {
  if (!Number.isInteger(n) || n < nonZero.length)
    throw new RangeError(`sampleOf: n (${n}) must be a whole number ≥ the ${nonZero.length} listed values`);
  if (n === 0) return { n: 0, mean: 0, variance: 0 };
  const mean = nonZero.reduce((sum, v) => sum + v, 0) / n;
  const squares = nonZero.reduce((sum, v) => sum + (v - mean) ** 2, 0) + (n - nonZero.length) * mean * mean;
  return { n, mean, variance: n > 1 ? squares / (n - 1) : 0 };
}

/** Welch's interval for mean1 − mean2 (each sample needs n ≥ 2). */
export function welchInterval(a: Sample, b: Sample, confidence = 0.95): Interval & { df: number } {
  if (a.n < 2 || b.n < 2) throw new RangeError(`welchInterval: each sample needs at least 2 values, got ${a.n} and ${b.n}`);
  const d = a.mean - b.mean;
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  const se = Math.sqrt(va + vb);
  if (se === 0) return { low: d, high: d, df: a.n + b.n - 2 };
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const t = studentTQuantile(1 - (1 - confidence) / 2, df);
  return { low: d - t * se, high: d + t * se, df };
}

// ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; about 15 significant digits).
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] as number) / (y + i);
  const t = y + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

// Continued fraction of the incomplete beta function (modified Lentz).
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b). */
function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(x, a, b)) / a : 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** P(T ≤ t) for Student's t with `df` (> 0, not necessarily whole) degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** The t with P(T ≤ t) = p, for 0.5 ≤ p < 1 (what an interval needs). */
export function studentTQuantile(p: number, df: number): number {
  if (!(p >= 0.5 && p < 1)) throw new RangeError(`studentTQuantile: p must be in [0.5, 1), got ${p}`);
  if (!(df > 0)) throw new RangeError(`studentTQuantile: df must be > 0, got ${df}`);
  let low = 0;
  let high = 1;
  while (studentTCdf(high, df) < p) high *= 2;
  for (let i = 0; i < 200 && high - low > 1e-12 * Math.max(1, high); i++) {
    const mid = (low + high) / 2;
    if (studentTCdf(mid, df) < p) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}
