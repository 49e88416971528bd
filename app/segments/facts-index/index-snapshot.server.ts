/**
 * Snapshots of shop indexes on disk, so that a fresh process answers a large shop's first
 * count in seconds (reading ~100 MB) instead of rebuilding the columns from the database
 * (~40 s at a million customers). Chosen over a database blob table (PostgreSQL would send
 * the whole blob through the wire protocol on every cold start, and the bytes would need a
 * copy to become aligned arrays) and over a faster build (the build is bound by reading ~8M
 * line items; no plan gets that under 3 s on two cores). A snapshot is a cache: the database
 * stays the truth, and a snapshot is trusted only when all of these hold, otherwise it is
 * deleted and the index rebuilt:
 * - it decodes (format version, column layout, checksums: columns-snapshot.ts);
 * - it is of this database (the file name hashes the database URL) and this shop;
 * - its watermark is not ahead of the database's (a restored or replaced database);
 * - its catalog stamp is the catalog's (collection rules read the catalog as of the build);
 * - the shop is installed, and no customer was redacted since it was written (the count of
 *   redacted customers is part of the snapshot), so a redacted person's facts never outlive
 *   the redaction in a snapshot: the next load deletes it, and the catch-up of any process
 *   that sees a new redaction deletes it at once (facts-index.server.ts). shop/redact deletes
 *   the shop's snapshots (app/privacy/erase-shop.server.ts).
 * A loaded snapshot is then caught up by the existing watermark like any cached index.
 * Snapshots are written after every full build from the database (first use, an import or
 * resync, a catalog change, a catch-up large enough to rebuild), by write-then-rename.
 */
import { createHash, randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { basename, join } from "node:path";
import type { Db } from "~/db/db.server";
import { forShop } from "~/db/shop-scope.server";
import { REDACTED_UPDATED_AT } from "~/privacy/redact-customer.server";
import type { FactsColumns } from "../engine/columns";
import { decodeSnapshot, encodeSnapshot, readSnapshotMeta, SnapshotError } from "./columns-snapshot";

export interface SnapshotWatermark {
  factsVersion: bigint;
  customersAt: Date;
  messageId: number;
}

/** Whether a shop's data may be kept in a snapshot, and how many of its customers are redacted. */
export interface PrivacyStamp {
  installed: boolean;
  redacted: number;
}

/** What a build knew when it read the database: all of it is checked again on load. */
export interface SnapshotState {
  watermark: SnapshotWatermark;
  catalogStamp: string;
  privacy: PrivacyStamp;
}

export interface SnapshotContents {
  columns: FactsColumns;
  watermark: SnapshotWatermark;
  withOrders: boolean;
  overlapApplied: Map<number, number>;
}

interface Meta {
  shop: string;
  withOrders: boolean;
  factsVersion: string;
  customersAt: number;
  messageId: number;
  catalogStamp: string;
  redacted: number;
  overlap: [number, number][];
}

/** A temporary this old is no write in progress (see removeAbandoned). */
const ABANDONED_MS = 10 * 60_000;

const digest = (s: string): string => createHash("sha256").update(s).digest("hex").slice(0, 20);

/** One directory of snapshots for one database (`source`, its URL). */
export class IndexSnapshots {
  constructor(
    readonly dir: string,
    private readonly source: string,
  ) {}

  private file(shop: string): string {
    return join(this.dir, `${digest(shop)}-${digest(this.source)}.snapshot`);
  }

  read(shop: string): Buffer | undefined {
    try {
      return readFileSync(this.file(shop));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }

  /** Writes to a temporary name, then renames: a reader sees the old file or the whole new one. */
  write(shop: string, parts: readonly Buffer[]): void {
    mkdirSync(this.dir, { recursive: true });
    const target = this.file(shop);
    this.removeAbandoned(target);
    const temporary = `${target}.${process.pid}-${randomBytes(4).toString("hex")}.tmp`;
    const fd = openSync(temporary, "w");
    try {
      for (const part of parts) for (let done = 0; done < part.length;) done += writeSync(fd, part, done);
    } catch (error) {
      closeSync(fd);
      rmSync(temporary, { force: true });
      throw error;
    }
    closeSync(fd);
    renameSync(temporary, target);
  }

  /**
   * Deletes temporaries of `target` that a process killed mid-write left behind (a 1M-customer
   * index is about 150 MB each). Only those untouched for ABANDONED_MS: another process may be
   * writing its own right now, and a write takes seconds. File times are the file system's clock.
   */
  private removeAbandoned(target: string): void {
    const prefix = `${basename(target)}.`;
    for (const name of readdirSync(this.dir)) {
      if (!name.startsWith(prefix) || !name.endsWith(".tmp")) continue;
      const path = join(this.dir, name);
      try {
        if (Date.now() - statSync(path).mtimeMs > ABANDONED_MS) rmSync(path, { force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
  }

  /** Deletes this database's snapshot of the shop. */
  discard(shop: string): void {
    rmSync(this.file(shop), { force: true });
  }

  /** Deletes every snapshot of the shop, whatever database it came from. */
  removeShop(shop: string): void {
    removeShopSnapshots(this.dir, shop);
  }
}

/** Deletes every snapshot of `shop` under `dir` (shop/redact, a redaction). */
export function removeShopSnapshots(dir: string, shop: string): void {
  const prefix = `${digest(shop)}-`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  for (const name of names) if (name.startsWith(prefix)) rmSync(join(dir, name), { force: true });
}

export async function privacyStamp(db: Db, shop: string): Promise<PrivacyStamp> {
  const row = await db.shop.findUnique({ where: { shop }, select: { uninstalledAt: true } });
  // Redaction sets shopifyUpdatedAt to REDACTED_UPDATED_AT, which the (shop, shopifyUpdatedAt) index finds at once.
  const redacted = await forShop(db, shop).customer.count({ where: { shopifyUpdatedAt: { gte: REDACTED_UPDATED_AT } } });
  return { installed: row !== null && row.uninstalledAt === null, redacted };
}

/** Whether a customer update time is a redaction's (see REDACTED_UPDATED_AT). */
export function isRedactionStamp(at: Date): boolean {
  return at.getTime() >= REDACTED_UPDATED_AT.getTime();
}

function metaOf(raw: Record<string, unknown>): Meta {
  const m = raw as unknown as Meta;
  const ok =
    typeof m.shop === "string" &&
    typeof m.withOrders === "boolean" &&
    typeof m.factsVersion === "string" &&
    /^\d+$/.test(m.factsVersion) &&
    typeof m.customersAt === "number" &&
    typeof m.messageId === "number" &&
    typeof m.catalogStamp === "string" &&
    typeof m.redacted === "number" &&
    Array.isArray(m.overlap);
  if (!ok) throw new SnapshotError("meta is incomplete");
  return m;
}

/**
 * The shop's snapshot if it can be trusted now (`current`: read from the database just before),
 * else undefined; an untrustworthy snapshot is deleted. A snapshot without per-order rows is
 * kept (not deleted) when the request needs them.
 */
export function loadSnapshot(
  store: IndexSnapshots,
  shop: string,
  withOrders: boolean,
  current: SnapshotState,
): SnapshotContents | undefined {
  const buffer = store.read(shop);
  if (!buffer) return undefined;
  try {
    const meta = metaOf(readSnapshotMeta(buffer));
    if (!current.privacy.installed || meta.redacted !== current.privacy.redacted) {
      store.removeShop(shop);
      return undefined;
    }
    if (withOrders && !meta.withOrders) return undefined;
    const ahead =
      BigInt(meta.factsVersion) > current.watermark.factsVersion ||
      meta.messageId > current.watermark.messageId ||
      meta.customersAt > current.watermark.customersAt.getTime();
    if (meta.shop !== shop || ahead || meta.catalogStamp !== current.catalogStamp) throw new SnapshotError("stale or of another store");
    const { columns } = decodeSnapshot(buffer);
    return {
      columns,
      withOrders: meta.withOrders,
      watermark: { factsVersion: BigInt(meta.factsVersion), customersAt: new Date(meta.customersAt), messageId: meta.messageId },
      overlapApplied: new Map(meta.overlap),
    };
  } catch (error) {
    if (!(error instanceof SnapshotError) && !(error instanceof SyntaxError)) throw error;
    store.discard(shop);
    return undefined;
  }
}

/**
 * Writes the snapshot of a build that read the database in state `state`, then checks the
 * shop's privacy stamp again: a redaction or uninstall that committed while the build ran
 * deletes what was just written (the redaction's own check may have run before the write).
 */
export async function saveSnapshot(
  db: Db,
  store: IndexSnapshots,
  shop: string,
  state: SnapshotState,
  contents: Omit<SnapshotContents, "watermark">,
): Promise<void> {
  if (!state.privacy.installed) return;
  const meta: Meta = {
    shop,
    withOrders: contents.withOrders,
    factsVersion: state.watermark.factsVersion.toString(),
    customersAt: state.watermark.customersAt.getTime(),
    messageId: state.watermark.messageId,
    catalogStamp: state.catalogStamp,
    redacted: state.privacy.redacted,
    overlap: [...contents.overlapApplied],
  };
  store.write(shop, encodeSnapshot(contents.columns, meta as unknown as Record<string, unknown>));
  const after = await privacyStamp(db, shop);
  if (!after.installed || after.redacted !== state.privacy.redacted) store.removeShop(shop);
}
