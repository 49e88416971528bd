/**
 * One shop's in-memory facts (pure): the columnar base built from the database,
 * plus records of customers that changed since (overrides and new customers),
 * which the per-customer evaluator answers for until the next rebuild. Segment
 * memberships live here too, so `segment_member` reads the current state.
 */
import { Bitset } from "./bitset";
import { ShopClock } from "./clock";
import { evaluateColumns } from "./columnar";
import { columnBytes, recordAt, sortedLiveAmounts, type FactsColumns } from "./columns";
import { evaluateSegment, explainSegment, type EvalEnv, type SegmentTrace } from "./evaluate";
import type { CustomerRecord, ShopCatalog, ShopStats } from "./facts";
import type { SegmentQuery } from "../query-language/tree";
import type { ValueField } from "../read-models/value-warnings";

export class ShopIndex {
  readonly clock: ShopClock;
  /** Changed or new customers by position; positions ≥ base.n are new customers. */
  private readonly overrides = new Map<number, CustomerRecord>();
  private readonly appended = new Map<number, number>();
  private readonly removed = new Set<number>();
  /** Segments whose members here are what the database held at this membersVersion. */
  private readonly storedAt = new Map<string, number>();
  private sorted: Float64Array | undefined;
  /** Live customers of the columns per dictionary code, by field (see valueCounts). */
  private readonly baseCounts = new Map<ValueField, Int32Array>();
  private capacity: number;

  constructor(
    readonly base: FactsColumns,
    readonly catalog: ShopCatalog,
    /** Highest change marker seen (see facts-index.server.ts). */
    public watermark: { factsVersion: bigint; customersAt: Date; messageId: number },
  ) {
    this.clock = new ShopClock(catalog.timeZone);
    this.capacity = base.n;
  }

  get size(): number {
    return this.base.n + this.appended.size;
  }

  /** Changed customers held outside the columns; a rebuild folds them in. */
  get pendingChanges(): number {
    return this.overrides.size + this.removed.size;
  }

  positionOf(customerId: number): number | undefined {
    const ids = this.base.customerIds;
    let lo = 0;
    let hi = ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((ids[mid] as number) < customerId) lo = mid + 1;
      else hi = mid;
    }
    if (lo < ids.length && ids[lo] === customerId) return lo;
    return this.appended.get(customerId);
  }

  customerIdAt(position: number): number {
    return position < this.base.n ? (this.base.customerIds[position] as number) : (this.overrides.get(position)?.id ?? -1);
  }

  /** Customers neither deleted nor redacted: the denominator of "% of customers". */
  liveCount(): number {
    // A word-wise count of the base, corrected by the few changes held outside it.
    let n = this.base.live.count();
    for (const p of this.removed) if (p < this.base.n && this.base.live.has(p)) n--;
    for (const p of this.appended.values()) if (this.isLive(p)) n++;
    return n;
  }

  isLive(position: number): boolean {
    if (this.removed.has(position)) return false;
    return position < this.base.n ? this.base.live.has(position) : this.overrides.has(position);
  }

  /** The customer's current facts (segment memberships included). */
  record(position: number): CustomerRecord {
    const own = this.overrides.get(position) ?? recordAt(this.base, position);
    return { ...own, segmentIds: this.segmentsOf(position) };
  }

  segmentsOf(position: number): string[] {
    const out: string[] = [];
    for (const [id, members] of this.base.segments) if (position < members.size && members.has(position)) out.push(id);
    return out;
  }

  env(now: Date): EvalEnv {
    // Ranks are computed only when a rule reads amount_spent_percentile.
    const amounts = () => this.amounts();
    const stats: ShopStats = {
      get sortedAmounts() {
        return amounts();
      },
    };
    return { catalog: this.catalog, clock: this.clock, stats, now };
  }

  private amounts(): Float64Array {
    this.sorted ??= this.sortedAmounts();
    return this.sorted;
  }

  /** Members of the tree among live customers, one bit per position. */
  evaluate(tree: SegmentQuery, now: Date): Bitset {
    const env = this.env(now);
    const baseBits = evaluateColumns(tree, this.base, env);
    const out = this.size === this.base.n ? baseBits : grow(baseBits, this.size);
    for (const p of this.removed) out.delete(p);
    for (const [p, record] of this.overrides) {
      if (this.removed.has(p)) continue;
      out.assign(p, evaluateSegment(tree, { ...record, segmentIds: this.segmentsOf(p) }, env));
    }
    return out;
  }

  matches(tree: SegmentQuery, position: number, now: Date): boolean {
    return this.isLive(position) && evaluateSegment(tree, this.record(position), this.env(now));
  }

  /**
   * One customer against every saved segment, reading its record once (incremental
   * re-evaluation). Segments come in dependency order; each answer is stored as the customer's
   * membership before the next rule runs, so `segment_member` reads the new state.
   */
  matchMany(segments: readonly { id: string; tree: SegmentQuery }[], position: number, now: Date): boolean[] {
    let record = this.isLive(position) ? this.record(position) : undefined;
    const env = this.env(now);
    return segments.map(({ id, tree }) => {
      const inNow = record !== undefined && evaluateSegment(tree, record, env);
      if (record && inNow !== record.segmentIds.includes(id)) {
        record = { ...record, segmentIds: inNow ? [...record.segmentIds, id] : record.segmentIds.filter((s) => s !== id) };
      }
      this.setMembership(id, position, inNow);
      return inNow;
    });
  }

  isMember(segmentId: string, position: number): boolean {
    const members = this.base.segments.get(segmentId);
    return members !== undefined && position < members.size && members.has(position);
  }

  /** Replaces a customer's memberships with the stored ones (read back with its facts). */
  setSegmentsOf(position: number, segmentIds: readonly string[]): void {
    const stored = new Set(segmentIds);
    for (const id of this.base.segments.keys()) if (!stored.has(id)) this.setMembership(id, position, false);
    for (const id of stored) this.setMembership(id, position, true);
  }

  /**
   * Live customers per value of a customer field (what value warnings compare a query with).
   * The columns' part is counted once per field by dictionary code and kept (the columns do
   * not change); each call corrects it for the few customers held outside them.
   */
  valueCounts(field: ValueField): Map<string, number> {
    const base = this.base;
    const dict = base.dicts[field];
    const perCode = this.baseValueCounts(field).slice();
    const extra = new Map<string, number>();
    const bump = (value: string | null) => {
      if (value === null) return;
      const code = dict.codes.get(value);
      if (code !== undefined && code < perCode.length) perCode[code] = (perCode[code] as number) + 1;
      else extra.set(value, (extra.get(value) ?? 0) + 1);
    };
    const unbump = (p: number) => {
      if (field === "tag") {
        for (let j = base.tags.offsets[p] as number; j < (base.tags.offsets[p + 1] as number); j++) {
          const code = base.tags.tag[j] as number;
          perCode[code] = (perCode[code] as number) - 1;
        }
      } else {
        const code = base[field][p] as number;
        if (code >= 0) perCode[code] = (perCode[code] as number) - 1;
      }
    };
    // Base positions whose columns no longer say what the customer is: take their values out.
    for (const p of this.removed) if (p < base.n && base.live.has(p)) unbump(p);
    for (const p of this.overrides.keys()) if (p < base.n && base.live.has(p) && !this.removed.has(p)) unbump(p);
    for (const [p, record] of this.overrides) {
      if (!this.isLive(p)) continue;
      if (field === "tag") record.tags.forEach(bump);
      else bump(record[field]);
    }
    const out = new Map<string, number>();
    for (let code = 0; code < perCode.length; code++) {
      const n = perCode[code] as number;
      const value = dict.values[code];
      if (n > 0 && value !== undefined) out.set(value, n);
    }
    for (const [value, n] of extra) out.set(value, (out.get(value) ?? 0) + n);
    return out;
  }

  /** Live customers of the columns per dictionary code of a field, counted on first use. */
  private baseValueCounts(field: ValueField): Int32Array {
    const counts = this.baseCounts.get(field);
    if (counts) return counts;
    const base = this.base;
    const out = new Int32Array(base.dicts[field].values.length);
    const live = base.live;
    if (field === "tag") {
      const { offsets, tag } = base.tags;
      for (let p = 0; p < base.n; p++) {
        if (!live.has(p)) continue;
        for (let j = offsets[p] as number; j < (offsets[p + 1] as number); j++) {
          const code = tag[j] as number;
          out[code] = (out[code] as number) + 1;
        }
      }
    } else {
      const codes = base[field];
      for (let p = 0; p < base.n; p++) {
        const code = codes[p] as number;
        if (code >= 0 && live.has(p)) out[code] = (out[code] as number) + 1;
      }
    }
    this.baseCounts.set(field, out);
    return out;
  }

  explain(tree: SegmentQuery, position: number, now: Date): SegmentTrace {
    return explainSegment(tree, this.record(position), this.env(now));
  }

  /** Replaces (or adds) a customer's facts; returns its position. */
  applyRecord(record: CustomerRecord): number {
    let position = this.positionOf(record.id);
    if (position === undefined) {
      position = this.size;
      this.appended.set(record.id, position);
      this.ensureCapacity(position + 1);
    }
    this.overrides.set(position, record);
    this.removed.delete(position);
    this.sorted = undefined;
    return position;
  }

  removeCustomer(customerId: number): void {
    const position = this.positionOf(customerId);
    if (position === undefined) return;
    this.removed.add(position);
    this.sorted = undefined;
  }

  setMembership(segmentId: string, position: number, member: boolean): void {
    let members = this.base.segments.get(segmentId);
    if (!members) {
      if (!member) return;
      members = new Bitset(this.capacity);
      this.base.segments.set(segmentId, members);
    }
    members.assign(position, member);
  }

  /**
   * Replaces a segment's members wholesale (after a full evaluation); `membersVersion` when
   * they are exactly what the database holds at that version.
   */
  setMembers(segmentId: string, members: Bitset, membersVersion?: number): void {
    this.base.segments.set(segmentId, grow(members, this.capacity));
    this.markStored(segmentId, membersVersion);
  }

  /** The segment's members as of `membersVersion` in the database, if this index holds exactly those. */
  storedMembers(segmentId: string, membersVersion: number): Bitset | undefined {
    return this.storedAt.get(segmentId) === membersVersion ? this.base.segments.get(segmentId) : undefined;
  }

  /** Records (or, without a version, forgets) that the members match the database at a version. */
  markStored(segmentId: string, membersVersion?: number | null): void {
    if (membersVersion === undefined || membersVersion === null) this.storedAt.delete(segmentId);
    else this.storedAt.set(segmentId, membersVersion);
  }

  /**
   * After this process wrote the members it holds, moving the database from `before` to
   * `after`: still in step only if no other write came in between.
   */
  advanceStored(segmentId: string, before: number | undefined, after: number | null): void {
    this.markStored(segmentId, before !== undefined && after !== null && after === before + 1 ? after : undefined);
  }

  storedVersion(segmentId: string): number | undefined {
    return this.storedAt.get(segmentId);
  }

  dropSegment(segmentId: string): void {
    this.base.segments.delete(segmentId);
    this.storedAt.delete(segmentId);
  }

  bytes(): number {
    return columnBytes(this.base) + this.overrides.size * 1024;
  }

  private ensureCapacity(size: number): void {
    if (size <= this.capacity) return;
    this.capacity = Math.max(size, Math.ceil(this.capacity * 1.25) + 64);
    for (const [id, members] of this.base.segments) this.base.segments.set(id, grow(members, this.capacity));
  }

  private sortedAmounts(): Float64Array {
    if (this.overrides.size === 0 && this.removed.size === 0) return sortedLiveAmounts(this.base);
    const amounts: number[] = [];
    for (let p = 0; p < this.size; p++) {
      if (!this.isLive(p)) continue;
      amounts.push(this.overrides.get(p)?.amountSpent ?? (this.base.amountSpent[p] as number));
    }
    return Float64Array.from(amounts).sort();
  }
}

/** A copy of `bits` sized to `size` (extra positions empty). */
function grow(bits: Bitset, size: number): Bitset {
  if (bits.size === size) return bits;
  const out = new Bitset(size);
  out.words.set(bits.words.subarray(0, Math.min(bits.words.length, out.words.length)));
  return out;
}
