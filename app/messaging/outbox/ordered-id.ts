/**
 * Outbox row ids (PURE: the clock and the randomness are passed in). UUIDv7-shaped: the time in
 * milliseconds, then the row's place in its batch, then 44 random bits drawn once per batch. A
 * batch's ids therefore increase, so a 300,000-row blast appends to the primary-key index instead
 * of inserting at 300,000 random places in it (random UUIDs made SQLite's writes ~2.5× slower),
 * and two batches of the same millisecond differ in their random bits.
 */

/** The most rows one batch may number (the sequence has 28 bits). */
export const MAX_BATCH_IDS = 2 ** 28;

const hex = (value: number, digits: number) => value.toString(16).padStart(digits, "0");

/** The parts of a batch's ids that all its ids share: the id of row `seq` is `head`, its sequence digits, then `tail` (orderedIdSql builds it so in SQL). */
export interface OrderedIdParts {
  head: string;
  tail: string;
}

/** The shared parts of the ids of a batch made at `nowMs`; `random` must hold at least 6 random bytes. */
export function orderedIdParts(nowMs: number, random: Uint8Array): OrderedIdParts {
  if (!Number.isInteger(nowMs) || nowMs < 0 || nowMs >= 2 ** 48) throw new Error(`orderedIds: time ${nowMs} does not fit 48 bits`);
  if (random.length < 6) throw new Error(`orderedIds: ${random.length} random bytes, 6 needed`);
  const time = hex(nowMs, 12);
  // 44 bits: 11 hex digits from the first 5.5 bytes.
  let tail = "";
  for (let i = 0; i < 6; i++) tail += hex(random[i] ?? 0, 2);
  return { head: `${time.slice(0, 8)}-${time.slice(8)}-7`, tail: tail.slice(0, 11) };
}

/** `count` increasing ids for a batch made at `nowMs`; `random` must hold at least 6 random bytes. */
export function orderedIds(count: number, nowMs: number, random: Uint8Array): string[] {
  return orderedIdsOf(count, orderedIdParts(nowMs, random));
}

/** `count` increasing ids of a batch with these shared parts: ids[seq] is row seq's. */
export function orderedIdsOf(count: number, { head, tail }: OrderedIdParts): string[] {
  if (!Number.isInteger(count) || count < 0 || count > MAX_BATCH_IDS)
    throw new Error(`orderedIds: count ${count} is not an integer from 0 to ${MAX_BATCH_IDS}`);
  const ids = new Array<string>(count);
  for (let seq = 0; seq < count; seq++) ids[seq] = orderedIdAt({ head, tail }, seq);
  return ids;
}

/** The id of row `seq` (0 to MAX_BATCH_IDS - 1) of a batch with these shared parts. */
export function orderedIdAt({ head, tail }: OrderedIdParts, seq: number): string {
  // Version 7 in the third group, variant 0b10 ("8") leading the fourth.
  return `${head}${hex(seq >>> 16, 3)}-8${hex((seq >>> 4) & 0xfff, 3)}-${(seq & 0xf).toString(16)}${tail}`;
}
