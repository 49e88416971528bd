/**
 * The per-process cache of shop indexes: built lazily from the database, caught
 * up by watermark (CustomerFacts.version, Customer.shopifyUpdatedAt, MessageEvent
 * ids), evicted least-recently-used across shops above a byte cap. Losing it
 * loses nothing: the database is the truth and the next call rebuilds.
 */
import { db as appDb, type Db } from "~/db/db.server";
import { dbDialect } from "~/db/dialect.server";
import { dialectSql, sqliteParam } from "~/db/sql-runner.server";
import { env } from "~/env.server";
import { forShop } from "~/db/shop-scope.server";
import { REDACTED_UPDATED_AT } from "~/privacy/redact-customer.server";
import { ColumnsBuilder } from "../engine/columns-builder";
import { mergePurchaseLines, type CustomerRecord, type PurchaseLineFact } from "../engine/facts";
import { bulkLoadFacts } from "./facts-bulk-load.server";
import { catalogStamp, catchUpProbe, loadFacts, loadShopInfo, type FactsSink, type ShopInfo } from "./facts-loader.server";
import { rereadFacts } from "./facts-reread.server";
import { IndexSnapshots, isRedactionStamp, loadSnapshot, privacyStamp, saveSnapshot, type SnapshotState } from "./index-snapshot.server";
import { ShopIndex } from "../engine/shop-index";

/** Bytes the cache may hold across shops before evicting (the budget is ≤ 200 MB per million customers). */
export const DEFAULT_CACHE_BYTES = 1_500_000_000;
/** Customer rows re-read on each catch-up overlap by this much, for updates committed out of order. */
const CUSTOMER_OVERLAP_MS = 10 * 60_000;

interface Entry {
  index: ShopIndex;
  info: ShopInfo;
  withOrders: boolean;
  /** Products and collections as of the build; a change rebuilds (collection rules read "in the collection now"). */
  catalogStamp: string;
  /**
   * Customers inside the overlap window already in the index, with the update time applied.
   * The window is re-read on every catch-up (late commits can carry older timestamps), but only
   * customers whose update time differs from what was applied are loaded again.
   */
  overlapApplied: Map<number, number>;
}

export interface IndexRequest {
  /** Load per-order rows (only `orders_placed` needs them). */
  withOrders?: boolean;
}

export interface CacheOptions {
  /** The database URL, for full builds through the driver (much faster than Prisma); Prisma when absent. */
  url?: string;
  maxBytes?: number;
  /** Where full builds are saved and fresh processes load them from (index-snapshot.server.ts). */
  snapshots?: IndexSnapshots;
}

export class FactsIndexCache {
  private readonly entries = new Map<string, Entry>();
  private readonly building = new Map<string, Promise<Built>>();

  constructor(
    private readonly db: Db,
    private readonly options: CacheOptions = {},
  ) {}

  /** The shop's index, built if missing and caught up with the database. */
  async get(shop: string, request: IndexRequest = {}): Promise<ShopIndex> {
    return (await this.getFresh(shop, request)).index;
  }

  /** As `get`, and which customers that read from the database ("all" after a build). */
  private async getFresh(shop: string, request: IndexRequest): Promise<{ index: ShopIndex; read: ReadonlySet<number> | "all" }> {
    let entry = this.entries.get(shop);
    if (entry && request.withOrders && !entry.withOrders) entry = undefined;
    let read: ReadonlySet<number> | "all" = "all";
    if (!entry) {
      const built = await this.build(shop, request.withOrders === true);
      entry = built.entry;
      // A snapshot is as of its writing: catch it up like a cached index.
      if (built.fromSnapshot) read = await this.catchUp(shop, entry);
    } else read = await this.catchUp(shop, entry);
    // Map order is recency order: re-insert on use.
    this.entries.delete(shop);
    this.entries.set(shop, entry);
    this.evict(shop);
    return { index: entry.index, read };
  }

  /** The index if it is in memory, without touching the database. */
  peek(shop: string): ShopIndex | undefined {
    return this.entries.get(shop)?.index;
  }

  drop(shop: string): void {
    this.entries.delete(shop);
  }

  bytes(): number {
    let total = 0;
    for (const e of this.entries.values()) total += e.index.bytes();
    return total;
  }

  /**
   * Re-reads the given customers now (after their facts changed), except those the catch-up
   * has just read, and returns the positions of those it re-read.
   */
  async refreshCustomers(shop: string, customerIds: readonly number[], request: IndexRequest = {}): Promise<number[]> {
    const { index, read } = await this.getFresh(shop, request);
    const entry = this.entries.get(shop);
    if (!entry || read === "all") return [];
    const stale = customerIds.filter((id) => !read.has(id));
    return stale.length === 0 ? [] : applyCustomers(this.db, shop, entry, stale, index);
  }

  private build(shop: string, withOrders: boolean): Promise<Built> {
    const pending = this.building.get(shop);
    if (pending) return pending;
    const promise = buildEntry(this.db, this.options, shop, withOrders, true).finally(() => this.building.delete(shop));
    this.building.set(shop, promise);
    return promise;
  }

  /** Folds in what changed since the watermark; returns the customers it re-read ("all" after a rebuild). */
  private async catchUp(shop: string, entry: Entry): Promise<ReadonlySet<number> | "all"> {
    const wm = entry.index.watermark;
    const probe = await catchUpProbe(this.db, shop, wm);
    if (probe.catalogStamp !== entry.catalogStamp) {
      Object.assign(entry, (await buildEntry(this.db, this.options, shop, entry.withOrders, false)).entry);
      return "all";
    }
    const facts = probe.factsChanged
      ? await forShop(this.db, shop).customerFacts.findMany({
          where: { version: { gt: wm.factsVersion } },
          select: { customerId: true, version: true },
        })
      : [];
    const since = new Date(wm.customersAt.getTime() - CUSTOMER_OVERLAP_MS);
    const applied = entry.overlapApplied;
    // Only customers whose update time differs from the one applied (20,000 rows per request
    // in the 1M bench store, so no object per unchanged row).
    const customers: { id: number; shopifyUpdatedAt: Date }[] = [];
    for (const group of await overlapWindow(this.db, shop, since)) {
      const at = group.at.getTime();
      for (const id of group.ids) if (applied.get(id) !== at) customers.push({ id, shopifyUpdatedAt: group.at });
    }
    // A customer redacted since this index was built: no snapshot may keep their facts.
    if (this.options.snapshots && customers.some((c) => isRedactionStamp(c.shopifyUpdatedAt))) this.options.snapshots.removeShop(shop);
    const messages = probe.messagesChanged
      ? await forShop(this.db, shop).messageEvent.findMany({
          where: { id: { gt: wm.messageId }, customerId: { not: null } },
          select: { id: true, customerId: true },
        })
      : [];
    const changed = new Set<number>();
    for (const f of facts) changed.add(f.customerId);
    for (const c of customers) changed.add(c.id);
    for (const m of messages) if (m.customerId !== null) changed.add(m.customerId);
    // A whole-shop recompute (a resync) is cheaper to rebuild than to patch.
    if (changed.size > Math.max(10_000, entry.index.size * 0.05)) {
      Object.assign(entry, (await buildEntry(this.db, this.options, shop, entry.withOrders, false)).entry);
      return "all";
    }
    for (const f of facts) if (f.version > wm.factsVersion) wm.factsVersion = f.version;
    // A redaction's far-future stamp only marks the customer as changed: taken as the watermark it
    // would move the window past every later customer update, and they would never be read.
    for (const c of customers)
      if (c.shopifyUpdatedAt > wm.customersAt && !isRedactionStamp(c.shopifyUpdatedAt)) wm.customersAt = c.shopifyUpdatedAt;
    for (const c of customers) applied.set(c.id, c.shopifyUpdatedAt.getTime());
    // Forget what has left the window.
    const horizon = wm.customersAt.getTime() - CUSTOMER_OVERLAP_MS;
    for (const [id, at] of applied) if (at <= horizon) applied.delete(id);
    for (const m of messages) if (m.id > wm.messageId) wm.messageId = m.id;
    if (changed.size > 0) await applyCustomers(this.db, shop, entry, [...changed], entry.index);
    return changed;
  }

  private evict(keep: string): void {
    let total = this.bytes();
    for (const [shop, entry] of this.entries) {
      if (total <= (this.options.maxBytes ?? DEFAULT_CACHE_BYTES)) return;
      if (shop === keep) continue;
      total -= entry.index.bytes();
      this.entries.delete(shop);
    }
  }
}

/** Each segment's membersVersion (see the schema): bumped by every write of its members. */
async function membersVersions(db: Db, shop: string): Promise<Map<string, number>> {
  const rows = await forShop(db, shop).segment.findMany({ where: { deletedAt: null }, select: { id: true, membersVersion: true } });
  return new Map(rows.map((r) => [r.id, r.membersVersion]));
}

/**
 * Whether the index holds every segment's members as the database stores them now: then a
 * re-read customer's memberships are already known (the index's), and reading them (about ten
 * rows per customer, each a table look-up) is skipped.
 */
async function membershipsCurrent(db: Db, shop: string, index: ShopIndex): Promise<boolean> {
  for (const [segmentId, version] of await membersVersions(db, shop)) if (index.storedVersion(segmentId) !== version) return false;
  return true;
}

/**
 * The newest facts version, customer update and message event of the shop, in one statement of
 * plain MAX() subqueries that each index answers with one seek. Prisma's `aggregate` wraps MAX in
 * a subquery that SQLite cannot answer from the index: it walked every customer and every facts
 * row of the shop (~300 ms at 1M customers, most of a fresh process's first count).
 */
async function readWatermark(db: Db, shop: string): Promise<ShopIndex["watermark"]> {
  const dialect = dbDialect(db);
  const sql = `SELECT
      (SELECT MAX("version") FROM "CustomerFacts" WHERE "shop" = ?) AS "factsVersion",
      (SELECT MAX("shopifyUpdatedAt") FROM "Customer" WHERE "shop" = ? AND "shopifyUpdatedAt" < ?) AS "customersAt",
      (SELECT MAX("id") FROM "MessageEvent" WHERE "shop" = ?) AS "messageId"`;
  // Redacted customers excluded: their stamp is far in the future (see catchUp).
  const [row] = await db.$queryRawUnsafe<{ factsVersion: unknown; customersAt: Date | string | null; messageId: unknown }[]>(
    dialectSql(dialect, sql),
    shop,
    shop,
    dialect === "postgres" ? REDACTED_UPDATED_AT : sqliteParam(REDACTED_UPDATED_AT),
    shop,
  );
  const at = row?.customersAt ?? null;
  return {
    factsVersion: BigInt((row?.factsVersion as number | bigint | string | null) ?? 0),
    customersAt: at === null ? new Date(0) : at instanceof Date ? at : new Date(at),
    messageId: Number(row?.messageId ?? 0),
  };
}

interface Built {
  entry: Entry;
  /** Loaded from a snapshot (to be caught up), not read from the database now. */
  fromSnapshot: boolean;
}

/** The shop's entry: from its snapshot when `trySnapshot` and one can be trusted, else built (and saved). */
async function buildEntry(db: Db, options: CacheOptions, shop: string, withOrders: boolean, trySnapshot: boolean): Promise<Built> {
  const snapshots = options.snapshots;
  // Read before anything else: a redaction committing during the build deletes what it saves.
  const privacy = snapshots ? await privacyStamp(db, shop) : undefined;
  // The watermark is read first: anything changing during the build is re-read at the next catch-up.
  const watermark = await readWatermark(db, shop);
  const stamp = await catalogStamp(db, shop);
  const info = await loadShopInfo(db, shop);
  const state: SnapshotState | undefined = privacy && { watermark: { ...watermark }, catalogStamp: stamp, privacy };
  const loaded = snapshots && state && trySnapshot ? loadSnapshot(snapshots, shop, withOrders, state) : undefined;
  if (loaded) {
    const index = new ShopIndex(loaded.columns, info.catalog, loaded.watermark);
    return {
      entry: { index, info, withOrders: loaded.withOrders, catalogStamp: stamp, overlapApplied: loaded.overlapApplied },
      fromSnapshot: true,
    };
  }
  // Rows already committed in the overlap window are read by this build: remember them as applied.
  const overlapApplied = new Map<number, number>();
  for (const group of await overlapWindow(db, shop, new Date(watermark.customersAt.getTime() - CUSTOMER_OVERLAP_MS)))
    for (const id of group.ids) overlapApplied.set(id, group.at.getTime());
  const builder = new ColumnsBuilder(info.catalog.products.length);
  const sink: FactsSink = {
    customer: (c, tags, deleted) => {
      const p = builder.addCustomer(c);
      for (const t of tags) builder.addTag(p, t);
      if (deleted) builder.markDeleted(p);
      return p;
    },
    purchaseLine: (p, r) => builder.addPurchaseLine(p, r),
    order: (p, r) => builder.addOrder(p, r),
    checkout: (p, r) => builder.addCheckout(p, r),
    message: (p, r) => builder.addMessage(p, r),
    membership: (p, id) => builder.addMembership(p, id),
  };
  const versionsBefore = await membersVersions(db, shop);
  if (options.url) await bulkLoadFacts(options.url, shop, info, sink, withOrders);
  else await loadFacts(db, shop, info, sink, { withOrders });
  const versionsAfter = await membersVersions(db, shop);
  const columns = builder.finish();
  if (snapshots && state) await saveSnapshot(db, snapshots, shop, state, { columns, withOrders, overlapApplied });
  const index = new ShopIndex(columns, info.catalog, watermark);
  // Every membership write bumps its segment's version in the same transaction: a version the
  // same before and after the load means the members read are exactly the database's at that
  // version, so the first refresh diffs against them instead of reading every member back.
  for (const [segmentId, version] of versionsBefore) if (versionsAfter.get(segmentId) === version) index.markStored(segmentId, version);
  return { entry: { index, info, withOrders, catalogStamp: stamp, overlapApplied }, fromSnapshot: false };
}

/**
 * Customers updated after `since` (the catch-up's overlap window), ids by update time.
 * Read as one row per distinct update time with its ids joined, because every catch-up (every
 * editor request) reads the whole window: many customers share an instant after a bulk edit
 * or an import (20,000 in the 1M bench store), and through the model API each of them was a
 * row object (~50 ms of a request at 1M); grouped, they are one row.
 */
async function overlapWindow(db: Db, shop: string, since: Date): Promise<{ at: Date; ids: number[] }[]> {
  const pg = dbDialect(db) === "postgres";
  const ids = pg ? `string_agg("id"::text, ',')` : `group_concat("id")`;
  const rows = await db.$queryRawUnsafe<{ at: Date | string; ids: string }[]>(
    `SELECT "shopifyUpdatedAt" AS "at", ${ids} AS "ids" FROM "Customer" WHERE "shop" = ${pg ? "$1" : "?"} AND "shopifyUpdatedAt" > ${pg ? "$2" : "?"} GROUP BY "shopifyUpdatedAt"`,
    shop,
    since,
  );
  return rows.map((row) => ({ at: row.at instanceof Date ? row.at : new Date(row.at), ids: idList(String(row.ids)) }));
}

/** "12,7,30" → [12, 7, 30], without a string per id. */
function idList(text: string): number[] {
  const out: number[] = [];
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) {
      out.push(n);
      n = 0;
    } else n = n * 10 + (c - 48);
  }
  if (text.length > 0) out.push(n);
  return out;
}

/** Reads whole records for some customers and folds them into the index. */
export async function loadRecords(
  db: Db,
  shop: string,
  info: ShopInfo,
  customerIds: readonly number[],
  withOrders: boolean,
  withMemberships = true,
): Promise<{ records: CustomerRecord[]; deleted: Set<number> }> {
  const records: CustomerRecord[] = [];
  const lines: PurchaseLineFact[][] = [];
  const deleted = new Set<number>();
  const sink: FactsSink = {
    customer: (c, tags, isDeleted) => {
      if (isDeleted) deleted.add(c.id);
      records.push({ ...c, tags, purchases: [], orders: [], checkouts: [], messages: [], segmentIds: [] });
      lines.push([]);
      return records.length - 1;
    },
    purchaseLine: (p, r) => lines[p]?.push(r),
    order: (p, r) => (records[p]?.orders as CustomerRecord["orders"][number][]).push(r),
    checkout: (p, r) => (records[p]?.checkouts as CustomerRecord["checkouts"][number][]).push(r),
    message: (p, r) => (records[p]?.messages as CustomerRecord["messages"][number][]).push(r),
    membership: (p, id) => (records[p]?.segmentIds as string[] | undefined)?.push(id),
  };
  await rereadFacts(db, shop, info, sink, customerIds, withOrders, withMemberships);
  records.forEach((r, p) => (r.purchases = mergePurchaseLines(lines[p] ?? [])));
  return { records, deleted };
}

async function applyCustomers(db: Db, shop: string, entry: Entry, customerIds: readonly number[], index: ShopIndex): Promise<number[]> {
  // Memberships are re-read unless every segment's members here are the database's (same version).
  const withMemberships = !(await membershipsCurrent(db, shop, index));
  const { records, deleted } = await loadRecords(db, shop, entry.info, customerIds, entry.withOrders, withMemberships);
  const found = new Set(records.map((r) => r.id));
  const positions: number[] = [];
  for (const r of records) {
    const position = index.applyRecord(r);
    // The stored memberships come with the facts: the refresh diffs against them, not the database.
    if (withMemberships) index.setSegmentsOf(position, r.segmentIds);
    if (deleted.has(r.id)) index.removeCustomer(r.id);
    positions.push(position);
  }
  // Customers gone from the database (hard-deleted) leave the index too.
  for (const id of customerIds) {
    if (found.has(id)) continue;
    const position = index.positionOf(id);
    index.removeCustomer(id);
    if (position !== undefined) positions.push(position);
  }
  return positions;
}

declare global {
  var __flockFactsIndex: FactsIndexCache | undefined;
}

/**
 * The process's index cache over the app database (kept on globalThis, like `db()`, so dev
 * reloads do not build a second one). Web and worker processes each hold their own.
 */
export function factsIndexCache(): FactsIndexCache {
  const { DATABASE_URL: url, FLOCK_INDEX_SNAPSHOT_DIR: dir } = env();
  globalThis.__flockFactsIndex ??= new FactsIndexCache(appDb(), { url, snapshots: dir ? new IndexSnapshots(dir, url) : undefined });
  return globalThis.__flockFactsIndex;
}
