import { describe, expect, it } from "vitest";
import { MAX_BATCH_IDS, orderedIds } from "./ordered-id";

const T = Date.parse("2026-12-06T10:00:00Z");
const bytes = (...values: number[]) => Uint8Array.from(values);

describe("orderedIds", () => {
  it("gives UUIDv7-shaped ids that increase through the batch and are distinct", () => {
    // GIVEN a batch crossing the sequence's digit boundaries (16, 4,096 and 65,536 rows)
    const ids = orderedIds(70_000, T, bytes(1, 2, 3, 4, 5, 6));
    // THEN every id is a version-7, variant-1 UUID of the batch's time
    for (const id of [ids[0], ids[15], ids[16], ids[4_096], ids[65_536], ids[69_999]]) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(Number.parseInt(`${id?.slice(0, 8)}${id?.slice(9, 13)}`, 16)).toBe(T);
    }
    // … in strictly increasing order (as text, which is how the index sorts them), none twice
    for (let i = 1; i < ids.length; i++) expect((ids[i - 1] ?? "") < (ids[i] ?? "")).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("keeps batches of the same millisecond apart by their random bits", () => {
    const a = orderedIds(3, T, bytes(0, 0, 0, 0, 0, 0));
    const b = orderedIds(3, T, bytes(0, 0, 0, 0, 0, 0x10));
    expect(a.some((id) => b.includes(id))).toBe(false);
    expect(a[1]?.slice(-11)).toBe("00000000000");
    expect(b[1]?.slice(-11)).toBe("00000000001");
  });

  it.each([
    { description: "a negative count", count: -1, nowMs: T, random: bytes(1, 2, 3, 4, 5, 6), message: /count -1/ },
    {
      description: "a count past the sequence",
      count: MAX_BATCH_IDS + 1,
      nowMs: T,
      random: bytes(1, 2, 3, 4, 5, 6),
      message: /count 268435457/,
    },
    { description: "a time past 48 bits", count: 1, nowMs: 2 ** 48, random: bytes(1, 2, 3, 4, 5, 6), message: /time 281474976710656/ },
    { description: "too few random bytes", count: 1, nowMs: T, random: bytes(1, 2), message: /2 random bytes/ },
  ])("refuses $description", ({ count, nowMs, random, message }) => {
    expect(() => orderedIds(count, nowMs, random)).toThrow(message);
  });
});
