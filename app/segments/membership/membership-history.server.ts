/**
 * Reads a segment's membership history. The events are counted per quarter hour and change
 * in the database (GROUP BY over the (segmentId, at) index), never loaded one by one: a
 * 1M-member segment's history is at most 96 rows per day and change.
 */
import { loadClientModule, type Db } from "~/db/db.server";
import { dbDialect } from "~/db/dialect.server";
import { findSegment } from "../segment-repository.server";
import {
  bucketMembershipHistory,
  HISTORY_BUCKET_SECONDS,
  historyWindow,
  type HistoryBucket,
  type HistoryRange,
  type MembershipHistory,
} from "./membership-history";

interface CountRow {
  bucket: number | bigint | string;
  change: string;
  n: number | bigint | string;
}

/** Quarter-hour counts of the segment's events in `[fromSecond, toSecond)`. */
export async function countMembershipEvents(
  db: Db,
  shop: string,
  segmentId: string,
  fromSecond: number,
  toSecond: number,
): Promise<HistoryBucket[]> {
  const dialect = dbDialect(db);
  const { Prisma } = loadClientModule(dialect === "postgres" ? "pg" : "sqlite");
  const size = HISTORY_BUCKET_SECONDS;
  // Bounds are compared in the column's own representation so the (segmentId, at) index is used:
  // PostgreSQL holds UTC in `timestamp without time zone`; Prisma's SQLite adapter writes ISO-8601 text.
  // SQLite's `+"shop"` keeps the planner off the (shop, at) index, which would also scan every
  // other segment's events of the shop (https://sqlite.org/optoverview.html#disqualifying_where_clause_terms_using_unary_).
  const rows =
    dialect === "postgres"
      ? await db.$queryRaw<CountRow[]>(Prisma.sql`
        SELECT floor(extract(epoch from "at") / ${size})::bigint AS "bucket", "change"::text AS "change", count(*)::bigint AS "n"
        FROM "SegmentMembershipEvent"
        WHERE "shop" = ${shop} AND "segmentId" = ${segmentId}
          AND "at" >= (to_timestamp(${fromSecond}::double precision) AT TIME ZONE 'UTC')
          AND "at" < (to_timestamp(${toSecond}::double precision) AT TIME ZONE 'UTC')
        GROUP BY 1, 2`)
      : await db.$queryRaw<CountRow[]>(Prisma.sql`
        SELECT CAST(unixepoch("at") / ${size} AS INTEGER) AS "bucket", "change", count(*) AS "n"
        FROM "SegmentMembershipEvent"
        WHERE +"shop" = ${shop} AND "segmentId" = ${segmentId}
          AND "at" >= ${sqliteTimestamp(fromSecond)} AND "at" < ${sqliteTimestamp(toSecond)}
        GROUP BY 1, 2`);
  const byBucket = new Map<number, HistoryBucket>();
  for (const row of rows) {
    const bucket = Number(row.bucket);
    const entry = byBucket.get(bucket) ?? { bucket, entered: 0, exited: 0 };
    if (row.change === "ENTERED") entry.entered += Number(row.n);
    else if (row.change === "EXITED") entry.exited += Number(row.n);
    else throw new Error(`Segment ${segmentId} has a membership event with unknown change ${row.change}`);
    byBucket.set(bucket, entry);
  }
  return [...byBucket.values()];
}

/** How Prisma's SQLite adapter stores a DateTime (ISO-8601 with milliseconds and +00:00). */
function sqliteTimestamp(second: number): string {
  return new Date(second * 1000).toISOString().replace("Z", "+00:00");
}

/**
 * The segment's members over time and entered/exited per day for the last `range` local days
 * of the shop, or null when the segment is not the shop's.
 */
export async function membershipHistory(
  db: Db,
  shop: string,
  segmentId: string,
  range: HistoryRange,
  now: Date,
): Promise<MembershipHistory | null> {
  const [segment, shopRow] = await Promise.all([
    findSegment(db, shop, segmentId),
    db.shop.findUnique({ where: { shop }, select: { ianaTimezone: true } }),
  ]);
  if (!segment) return null;
  const timeZone = shopRow?.ianaTimezone ?? "UTC";
  const { fromSecond, toSecond } = historyWindow(timeZone, now, range);
  const buckets = await countMembershipEvents(db, shop, segmentId, fromSecond, toSecond);
  return bucketMembershipHistory({ buckets, memberCount: segment.memberCount, timeZone, now, range });
}
