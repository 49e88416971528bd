/**
 * Segments and their materialised memberships in the database. Every change of
 * membership is written with an ENTERED or EXITED event in the same transaction,
 * so automations and campaigns can react to exactly what changed.
 */
import type { Db, DbTx } from "~/db/db.server";
import { forShop } from "~/db/shop-scope.server";
import { sqliteParam, toPgPlaceholders, type Dialect } from "~/db/sql-runner.server";
import { dbDialect } from "~/db/dialect.server";

export type SegmentKind = "DYNAMIC" | "STATIC";

export interface SegmentRow {
  id: string;
  shop: string;
  name: string;
  kind: SegmentKind;
  query: string | null;
  memberCount: number;
  /** Bumped by every membership write (see the schema). */
  membersVersion: number;
  evaluatedAt: Date | null;
  /** Set while a new definition's members are not all stored yet ("Evaluating…"). */
  evaluatingSince: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const SEGMENT_SELECT = {
  id: true,
  shop: true,
  name: true,
  kind: true,
  query: true,
  memberCount: true,
  membersVersion: true,
  evaluatedAt: true,
  evaluatingSince: true,
  createdAt: true,
  updatedAt: true,
} as const;
/** Ids per statement and rows per INSERT: far below SQLite's bound-parameter limit at 4 columns a row. */
const ID_CHUNK = 500;
const ROW_CHUNK = 200;

export async function insertSegment(
  db: Db,
  shop: string,
  data: { id?: string; name: string; kind: SegmentKind; query: string | null; evaluatingSince?: Date },
): Promise<SegmentRow> {
  return forShop(db, shop).segment.create({ data: { shop, ...data }, select: SEGMENT_SELECT });
}

export async function updateSegmentDefinition(
  db: Db,
  shop: string,
  id: string,
  data: { name: string; query: string | null; evaluatingSince?: Date },
): Promise<SegmentRow | null> {
  const scoped = forShop(db, shop);
  const found = await scoped.segment.findFirst({ where: { id, deletedAt: null }, select: { id: true } });
  if (!found) return null;
  return scoped.segment.update({ where: { id }, data, select: SEGMENT_SELECT });
}

export async function findSegment(db: Db, shop: string, id: string): Promise<SegmentRow | null> {
  return forShop(db, shop).segment.findFirst({ where: { id, deletedAt: null }, select: SEGMENT_SELECT });
}

export async function listSegments(db: Db, shop: string, kind?: SegmentKind): Promise<SegmentRow[]> {
  return forShop(db, shop).segment.findMany({
    where: { deletedAt: null, ...(kind ? { kind } : {}) },
    select: SEGMENT_SELECT,
    orderBy: { createdAt: "asc" },
  });
}

export async function softDeleteSegment(db: Db, shop: string, id: string, at: Date): Promise<void> {
  await forShop(db, shop).segment.updateMany({ where: { id }, data: { deletedAt: at } });
}

export async function memberIds(db: Db, shop: string, segmentId: string): Promise<number[]> {
  const rows = await forShop(db, shop).segmentMembership.findMany({ where: { segmentId }, select: { customerId: true } });
  return rows.map((r) => r.customerId);
}

/** Of `customerIds`, those currently in the segment. */
export async function membersAmong(db: Db, shop: string, segmentId: string, customerIds: readonly number[]): Promise<Set<number>> {
  const found = new Set<number>();
  // By the primary key (segment, customer) and checked against the shop here: with `shop = ?`
  // in the query a planner without statistics scans the shop's memberships instead.
  for (let i = 0; i < customerIds.length; i += ID_CHUNK) {
    const rows = await db.segmentMembership.findMany({
      where: { segmentId, customerId: { in: customerIds.slice(i, i + ID_CHUNK) } },
      select: { customerId: true, shop: true },
    });
    for (const r of rows) if (r.shop === shop) found.add(r.customerId);
  }
  return found;
}

export interface MembershipDiff {
  entered: readonly number[];
  exited: readonly number[];
}

/** What a membership write changed, and the segment's membersVersion it left (null: segment gone). */
export interface MembershipWrite extends MembershipDiff {
  membersVersion: number | null;
}

/** Moves the count and bumps membersVersion in the write's transaction; returns the new version. */
async function bumpSegment(
  tx: DbTx,
  dialect: Dialect,
  shop: string,
  segmentId: string,
  count: { set: number } | { add: number },
  at: Date,
): Promise<number | null> {
  const value = "set" in count ? "?" : `"memberCount" + ?`;
  const sql = `UPDATE "Segment" SET "memberCount" = ${value}, "evaluatedAt" = ${dialect === "postgres" ? "CAST(? AS timestamp(3))" : "?"}, "membersVersion" = "membersVersion" + 1, "updatedAt" = ${dialect === "postgres" ? "CAST(? AS timestamp(3))" : "?"}
    WHERE "id" = ? AND "shop" = ? RETURNING "membersVersion"`;
  const rows = await tx.$queryRawUnsafe<{ membersVersion: number | bigint }[]>(
    pgOrSqlite(dialect, sql),
    "set" in count ? count.set : count.add,
    timestampParam(dialect, at),
    timestampParam(dialect, new Date()),
    segmentId,
    shop,
  );
  return rows[0] === undefined ? null : Number(rows[0].membersVersion);
}

const pgOrSqlite = (dialect: Dialect, sql: string) => (dialect === "postgres" ? toPgPlaceholders(sql) : sql);
const timestampParam = (dialect: Dialect, at: Date) => (dialect === "sqlite" ? sqliteParam(at) : at.toISOString());

/** Inserts the memberships that are missing and returns who actually entered. */
async function insertMissing(
  tx: DbTx,
  dialect: Dialect,
  shop: string,
  segmentId: string,
  ids: readonly number[],
  at: Date,
): Promise<number[]> {
  const ts = dialect === "postgres" ? "CAST(? AS timestamp(3))" : "?";
  const sql = `INSERT INTO "SegmentMembership" ("segmentId", "customerId", "shop", "enteredAt") VALUES ${ids.map(() => `(?, ?, ?, ${ts})`).join(", ")} ON CONFLICT ("segmentId", "customerId") DO NOTHING RETURNING "customerId"`;
  const rows = await tx.$queryRawUnsafe<{ customerId: number }[]>(
    pgOrSqlite(dialect, sql),
    ...ids.flatMap((id) => [segmentId, id, shop, timestampParam(dialect, at)]),
  );
  return rows.map((r) => Number(r.customerId));
}

/** Deletes the memberships that exist and returns who actually exited. */
async function deleteExisting(tx: DbTx, dialect: Dialect, shop: string, segmentId: string, ids: readonly number[]): Promise<number[]> {
  // SQLite's unary + keeps the planner on the primary key rather than the shop index.
  const sql = `DELETE FROM "SegmentMembership" WHERE ${dialect === "sqlite" ? "+" : ""}"shop" = ? AND "segmentId" = ? AND "customerId" IN (${ids.map(() => "?").join(", ")}) RETURNING "customerId"`;
  const rows = await tx.$queryRawUnsafe<{ customerId: number }[]>(pgOrSqlite(dialect, sql), shop, segmentId, ...ids);
  return rows.map((r) => Number(r.customerId));
}

/**
 * Applies a diff with its events, then stores the count and evaluation time. A full evaluation
 * passes the query it evaluated: the "evaluating" mark is cleared in the same transaction,
 * unless a newer definition was saved meanwhile. Idempotent under
 * any interleaving: a membership already there is not inserted again (no unique-constraint
 * failure when two refreshes or a retried one meet), one already gone is not deleted again, and
 * only the rows that actually changed get an ENTERED or EXITED event.
 */
export async function applyMembershipDiff(
  db: Db,
  shop: string,
  segmentId: string,
  diff: MembershipDiff,
  at: Date,
  memberCount?: number,
  evaluatedQuery?: string,
): Promise<MembershipWrite> {
  const dialect = dbDialect(db);
  const changed = { entered: [] as number[], exited: [] as number[], membersVersion: null as number | null };
  // Raw statements carry the shop themselves; the Prisma calls run on the shop-scoped client.
  await forShop(db, shop).$transaction(
    async (scoped) => {
      for (let i = 0; i < diff.exited.length; i += ID_CHUNK)
        changed.exited.push(...(await deleteExisting(scoped, dialect, shop, segmentId, diff.exited.slice(i, i + ID_CHUNK))));
      for (let i = 0; i < diff.entered.length; i += ROW_CHUNK)
        changed.entered.push(...(await insertMissing(scoped, dialect, shop, segmentId, diff.entered.slice(i, i + ROW_CHUNK), at)));
      const events = [
        ...changed.entered.map((customerId) => ({ shop, segmentId, customerId, change: "ENTERED" as const, at })),
        ...changed.exited.map((customerId) => ({ shop, segmentId, customerId, change: "EXITED" as const, at })),
      ];
      for (let i = 0; i < events.length; i += ROW_CHUNK)
        await scoped.segmentMembershipEvent.createMany({ data: events.slice(i, i + ROW_CHUNK) });
      const count = memberCount ?? (await scoped.segmentMembership.count({ where: { segmentId } }));
      changed.membersVersion = await bumpSegment(scoped, dialect, shop, segmentId, { set: count }, at);
      if (evaluatedQuery !== undefined)
        await scoped.segment.updateMany({ where: { id: segmentId, query: evaluatedQuery }, data: { evaluatingSince: null } });
    },
    { timeout: 120_000 },
  );
  return changed;
}

/**
 * Several segments' diffs for the same customers in one transaction (an incremental refresh):
 * as applyMembershipDiff, with each count moved by what actually changed instead of recounted.
 * Returns what actually changed per segment (segments without a change are not written).
 */
export async function applyMembershipDiffs(
  db: Db,
  shop: string,
  diffs: ReadonlyMap<string, MembershipDiff>,
  at: Date,
): Promise<Map<string, MembershipWrite>> {
  const dialect = dbDialect(db);
  const changed = new Map<string, MembershipWrite>();
  const pending = [...diffs].filter(([, d]) => d.entered.length + d.exited.length > 0);
  if (pending.length === 0) return changed;
  await forShop(db, shop).$transaction(
    async (scoped) => {
      const events: { shop: string; segmentId: string; customerId: number; change: "ENTERED" | "EXITED"; at: Date }[] = [];
      for (const [segmentId, diff] of pending) {
        const exited: number[] = [];
        const entered: number[] = [];
        for (let i = 0; i < diff.exited.length; i += ID_CHUNK)
          exited.push(...(await deleteExisting(scoped, dialect, shop, segmentId, diff.exited.slice(i, i + ID_CHUNK))));
        for (let i = 0; i < diff.entered.length; i += ROW_CHUNK)
          entered.push(...(await insertMissing(scoped, dialect, shop, segmentId, diff.entered.slice(i, i + ROW_CHUNK), at)));
        const membersVersion = await bumpSegment(scoped, dialect, shop, segmentId, { add: entered.length - exited.length }, at);
        changed.set(segmentId, { entered, exited, membersVersion });
        for (const customerId of entered) events.push({ shop, segmentId, customerId, change: "ENTERED", at });
        for (const customerId of exited) events.push({ shop, segmentId, customerId, change: "EXITED", at });
      }
      for (let i = 0; i < events.length; i += ROW_CHUNK)
        await scoped.segmentMembershipEvent.createMany({ data: events.slice(i, i + ROW_CHUNK) });
    },
    { timeout: 120_000 },
  );
  return changed;
}

export async function membershipEvents(
  db: Db,
  shop: string,
  segmentId: string,
): Promise<{ customerId: number; change: "ENTERED" | "EXITED"; at: Date }[]> {
  return forShop(db, shop).segmentMembershipEvent.findMany({
    where: { segmentId },
    select: { customerId: true, change: true, at: true },
    orderBy: { id: "asc" },
  });
}
