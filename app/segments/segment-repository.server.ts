/**
 * Segments and their materialised memberships in the database. Every change of
 * membership is written with an ENTERED or EXITED event in the same transaction,
 * so automations and campaigns can react to exactly what changed.
 */
import type { Db, DbTx } from "~/db/db.server";
import { forShop } from "~/db/shop-scope.server";
import { dialectSql, sqliteParam, type Dialect } from "~/db/sql-runner.server";
import { dbDialect } from "~/db/dialect.server";
import { jsonItem, jsonRowsSource } from "~/db/json-rows.server";

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
/**
 * Ids per membership statement, bound as one JSON list: a first evaluation of a 500k-member
 * segment is ten statements, and no statement returns more rows than this.
 */
const ID_CHUNK = 50_000;
/** Ids per Prisma `in` list (membersAmong): far below SQLite's 999 bound values. */
const IN_CHUNK = 500;

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

/**
 * The segment's member ids, aggregated into one JSON text by the database: a 500k-member segment
 * comes back as one value to parse instead of 500k row objects.
 */
export async function memberIds(db: Db, shop: string, segmentId: string): Promise<number[]> {
  const dialect = dbDialect(db);
  // SQLite's unary + keeps the planner on the primary key (segmentId first) rather than the shop index.
  const sql =
    dialect === "postgres"
      ? `SELECT COALESCE(json_agg("customerId"), '[]'::json)::text AS "ids" FROM "SegmentMembership" WHERE "segmentId" = ? AND "shop" = ?`
      : `SELECT json_group_array("customerId") AS "ids" FROM "SegmentMembership" WHERE "segmentId" = ? AND +"shop" = ?`;
  const [row] = await db.$queryRawUnsafe<{ ids: string }[]>(dialectSql(dialect, sql), segmentId, shop);
  return JSON.parse(row?.ids ?? "[]") as number[];
}

/** Of `customerIds`, those currently in the segment. */
export async function membersAmong(db: Db, shop: string, segmentId: string, customerIds: readonly number[]): Promise<Set<number>> {
  const found = new Set<number>();
  // By the primary key (segment, customer) and checked against the shop here: with `shop = ?`
  // in the query a planner without statistics scans the shop's memberships instead.
  for (let i = 0; i < customerIds.length; i += IN_CHUNK) {
    const rows = await db.segmentMembership.findMany({
      where: { segmentId, customerId: { in: customerIds.slice(i, i + IN_CHUNK) } },
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
    dialectSql(dialect, sql),
    "set" in count ? count.set : count.add,
    timestampParam(dialect, at),
    timestampParam(dialect, new Date()),
    segmentId,
    shop,
  );
  return rows[0] === undefined ? null : Number(rows[0].membersVersion);
}

const timestampParam = (dialect: Dialect, at: Date) => (dialect === "sqlite" ? sqliteParam(at) : at.toISOString());

/** The ids bound as one JSON list, read back as integer rows (app/db/json-rows.server.ts). */
function idList(dialect: Dialect): string {
  return `SELECT ${jsonItem(dialect, "integer")} FROM ${jsonRowsSource(dialect)}`;
}

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
  // `WHERE true`: SQLite's parser needs it between an INSERT's SELECT and its ON CONFLICT.
  const sql = `INSERT INTO "SegmentMembership" ("segmentId", "customerId", "shop", "enteredAt")
    SELECT ?, ${jsonItem(dialect, "integer")}, ?, ${ts} FROM ${jsonRowsSource(dialect)} WHERE true
    ON CONFLICT ("segmentId", "customerId") DO NOTHING RETURNING "customerId"`;
  const rows = await tx.$queryRawUnsafe<{ customerId: number }[]>(
    dialectSql(dialect, sql),
    segmentId,
    shop,
    timestampParam(dialect, at),
    JSON.stringify(ids),
  );
  return rows.map((r) => Number(r.customerId));
}

/** Deletes the memberships that exist and returns who actually exited. */
async function deleteExisting(tx: DbTx, dialect: Dialect, shop: string, segmentId: string, ids: readonly number[]): Promise<number[]> {
  // SQLite's unary + keeps the planner on the primary key rather than the shop index.
  const sql = `DELETE FROM "SegmentMembership" WHERE ${dialect === "sqlite" ? "+" : ""}"shop" = ? AND "segmentId" = ? AND "customerId" IN (${idList(dialect)}) RETURNING "customerId"`;
  const rows = await tx.$queryRawUnsafe<{ customerId: number }[]>(dialectSql(dialect, sql), shop, segmentId, JSON.stringify(ids));
  return rows.map((r) => Number(r.customerId));
}

/** One statement per chunk of ids: the events of the customers who actually entered or exited. */
async function insertEvents(
  tx: DbTx,
  dialect: Dialect,
  shop: string,
  segmentId: string,
  change: "ENTERED" | "EXITED",
  ids: readonly number[],
  at: Date,
): Promise<void> {
  const ts = dialect === "postgres" ? "CAST(? AS timestamp(3))" : "?";
  const kind = dialect === "postgres" ? `CAST(? AS "MembershipChange")` : "?";
  const sql = `INSERT INTO "SegmentMembershipEvent" ("shop", "segmentId", "customerId", "change", "at")
    SELECT ?, ?, ${jsonItem(dialect, "integer")}, ${kind}, ${ts} FROM ${jsonRowsSource(dialect)}`;
  for (let i = 0; i < ids.length; i += ID_CHUNK)
    await tx.$executeRawUnsafe(
      dialectSql(dialect, sql),
      shop,
      segmentId,
      change,
      timestampParam(dialect, at),
      JSON.stringify(ids.slice(i, i + ID_CHUNK)),
    );
}

/** Applies one segment's diff: deletes, inserts and their events; returns what actually changed. */
async function writeDiff(
  tx: DbTx,
  dialect: Dialect,
  shop: string,
  segmentId: string,
  diff: MembershipDiff,
  at: Date,
): Promise<{ entered: number[]; exited: number[] }> {
  const exited: number[] = [];
  const entered: number[] = [];
  for (let i = 0; i < diff.exited.length; i += ID_CHUNK)
    for (const id of await deleteExisting(tx, dialect, shop, segmentId, diff.exited.slice(i, i + ID_CHUNK))) exited.push(id);
  for (let i = 0; i < diff.entered.length; i += ID_CHUNK)
    for (const id of await insertMissing(tx, dialect, shop, segmentId, diff.entered.slice(i, i + ID_CHUNK), at)) entered.push(id);
  await insertEvents(tx, dialect, shop, segmentId, "ENTERED", entered, at);
  await insertEvents(tx, dialect, shop, segmentId, "EXITED", exited, at);
  return { entered, exited };
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
      const written = await writeDiff(scoped, dialect, shop, segmentId, diff, at);
      changed.entered = written.entered;
      changed.exited = written.exited;
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
      for (const [segmentId, diff] of pending) {
        const { entered, exited } = await writeDiff(scoped, dialect, shop, segmentId, diff, at);
        const membersVersion = await bumpSegment(scoped, dialect, shop, segmentId, { add: entered.length - exited.length }, at);
        changed.set(segmentId, { entered, exited, membersVersion });
      }
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
