/**
 * A campaign's audience from the materialised memberships: every member of an included segment
 * minus every member of an excluded one, with what rendering and the rules need of each person.
 */
import type { Db } from "~/db.server";
import { dbDialect } from "~/shopify/webhooks/dialect.server";
import { toPgPlaceholders } from "~/shopify/sync/sql-runner.server";

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

/**
 * The audience now, ordered by customer id. Memberships are read by segment (their primary key
 * leads with it); the segments were checked to be the shop's, and customers are filtered by shop.
 */
export async function loadAudience(db: Db, shop: string, include: readonly string[], exclude: readonly string[]): Promise<AudienceMember[]> {
  if (include.length === 0) return [];
  let sql = `SELECT c."id", c."email", c."phone", c."firstName", c."lastName", c."countryCode", c."provinceCode", c."smsMarketingState", c."emailMarketingState"
    FROM "Customer" c
    WHERE c."shop" = ? AND c."id" IN (SELECT m."customerId" FROM "SegmentMembership" m WHERE m."segmentId" IN (${marks(include.length)}))`;
  if (exclude.length > 0) sql += ` AND c."id" NOT IN (SELECT x."customerId" FROM "SegmentMembership" x WHERE x."segmentId" IN (${marks(exclude.length)}))`;
  sql += ` ORDER BY c."id"`;
  if (dbDialect(db) === "postgres") sql = toPgPlaceholders(sql);
  const rows = await db.$queryRawUnsafe<AudienceMember[]>(sql, shop, ...include, ...exclude);
  return rows.map((r) => ({ ...r, id: Number(r.id), smsMarketingState: String(r.smsMarketingState), emailMarketingState: String(r.emailMarketingState) }));
}

/** How many customers the audience has now. */
export async function countAudience(db: Db, shop: string, include: readonly string[], exclude: readonly string[]): Promise<number> {
  if (include.length === 0) return 0;
  let sql = `SELECT COUNT(*) AS n FROM (SELECT DISTINCT m."customerId" FROM "SegmentMembership" m JOIN "Customer" c ON c."id" = m."customerId"
    WHERE c."shop" = ? AND m."segmentId" IN (${marks(include.length)})`;
  if (exclude.length > 0) sql += ` AND m."customerId" NOT IN (SELECT x."customerId" FROM "SegmentMembership" x WHERE x."segmentId" IN (${marks(exclude.length)}))`;
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
