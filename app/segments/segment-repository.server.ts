/**
 * Segments and their materialised memberships in the database. Every change of
 * membership is written with an ENTERED or EXITED event in the same transaction,
 * so automations and campaigns can react to exactly what changed.
 */
import type { Db } from "~/db.server";
import { forShop } from "~/lib/shop-scope.server";

export type SegmentKind = "DYNAMIC" | "STATIC";

export interface SegmentRow {
  id: string;
  shop: string;
  name: string;
  kind: SegmentKind;
  query: string | null;
  memberCount: number;
  evaluatedAt: Date | null;
  /** Set while a new definition's members are not all stored yet ("Evaluating…"). */
  evaluatingSince: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const SEGMENT_SELECT = { id: true, shop: true, name: true, kind: true, query: true, memberCount: true, evaluatedAt: true, evaluatingSince: true, createdAt: true, updatedAt: true } as const;
/** Rows per INSERT: well under SQLite's bound-parameter limit. */
const CHUNK = 5_000;
/**
 * Ids per `IN (…)` list: Prisma's SQLite driver adapter refuses a statement with 999 or more
 * bound values (P2029, "query parameter limit … exceeded"), which an edit that removes a
 * thousand members used to hit. createMany is split by Prisma itself; IN lists are not.
 */
const IN_CHUNK = 900;

export async function insertSegment(db: Db, shop: string, data: { id?: string; name: string; kind: SegmentKind; query: string | null; evaluatingSince?: Date }): Promise<SegmentRow> {
  return forShop(db, shop).segment.create({ data: { shop, ...data }, select: SEGMENT_SELECT });
}

export async function updateSegmentDefinition(db: Db, shop: string, id: string, data: { name: string; query: string | null; evaluatingSince?: Date }): Promise<SegmentRow | null> {
  const scoped = forShop(db, shop);
  const found = await scoped.segment.findFirst({ where: { id, deletedAt: null }, select: { id: true } });
  if (!found) return null;
  return scoped.segment.update({ where: { id }, data, select: SEGMENT_SELECT });
}

export async function findSegment(db: Db, shop: string, id: string): Promise<SegmentRow | null> {
  return forShop(db, shop).segment.findFirst({ where: { id, deletedAt: null }, select: SEGMENT_SELECT });
}

export async function listSegments(db: Db, shop: string, kind?: SegmentKind): Promise<SegmentRow[]> {
  return forShop(db, shop).segment.findMany({ where: { deletedAt: null, ...(kind ? { kind } : {}) }, select: SEGMENT_SELECT, orderBy: { createdAt: "asc" } });
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
  for (let i = 0; i < customerIds.length; i += IN_CHUNK) {
    const rows = await forShop(db, shop).segmentMembership.findMany({ where: { segmentId, customerId: { in: customerIds.slice(i, i + IN_CHUNK) } }, select: { customerId: true } });
    for (const r of rows) found.add(r.customerId);
  }
  return found;
}

export interface MembershipDiff {
  entered: readonly number[];
  exited: readonly number[];
}

/**
 * Applies a diff with its events, then stores the count and evaluation time. A full
 * evaluation passes the query it evaluated: the "evaluating" mark is cleared in the same
 * transaction, unless a newer definition was saved meanwhile.
 */
export async function applyMembershipDiff(db: Db, shop: string, segmentId: string, diff: MembershipDiff, at: Date, memberCount?: number, evaluatedQuery?: string): Promise<void> {
  // The transaction runs on the shop-scoped client, so its queries stay confined to the shop.
  await forShop(db, shop).$transaction(async (scoped) => {
    for (let i = 0; i < diff.exited.length; i += IN_CHUNK) {
      const ids = diff.exited.slice(i, i + IN_CHUNK);
      await scoped.segmentMembership.deleteMany({ where: { segmentId, customerId: { in: [...ids] } } });
    }
    for (let i = 0; i < diff.entered.length; i += CHUNK) {
      const ids = diff.entered.slice(i, i + CHUNK);
      await scoped.segmentMembership.createMany({ data: ids.map((customerId) => ({ shop, segmentId, customerId, enteredAt: at })) });
    }
    const events = [
      ...diff.entered.map((customerId) => ({ shop, segmentId, customerId, change: "ENTERED" as const, at })),
      ...diff.exited.map((customerId) => ({ shop, segmentId, customerId, change: "EXITED" as const, at })),
    ];
    for (let i = 0; i < events.length; i += CHUNK) await scoped.segmentMembershipEvent.createMany({ data: events.slice(i, i + CHUNK) });
    const count = memberCount ?? (await scoped.segmentMembership.count({ where: { segmentId } }));
    await scoped.segment.updateMany({ where: { id: segmentId }, data: { memberCount: count, evaluatedAt: at } });
    if (evaluatedQuery !== undefined) await scoped.segment.updateMany({ where: { id: segmentId, query: evaluatedQuery }, data: { evaluatingSince: null } });
  }, { timeout: 120_000 });
}

export async function membershipEvents(db: Db, shop: string, segmentId: string): Promise<{ customerId: number; change: "ENTERED" | "EXITED"; at: Date }[]> {
  return forShop(db, shop).segmentMembershipEvent.findMany({ where: { segmentId }, select: { customerId: true, change: true, at: true }, orderBy: { id: "asc" } });
}
