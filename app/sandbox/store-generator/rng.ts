/**
 * Small seeded PRNG (sfc32): the same seed and stream always yield the same numbers. Each
 * customer gets its own stream (its index), so any customer can be regenerated alone. A 128-bit
 * state matters here: with a 32-bit generator (mulberry32, used before) a million customers'
 * streams overlap, giving look-alike customers and, at scale, duplicate checkout tokens.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    // Each word is a bijection of one input, so distinct (seed, stream) pairs start distinct.
    this.a = fmix32((seed >>> 0) ^ 0x9e3779b9);
    this.b = fmix32((stream >>> 0) ^ 0x85ebca6b);
    this.c = fmix32(Math.floor(stream / 4294967296) ^ 0xc2b2ae35);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (((this.c << 21) | (this.c >>> 11)) + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }

  /** Picks by weight; weights need not sum to 1. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    const last = items[items.length - 1];
    if (!last) throw new Error("weighted pick from an empty list");
    return last[0];
  }

  /** Geometric-ish count: most customers order a few times, a few order many times. */
  skewedCount(mean: number, max: number): number {
    const u = Math.max(this.next(), 1e-9);
    return Math.min(max, Math.floor(-Math.log(u) * mean));
  }
}

/** MurmurHash3's finaliser: a bijection on 32-bit words that spreads every input bit. */
function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Weights turned into a cumulative table once, so hot loops (millions of picks for a large
 * store) do not re-sum the weights on every pick as `Rng.weighted` does.
 */
export class WeightedTable<T> {
  private readonly items: readonly T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: readonly (readonly [T, number])[]) {
    if (entries.length === 0) throw new Error("weighted table without entries");
    this.items = entries.map(([item]) => item);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach(([, w], i) => {
      sum += w;
      this.cumulative[i] = sum;
    });
    this.total = sum;
  }

  pick(rng: Rng): T {
    const r = rng.next() * this.total;
    const last = this.items.length - 1;
    let i = 0;
    while (i < last && r >= (this.cumulative[i] ?? 0)) i++;
    return this.items[i] as T;
  }
}
