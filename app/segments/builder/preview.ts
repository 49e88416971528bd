/**
 * The editor's preview (pure): what its route answers, and which customer ids make up one
 * page of a match, without turning a million-customer match into an array first.
 */
import type { Bitset } from "../engine/bitset";
import type { MemberRow } from "../read-models/segment-rows";
import type { ValueWarning } from "../read-models/value-warnings";

export type PreviewProblem = { ok: false; reason: string; message: string; line?: number; column?: number; filters?: string[] };

export type PreviewResult =
  | { ok: true; rows: MemberRow[]; page: number; hasNext: boolean; count: number; currency: string; warnings: ValueWarning[] }
  | PreviewProblem;

/**
 * Customer ids `start … start + size - 1` of the matched positions, in ascending id order.
 * Positions below `baseSize` hold ascending ids (the facts columns are sorted by customer id),
 * so that part is read only as far as the page needs; positions above it (customers added since
 * the columns were built) are few and sorted here.
 */
export function pageOfCustomerIds(
  bits: Bitset,
  baseSize: number,
  idAt: (position: number) => number,
  start: number,
  size: number,
): { ids: number[]; hasNext: boolean } {
  const want = start + size + 1;
  const base: number[] = [];
  const words = bits.words;
  scan: for (let w = 0; w < words.length; w++) {
    let v = words[w] as number;
    while (v !== 0) {
      const p = (w << 5) + (31 - Math.clz32(v & -v));
      if (p >= baseSize || base.length >= want) break scan;
      base.push(idAt(p));
      v &= v - 1;
    }
  }
  const added: number[] = [];
  for (let p = baseSize; p < bits.size; p++) if (bits.has(p)) added.push(idAt(p));
  added.sort((a, b) => a - b);
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (merged.length < want && (i < base.length || j < added.length)) {
    const a = base[i];
    const b = added[j];
    if (b === undefined || (a !== undefined && a < b)) {
      merged.push(a as number);
      i++;
    } else {
      merged.push(b);
      j++;
    }
  }
  return { ids: merged.slice(start, start + size), hasNext: merged.length > start + size };
}
