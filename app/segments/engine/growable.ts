/** Typed arrays that grow while the index is built (pure). */

export type Ctor = Float64ArrayConstructor | Int32ArrayConstructor | Uint32ArrayConstructor | Uint8ArrayConstructor;
export type Column = Float64Array | Int32Array | Uint32Array | Uint8Array;

/** A typed array that doubles when full. */
export class Growable<T extends Column> {
  length = 0;
  constructor(
    private readonly ctor: Ctor,
    public data: T = new ctor(1024) as T,
  ) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new this.ctor(this.data.length * 2) as T;
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  set(i: number, v: number): void {
    this.data[i] = v;
  }
  done(): T {
    return this.data.slice(0, this.length) as T;
  }
  /** Lets go of the buffer (after its contents were copied out). */
  release(): void {
    this.data = new this.ctor(0) as T;
    this.length = 0;
  }
}

export const f64 = () => new Growable<Float64Array>(Float64Array);
export const i32 = () => new Growable<Int32Array>(Int32Array);
export const u32 = () => new Growable<Uint32Array>(Uint32Array);
export const u8 = () => new Growable<Uint8Array>(Uint8Array);

/** Unsigned counts in the narrowest array that holds them. */
export type SmallUints = Uint8Array | Uint16Array | Uint32Array;

export function narrowUints(a: Column): SmallUints {
  let max = 0;
  for (const v of a) if (v > max) max = v;
  if (max < 256) return Uint8Array.from(a);
  return max < 65536 ? Uint16Array.from(a) : Uint32Array.from(a);
}
