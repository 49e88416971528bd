import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ShopClock } from "../engine/clock";
import { evaluateColumns } from "../engine/columnar";
import { buildColumns } from "../engine/columns-builder";
import { recordAt, sortedLiveAmounts, type FactsColumns } from "../engine/columns";
import { decodeSnapshot, encodeSnapshot, readSnapshotMeta, SnapshotError } from "./columns-snapshot";
import { catalogFor, nowArb, PRODUCTS, storeArb, treeArb } from "../engine/parity-arbitraries";
import { buildRecord } from "../test-support/test-records";
import { crc32 } from "node:zlib";
import { Bitset } from "../engine/bitset";

const encoded = (cols: FactsColumns, meta: Record<string, unknown> = { shop: "a.myshopify.com" }): Buffer =>
  Buffer.concat(encodeSnapshot(cols, meta));

function smallStore(): FactsColumns {
  const cols = buildColumns(
    [
      buildRecord({
        id: 3,
        amountSpent: 12_500,
        orderCount: 2,
        tags: ["VIP", "wholesale"],
        city: "US|NY|new york",
        purchases: [{ product: 1, at: 1_700_000_000, quantity: 2 }],
      }),
      buildRecord({
        id: 9,
        emailDomain: "example.com",
        checkouts: [{ at: 1_700_100_000, amount: 4_000, recovered: false }],
        segmentIds: ["seg-1"],
      }),
      buildRecord({ id: 12, messages: [{ channel: "sms", event: "delivered", campaignId: "c1", at: 1_700_200_000 }] }),
    ],
    PRODUCTS.length,
  );
  cols.live.delete(2);
  return cols;
}

describe("index snapshots (columns-snapshot)", () => {
  it("give back the same customers and the same answers on random stores", () => {
    const scenario = nowArb.chain((now) => fc.tuple(fc.constant(now), storeArb(now, "UTC"), treeArb(now)));
    fc.assert(
      fc.property(scenario, ([now, records, tree]) => {
        // GIVEN a random store's columns
        const cols = buildColumns(records, PRODUCTS.length);
        // WHEN they go through a snapshot
        const { columns } = decodeSnapshot(encoded(cols));
        // THEN every record and the members of a random rule are unchanged
        for (let i = 0; i < cols.n; i++) expect(recordAt(columns, i)).toEqual(recordAt(cols, i));
        const env = (c: FactsColumns) => ({
          catalog: catalogFor("UTC"),
          clock: new ShopClock("UTC"),
          stats: { sortedAmounts: sortedLiveAmounts(c) },
          now,
        });
        expect(evaluateColumns(tree, columns, env(columns)).toArray()).toEqual(evaluateColumns(tree, cols, env(cols)).toArray());
      }),
      { numRuns: 200 },
    );
  }, 120_000);

  it("keeps deleted customers, segment members and the caller's meta", () => {
    const { columns, meta } = decodeSnapshot(encoded(smallStore(), { shop: "a.myshopify.com", watermark: "7" }));
    expect(meta).toEqual({ shop: "a.myshopify.com", watermark: "7" });
    expect(columns.live.toArray()).toEqual([0, 1]);
    expect([...columns.segments.keys()]).toEqual(["seg-1"]);
    expect(columns.segments.get("seg-1")?.toArray()).toEqual([1]);
    expect(columns.dicts.tag.codes.get("vip")).toBe(0);
  });

  it("maps the arrays onto the buffer read instead of copying them", () => {
    const buffer = encoded(smallStore());
    const { columns } = decodeSnapshot(buffer);
    expect(columns.customerIds.buffer).toBe(buffer.buffer);
    expect(columns.live).toBeInstanceOf(Bitset);
  });

  it.each([
    {
      description: "a flipped byte in the columns",
      damage: (b: Buffer) => b.writeUInt8(b.readUInt8(b.length - 9) ^ 0x40, b.length - 9),
      message: /body checksum/,
    },
    {
      description: "a flipped byte in the header",
      damage: (b: Buffer) => b.writeUInt8(b.readUInt8(30) ^ 0x01, 30),
      message: /header checksum/,
    },
    { description: "another file", damage: (b: Buffer) => b.write("NOTFLOCK", 0, "latin1"), message: /not a Flock index snapshot/ },
  ])("refuses $description", ({ damage, message }) => {
    const buffer = encoded(smallStore());
    damage(buffer);
    expect(() => decodeSnapshot(buffer)).toThrow(SnapshotError);
    expect(() => decodeSnapshot(buffer)).toThrow(message);
  });

  it("refuses a truncated snapshot", () => {
    const buffer = encoded(smallStore());
    expect(() => decodeSnapshot(buffer.subarray(0, buffer.length - 8))).toThrow(/body is/);
    expect(() => decodeSnapshot(buffer.subarray(0, 20))).toThrow(/header truncated/);
  });

  it.each([
    { description: "another format version", edit: (h: Record<string, unknown>) => (h.format = 0), message: /format 0/ },
    {
      description: "another column layout",
      edit: (h: Record<string, unknown>) => (h.layout = `${String(h.layout)},extra:array`),
      message: /column layout/,
    },
  ])("refuses a snapshot of $description", ({ edit, message }) => {
    const buffer = withHeader(encoded(smallStore()), edit);
    expect(() => readSnapshotMeta(buffer)).toThrow(message);
  });
});

/** The snapshot with its header edited and re-signed (as another version of the code would write it). */
function withHeader(buffer: Buffer, edit: (header: Record<string, unknown>) => void): Buffer {
  const length = buffer.readUInt32LE(8);
  const header = JSON.parse(buffer.subarray(16, 16 + length).toString("utf8")) as Record<string, unknown>;
  edit(header);
  const json = Buffer.from(JSON.stringify(header), "utf8");
  const padded = Buffer.alloc(Math.ceil((16 + json.length) / 8) * 8 - 16, 0x20);
  json.copy(padded);
  const prefix = Buffer.from(buffer.subarray(0, 16));
  prefix.writeUInt32LE(padded.length, 8);
  prefix.writeUInt32LE(crc32(padded), 12);
  return Buffer.concat([prefix, padded, buffer.subarray(16 + length)]);
}
