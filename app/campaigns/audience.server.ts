/**
 * A campaign's audience from the materialised memberships: every member of an included segment
 * minus every member of an excluded one, with what rendering and the rules need of each person.
 */
import type { Db } from "~/db/db.server";
import { dbDialect } from "~/db/dialect.server";
import { toPgPlaceholders } from "~/db/sql-runner.server";
import type { RenderRecipient } from "./render";

/** One member (one index of an Audience's columns), with what rendering and the rules need for the campaign's channel. */
export interface AudienceMember {
  id: number;
  /** The channel's column as stored (the phone for texts, the email for emails); see trimmedAddress. */
  address: string | null;
  /** For phone location (quiet hours, local-time sends); for texts the same value as `address`. */
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  /** Null also when not read (`withLocation: false`). */
  countryCode: string | null;
  provinceCode: string | null;
  /** The channel's marketing state (`smsMarketingState` or `emailMarketingState`); null when not read (`withConsent: false`). */
  marketingState: string | null;
}

/**
 * The audience column by column, index i being one member (a 300k audience as 300k objects
 * was a good share of the start job's garbage collection).
 */
export type Audience = { [K in keyof AudienceMember]: AudienceMember[K][] };

const emptyAudience = (): Audience => ({
  id: [],
  address: [],
  phone: [],
  firstName: [],
  lastName: [],
  countryCode: [],
  provinceCode: [],
  marketingState: [],
});

/** Columns beyond id, address and names: the address and phone location's, and the marketing state. */
export interface AudienceFields {
  withLocation: boolean;
  withConsent: boolean;
}

const marks = (n: number) => Array.from({ length: n }, () => "?").join(", ");

/** Result columns and the Customer column each reads (texts read the phone once, as the address). */
function columnsOf(channel: "SMS" | "EMAIL", wanted: AudienceFields): (readonly [string, string])[] {
  const sms = channel === "SMS";
  const columns: (readonly [string, string])[] = [
    ["id", "id"],
    ["address", sms ? "phone" : "email"],
    ["firstName", "firstName"],
    ["lastName", "lastName"],
  ];
  if (wanted.withLocation) {
    if (!sms) columns.push(["phone", "phone"]);
    columns.push(["countryCode", "countryCode"], ["provinceCode", "provinceCode"]);
  }
  if (wanted.withConsent) columns.push(["marketingState", sms ? "smsMarketingState" : "emailMarketingState"]);
  return columns;
}

/**
 * The audience now, ordered by customer id, with only the columns the channel and the caller need.
 * Memberships are read by segment (their primary key leads with it); the segments were checked
 * to be the shop's, and customers are filtered by shop.
 *
 * The database folds each column into one JSON array (`json_group_array` / `json_agg` over the
 * rows ordered by id) parsed here at once: 300,000 rows mapped value by value through Prisma's
 * driver adapter took seconds, and one JSON array of rows (an array per customer) took about
 * twice as long to build and parse as flat columns. On SQLite the customers are looked up by id
 * from the membership list (`+c.shop` keeps the planner off the shop index), which yields them in
 * id order without a sort. The order is checked here and restored if a database ever differs.
 */
export async function loadAudience(
  db: Db,
  shop: string,
  include: readonly string[],
  exclude: readonly string[],
  channel: "SMS" | "EMAIL",
  wanted: AudienceFields,
): Promise<Audience> {
  if (include.length === 0) return emptyAudience();
  const postgres = dbDialect(db) === "postgres";
  const columns = columnsOf(channel, wanted);
  const fold = postgres ? (c: string) => `CAST(json_agg(t."${c}") AS text)` : (c: string) => `json_group_array(t."${c}")`;
  let inner = `SELECT ${columns.map(([as, column]) => `c."${column}" AS "${as}"`).join(", ")}
    FROM "Customer" c
    WHERE c."id" IN (SELECT m."customerId" FROM "SegmentMembership" m WHERE m."segmentId" IN (${marks(include.length)}))`;
  if (exclude.length > 0)
    inner += ` AND c."id" NOT IN (SELECT x."customerId" FROM "SegmentMembership" x WHERE x."segmentId" IN (${marks(exclude.length)}))`;
  inner += ` AND ${postgres ? "" : "+"}c."shop" = ? ORDER BY c."id"`;
  let sql = `SELECT ${columns.map(([as]) => `${fold(as)} AS "${as}"`).join(", ")} FROM (${inner}) t`;
  if (postgres) sql = toPgPlaceholders(sql);
  const [row] = await db.$queryRawUnsafe<Record<string, string | null>[]>(sql, ...include, ...exclude, shop);
  // PostgreSQL's json_agg of no rows is NULL; SQLite's json_group_array is "[]".
  const parsed: Record<string, unknown[]> = {};
  for (const [as] of columns) parsed[as] = JSON.parse(row?.[as] ?? "[]") as unknown[];
  const address = parsed.address as (string | null)[];
  const n = address.length;
  const absent = () => new Array<null>(n).fill(null);
  const audience: Audience = {
    id: (parsed.id as (number | string)[]).map(Number),
    address,
    phone: channel === "SMS" ? address : ((parsed.phone ?? absent()) as (string | null)[]),
    firstName: parsed.firstName as (string | null)[],
    lastName: parsed.lastName as (string | null)[],
    countryCode: (parsed.countryCode ?? absent()) as (string | null)[],
    provinceCode: (parsed.provinceCode ?? absent()) as (string | null)[],
    marketingState: (parsed.marketingState ?? absent()) as (string | null)[],
  };
  return inIdOrder(audience);
}

/** The audience as given when its ids ascend (as both databases give them), else every column reordered by id. */
export function inIdOrder(audience: Audience): Audience {
  const ids = audience.id;
  let ordered = true;
  for (let i = 1; i < ids.length && ordered; i++) ordered = (ids[i] as number) > (ids[i - 1] as number);
  if (ordered) return audience;
  const order = ids.map((_, i) => i).sort((a, b) => (ids[a] as number) - (ids[b] as number));
  const pick = <T>(column: T[]) => order.map((i) => column[i] as T);
  const sorted = { ...audience };
  for (const key of Object.keys(audience) as (keyof Audience)[]) (sorted[key] as unknown[]) = pick(audience[key] as unknown[]);
  return sorted;
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

/**
 * Member `i` of the audience as the renderer reads it, written into `into` (one object reused for a
 * whole audience: the renderer reads it synchronously and keeps nothing).
 */
export function renderRecipientAt(audience: Audience, i: number, into: RenderRecipient): RenderRecipient {
  into.id = audience.id[i] as number;
  into.firstName = audience.firstName[i] ?? null;
  into.lastName = audience.lastName[i] ?? null;
  into.countryCode = audience.countryCode[i] ?? null;
  return into;
}

/** The address a message goes to: the member's column for the channel trimmed, or null when the customer has none. */
export function trimmedAddress(value: string | null): string | null {
  return value && value.trim() !== "" ? value.trim() : null;
}
