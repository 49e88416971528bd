/**
 * A campaign's audience from the materialised memberships: every member of an included segment
 * minus every member of an excluded one, with what rendering and the rules need of each person.
 */
import type { Db } from "~/db/db.server";
import { dbDialect } from "~/db/dialect.server";
import { toPgPlaceholders } from "~/db/sql-runner.server";

export interface AudienceMember {
  id: number;
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  countryCode: string | null;
  provinceCode: string | null;
  smsMarketingState: string;
  emailMarketingState: string;
}

const marks = (n: number) => Array.from({ length: n }, () => "?").join(", ");

const FIELDS = [
  "id",
  "email",
  "phone",
  "firstName",
  "lastName",
  "countryCode",
  "provinceCode",
  "smsMarketingState",
  "emailMarketingState",
] as const;
type Tuple = [number, string | null, string | null, string | null, string | null, string | null, string | null, string, string];

/**
 * The audience now, ordered by customer id. Memberships are read by segment (their primary key
 * leads with it); the segments were checked to be the shop's, and customers are filtered by shop.
 *
 * The database folds the rows into one JSON text (`json_group_array` / `json_agg`) that is parsed
 * here at once: 300,000 rows mapped value by value through Prisma's driver adapter took seconds.
 */
export async function loadAudience(
  db: Db,
  shop: string,
  include: readonly string[],
  exclude: readonly string[],
): Promise<AudienceMember[]> {
  if (include.length === 0) return [];
  const postgres = dbDialect(db) === "postgres";
  const tuple = FIELDS.map((f) => `c."${f}"`).join(", ");
  const folded = postgres
    ? `CAST(json_agg(json_build_array(${tuple}) ORDER BY c."id") AS text)`
    : `json_group_array(json_array(${tuple}) ORDER BY c."id")`;
  let sql = `SELECT ${folded} AS "rows"
    FROM "Customer" c
    WHERE c."shop" = ? AND c."id" IN (SELECT m."customerId" FROM "SegmentMembership" m WHERE m."segmentId" IN (${marks(include.length)}))`;
  if (exclude.length > 0)
    sql += ` AND c."id" NOT IN (SELECT x."customerId" FROM "SegmentMembership" x WHERE x."segmentId" IN (${marks(exclude.length)}))`;
  if (postgres) sql = toPgPlaceholders(sql);
  const [row] = await db.$queryRawUnsafe<{ rows: string | null }[]>(sql, shop, ...include, ...exclude);
  // PostgreSQL's json_agg of no rows is NULL; SQLite's json_group_array is "[]".
  const tuples = JSON.parse(row?.rows ?? "[]") as Tuple[];
  return tuples.map((t) => ({
    id: Number(t[0]),
    email: t[1],
    phone: t[2],
    firstName: t[3],
    lastName: t[4],
    countryCode: t[5],
    provinceCode: t[6],
    smsMarketingState: String(t[7]),
    emailMarketingState: String(t[8]),
  }));
}

/** How many customers the audience has now. */
export async function countAudience(db: Db, shop: string, include: readonly string[], exclude: readonly string[]): Promise<number> {
  if (include.length === 0) return 0;
  let sql = `SELECT COUNT(*) AS n FROM (SELECT DISTINCT m."customerId" FROM "SegmentMembership" m JOIN "Customer" c ON c."id" = m."customerId"
    WHERE c."shop" = ? AND m."segmentId" IN (${marks(include.length)})`;
  if (exclude.length > 0)
    sql += ` AND m."customerId" NOT IN (SELECT x."customerId" FROM "SegmentMembership" x WHERE x."segmentId" IN (${marks(exclude.length)}))`;
  sql += `) t`;
  if (dbDialect(db) === "postgres") sql = toPgPlaceholders(sql);
  const [row] = await db.$queryRawUnsafe<{ n: number | bigint }[]>(sql, shop, ...include, ...exclude);
  return Number(row?.n ?? 0);
}

/** The address a message on the channel goes to, or null when the customer has none. */
export function addressOf(member: Pick<AudienceMember, "email" | "phone">, channel: "SMS" | "EMAIL"): string | null {
  const value = channel === "SMS" ? member.phone : member.email;
  return value && value.trim() !== "" ? value.trim() : null;
}
