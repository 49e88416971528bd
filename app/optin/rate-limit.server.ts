// Sign-up attempts counted per key in fixed windows, in the database: one atomic
// INSERT … ON CONFLICT DO UPDATE … RETURNING per attempt, so every web process sees the same
// count and two concurrent attempts can never both read the old one (SQLite ≥ 3.35 and
// PostgreSQL both run this statement as written).
import type { Db } from "~/db/db.server";

export interface RateRule {
  /** Most attempts per window. */
  limit: number;
  windowMinutes: number;
}

/** Per shopper IP: a form refilled a few times is fine; a script is not. */
export const PER_IP: RateRule = { limit: 10, windowMinutes: 10 };
/** Per phone number or email: nobody needs more than three confirmation texts an hour. */
export const PER_ADDRESS: RateRule = { limit: 3, windowMinutes: 60 };

/** Counts one attempt for `key`; false when it is over the rule's limit. */
export async function takeAttempt(db: Db, shop: string, key: string, rule: RateRule, now: Date): Promise<boolean> {
  const minute = Math.floor(now.getTime() / 60_000);
  const windowStart = minute - (minute % rule.windowMinutes);
  const rows = await db.$queryRaw<{ count: number | bigint }[]>`
    INSERT INTO "OptInRateCount" ("shop", "key", "windowStart", "count") VALUES (${shop}, ${key}, ${windowStart}, 1)
    ON CONFLICT ("shop", "key", "windowStart") DO UPDATE SET "count" = "OptInRateCount"."count" + 1
    RETURNING "count"`;
  return Number(rows[0]?.count ?? Infinity) <= rule.limit;
}

/** Drops the shop's windows older than a day (each optin.start job does, keeping the table small). */
export async function pruneAttempts(db: Db, shop: string, now: Date): Promise<number> {
  const dayAgo = Math.floor(now.getTime() / 60_000) - 24 * 60;
  const { count } = await db.optInRateCount.deleteMany({ where: { shop, windowStart: { lt: dayAgo } } });
  return count;
}
