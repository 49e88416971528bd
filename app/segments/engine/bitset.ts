/** A fixed-size set of customer positions, 32 per word (pure). */
export class Bitset {
  readonly words: Uint32Array;

  constructor(
    readonly size: number,
    words?: Uint32Array,
  ) {
    this.words = words ?? new Uint32Array((size + 31) >>> 5);
  }

  static full(size: number): Bitset {
    const b = new Bitset(size);
    b.words.fill(0xffffffff);
    b.trim();
    return b;
  }

  has(i: number): boolean {
    return (((this.words[i >>> 5] ?? 0) >>> (i & 31)) & 1) === 1;
  }

  add(i: number): void {
    this.words[i >>> 5] = (this.words[i >>> 5] ?? 0) | (1 << (i & 31));
  }

  delete(i: number): void {
    this.words[i >>> 5] = (this.words[i >>> 5] ?? 0) & ~(1 << (i & 31));
  }

  assign(i: number, on: boolean): void {
    if (on) this.add(i);
    else this.delete(i);
  }

  clone(): Bitset {
    return new Bitset(this.size, this.words.slice());
  }

  /** In place: this ∩ other. */
  and(other: Bitset): this {
    const a = this.words;
    const b = other.words;
    for (let w = 0; w < a.length; w++) a[w] = (a[w] as number) & (b[w] ?? 0);
    return this;
  }

  /** In place: this ∪ other. */
  or(other: Bitset): this {
    const a = this.words;
    const b = other.words;
    for (let w = 0; w < a.length; w++) a[w] = (a[w] as number) | (b[w] ?? 0);
    return this;
  }

  /** In place: the complement within `size`. */
  not(): this {
    const a = this.words;
    for (let w = 0; w < a.length; w++) a[w] = ~(a[w] as number) >>> 0;
    this.trim();
    return this;
  }

  count(): number {
    let total = 0;
    const a = this.words;
    for (let w = 0; w < a.length; w++) {
      let v = a[w] as number;
      v -= (v >>> 1) & 0x55555555;
      v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
      total += Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
    }
    return total;
  }

  /** Positions in ascending order. */
  toArray(): number[] {
    const out: number[] = [];
    const a = this.words;
    for (let w = 0; w < a.length; w++) {
      let v = a[w] as number;
      while (v !== 0) {
        const bit = 31 - Math.clz32(v & -v);
        out.push((w << 5) + bit);
        v &= v - 1;
      }
    }
    return out;
  }

  private trim(): void {
    const extra = this.words.length * 32 - this.size;
    if (extra > 0 && this.words.length > 0) {
      const last = this.words.length - 1;
      this.words[last] = ((this.words[last] as number) & (0xffffffff >>> extra)) >>> 0;
    }
  }
}
