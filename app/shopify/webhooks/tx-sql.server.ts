// Runs the sync module's parameterised statements (app/shopify/sync/upserts.ts) inside the
// applier's Prisma transaction, binding values as its runners do.
import type { DbTx } from "~/db/db.server";
import { sqliteParam, toPgPlaceholders, type Dialect, type SqlValue, type Statement } from "~/db/sql-runner.server";

function bind(dialect: Dialect, value: SqlValue): string | number | bigint | boolean | null {
  if (dialect === "sqlite") return sqliteParam(value);
  return value instanceof Date ? value.toISOString() : value;
}

/** Rows changed by the statement. */
export function execStatement(tx: DbTx, dialect: Dialect, s: Statement): Promise<number> {
  const sql = dialect === "postgres" ? toPgPlaceholders(s.sql) : s.sql;
  return tx.$executeRawUnsafe(sql, ...s.params.map((p) => bind(dialect, p)));
}

/**
 * Call first in an applier's transaction. PostgreSQL: serialises appliers per shop. SQLite
 * serialises all writers anyway, but Prisma opens a deferred transaction: one that reads
 * first and writes later fails with SQLITE_BUSY_SNAPSHOT when another connection (the inbox
 * writer) commits in between. A write as the first statement takes the write lock up front,
 * waiting for it under the busy timeout instead.
 */
export async function lockShop(tx: DbTx, dialect: Dialect, shop: string): Promise<void> {
  if (dialect === "postgres") await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtext($1))`, shop);
  else await tx.$executeRawUnsafe(`UPDATE "WebhookInbox" SET "attempts" = "attempts" WHERE 1 = 0`);
}

/** Epoch: the `shopifyUpdatedAt` of tombstones, so any real version of the row is newer. */
export const EPOCH = new Date(0);
