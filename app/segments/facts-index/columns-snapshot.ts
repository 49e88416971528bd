/**
 * A shop's columnar index as one byte buffer, and back (pure: no file or database access).
 * A fresh process maps a snapshot into typed arrays that are views over the buffer it read
 * (no per-array copy), instead of rebuilding the columns from the database.
 *
 * Layout: 8-byte magic, u32 header length, u32 CRC-32 of the header, the JSON header, then
 * the arrays, each aligned to 8 bytes. The header names every array by its path in
 * `FactsColumns` with its element type, and carries the CRC-32 of the body. Decoding refuses
 * (throws `SnapshotError`) a buffer of another format version, another column layout (the
 * set of paths and kinds of today's `FactsColumns`), a truncated or corrupt one, or one whose
 * arrays do not fit their declared sizes: a snapshot is either exact or rebuilt.
 */
import { crc32 } from "node:zlib";
import { Bitset } from "../engine/bitset";
import { buildColumns } from "../engine/columns-builder";
import type { Dictionary, FactsColumns } from "../engine/columns";

/** Bump when the meaning of a column changes without its path or type changing. */
export const SNAPSHOT_FORMAT = 1;
const MAGIC = Buffer.from("FLOCKIX1", "latin1");
const PREFIX = MAGIC.length + 8;

const ARRAY_TYPES = {
  Int8Array,
  Uint8Array,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
} as const;
type ArrayTypeName = keyof typeof ARRAY_TYPES;
type TypedArray = InstanceType<(typeof ARRAY_TYPES)[ArrayTypeName]>;

export class SnapshotError extends Error {
  constructor(message: string) {
    super(`Index snapshot refused: ${message}`);
    this.name = "SnapshotError";
  }
}

/** What a snapshot says about itself besides the columns (the caller's bookkeeping, opaque here). */
export type SnapshotMeta = Record<string, unknown>;

interface ArrayEntry {
  path: string;
  type: ArrayTypeName;
  offset: number;
  length: number;
}

interface Header {
  format: number;
  layout: string;
  meta: SnapshotMeta;
  n: number;
  dicts: Record<string, string[]>;
  arrays: ArrayEntry[];
  /** Bitsets by path (their words are in `arrays` under the same path). */
  bitsets: Record<string, number>;
  segments: string[];
  bodyLength: number;
  bodyCrc: number;
}

type Kind = "array" | "bitset" | "dicts" | "n" | "segments" | "memo";

/** Each leaf of a FactsColumns value with its path and kind. */
function leaves(cols: FactsColumns): [string, Kind, unknown][] {
  const out: [string, Kind, unknown][] = [];
  const visit = (path: string, v: unknown): void => {
    if (path === "n") out.push([path, "n", v]);
    else if (path === "dicts") out.push([path, "dicts", v]);
    else if (path === "segments") out.push([path, "segments", v]);
    else if (path === "tagMembers") out.push([path, "memo", v]);
    else if (ArrayBuffer.isView(v)) out.push([path, "array", v]);
    else if (v instanceof Bitset) out.push([path, "bitset", v]);
    else if (v && typeof v === "object" && !Array.isArray(v))
      for (const [k, x] of Object.entries(v)) visit(path === "" ? k : `${path}.${k}`, x);
    else throw new Error(`columns-snapshot: no encoding for ${path}`);
  };
  visit("", cols);
  return out;
}

let layout: string | undefined;

/** The paths and kinds of today's FactsColumns: two builds of different code differ here. */
export function columnsLayout(): string {
  layout ??= leaves(buildColumns([], 0))
    .map(([path, kind]) => `${path}:${kind}`)
    .sort()
    .join(",");
  return layout;
}

const align8 = (n: number): number => (n + 7) & ~7;

function typeName(a: ArrayBufferView): ArrayTypeName {
  const name = a.constructor.name;
  if (!(name in ARRAY_TYPES)) throw new Error(`columns-snapshot: unsupported array type ${name}`);
  return name as ArrayTypeName;
}

/** The columns and `meta` as buffers to write one after the other (no copy of the arrays). */
export function encodeSnapshot(cols: FactsColumns, meta: SnapshotMeta): Buffer[] {
  const arrays: { entry: ArrayEntry; data: ArrayBufferView }[] = [];
  const bitsets: Record<string, number> = {};
  let dicts: Record<string, string[]> = {};
  let offset = 0;
  const add = (path: string, data: ArrayBufferView): void => {
    arrays.push({ entry: { path, type: typeName(data), offset, length: data.byteLength / bytesPer(data) }, data });
    offset = align8(offset + data.byteLength);
  };
  const segments: string[] = [];
  for (const [path, kind, v] of leaves(cols)) {
    if (kind === "array") add(path, v as ArrayBufferView);
    else if (kind === "bitset") {
      bitsets[path] = (v as Bitset).size;
      add(path, (v as Bitset).words);
    } else if (kind === "dicts")
      dicts = Object.fromEntries(Object.entries(v as FactsColumns["dicts"]).map(([k, d]) => [k, (d as Dictionary).values]));
    else if (kind === "segments") {
      for (const [id, members] of v as Map<string, Bitset>) {
        segments.push(id);
        bitsets[`segments.${segments.length - 1}`] = members.size;
        add(`segments.${segments.length - 1}`, members.words);
      }
    }
  }
  const parts: Buffer[] = [];
  let bodyCrc = 0;
  for (const { data } of arrays) {
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    // Node 20's crc32 answers 0 for empty input whatever the running value: skip empty arrays.
    if (bytes.length > 0) bodyCrc = crc32(bytes, bodyCrc);
    parts.push(bytes);
    const pad = align8(data.byteLength) - data.byteLength;
    if (pad > 0) {
      const zeros = Buffer.alloc(pad);
      bodyCrc = crc32(zeros, bodyCrc);
      parts.push(zeros);
    }
  }
  const header: Header = {
    format: SNAPSHOT_FORMAT,
    layout: columnsLayout(),
    meta,
    n: cols.n,
    dicts,
    arrays: arrays.map((a) => a.entry),
    bitsets,
    segments,
    bodyLength: offset,
    bodyCrc,
  };
  const json = Buffer.from(JSON.stringify(header), "utf8");
  const headerBytes = Buffer.alloc(align8(PREFIX + json.length) - PREFIX, 0x20);
  json.copy(headerBytes);
  const prefix = Buffer.alloc(PREFIX);
  MAGIC.copy(prefix);
  prefix.writeUInt32LE(headerBytes.length, MAGIC.length);
  prefix.writeUInt32LE(crc32(headerBytes), MAGIC.length + 4);
  return [prefix, headerBytes, ...parts];
}

function bytesPer(a: ArrayBufferView): number {
  return (a as TypedArray).BYTES_PER_ELEMENT;
}

/** The header's `meta`, without checking the body (cheap: decides whether decoding is worth it). */
export function readSnapshotMeta(buffer: Buffer): SnapshotMeta {
  return readHeader(buffer).meta;
}

function readHeader(buffer: Buffer): Header {
  if (buffer.length < PREFIX || !buffer.subarray(0, MAGIC.length).equals(MAGIC)) throw new SnapshotError("not a Flock index snapshot");
  const length = buffer.readUInt32LE(MAGIC.length);
  if (PREFIX + length > buffer.length) throw new SnapshotError("header truncated");
  const bytes = buffer.subarray(PREFIX, PREFIX + length);
  if (crc32(bytes) !== buffer.readUInt32LE(MAGIC.length + 4)) throw new SnapshotError("header checksum mismatch");
  const header = JSON.parse(bytes.toString("utf8")) as Header;
  if (header.format !== SNAPSHOT_FORMAT) throw new SnapshotError(`format ${String(header.format)}, this code reads ${SNAPSHOT_FORMAT}`);
  if (header.layout !== columnsLayout()) throw new SnapshotError("column layout differs from this code's");
  return header;
}

/**
 * The columns and meta of a snapshot; the arrays are views over `buffer` (it must not be
 * reused). Throws SnapshotError for anything but an exact snapshot of this code's layout.
 */
export function decodeSnapshot(buffer: Buffer): { columns: FactsColumns; meta: SnapshotMeta } {
  const header = readHeader(buffer);
  const start = PREFIX + buffer.readUInt32LE(MAGIC.length);
  if (buffer.length !== start + header.bodyLength)
    throw new SnapshotError(`body is ${buffer.length - start} bytes, header says ${header.bodyLength}`);
  if (crc32(buffer.subarray(start)) !== header.bodyCrc) throw new SnapshotError("body checksum mismatch");
  // Views need the body 8-byte aligned in memory; copy once if the buffer is not.
  const body = (buffer.byteOffset + start) % 8 === 0 ? buffer.subarray(start) : Buffer.from(buffer.subarray(start));
  const root: Record<string, unknown> = { n: header.n, tagMembers: new Map(), segments: new Map() };
  const set = (path: string, value: unknown): void => {
    const keys = path.split(".");
    let node = root;
    for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1] as string] = value;
  };
  for (const entry of header.arrays) {
    const Type = ARRAY_TYPES[entry.type];
    if (!Type) throw new SnapshotError(`unknown array type at ${entry.path}`);
    const end = entry.offset + entry.length * Type.BYTES_PER_ELEMENT;
    if (entry.offset % 8 !== 0 || end > header.bodyLength) throw new SnapshotError(`array ${entry.path} lies outside the body`);
    const view = new Type(body.buffer as ArrayBuffer, body.byteOffset + entry.offset, entry.length);
    const size = header.bitsets[entry.path];
    if (size === undefined) set(entry.path, view);
    else {
      if (!(view instanceof Uint32Array) || view.length !== (size + 31) >>> 5)
        throw new SnapshotError(`bitset ${entry.path} has the wrong size`);
      const bits = new Bitset(size, view);
      if (entry.path.startsWith("segments."))
        (root.segments as Map<string, Bitset>).set(header.segments[Number(entry.path.slice(9))] ?? "", bits);
      else set(entry.path, bits);
    }
  }
  const dicts: Record<string, Dictionary> = {};
  for (const [name, values] of Object.entries(header.dicts)) dicts[name] = { values, codes: new Map(values.map((v, i) => [v, i])) };
  root.dicts = dicts;
  const columns = root as unknown as FactsColumns;
  checkShape(columns);
  return { columns, meta: header.meta };
}

/** Every per-customer array has n (or n + 1 offsets) entries, every CSR family ends where its rows do. */
function checkShape(cols: FactsColumns): void {
  const n = cols.n;
  const perCustomer: [string, ArrayLike<number>][] = [
    ["customerIds", cols.customerIds],
    ["amountSpent", cols.amountSpent],
    ["createdAt", cols.createdAt],
    ["city", cols.city],
  ];
  for (const [name, a] of perCustomer) if (a.length !== n) throw new SnapshotError(`${name} has ${a.length} entries for ${n} customers`);
  if (cols.live.size !== n) throw new SnapshotError(`live has ${cols.live.size} positions for ${n} customers`);
  const families: [string, Int32Array, ArrayLike<number>][] = [
    ["tags", cols.tags.offsets, cols.tags.tag],
    ["orders", cols.orders.offsets, cols.orders.at],
    ["checkouts", cols.checkouts.offsets, cols.checkouts.at],
    ["messages", cols.messages.offsets, cols.messages.at],
    ["purchases", cols.purchases.offsets, cols.purchases.product],
    ["purchase times", cols.purchases.timeOffsets, cols.purchases.times],
    ["purchase pool", cols.purchases.extraOffsets, cols.purchases.extraTime],
  ];
  for (const [name, offsets, rows] of families) {
    if (offsets.length !== n + 1 || offsets[n] !== rows.length) throw new SnapshotError(`${name} offsets do not match their rows`);
  }
}
