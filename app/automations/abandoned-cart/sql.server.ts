// Raw statements on either database: `?` placeholders (rewritten for PostgreSQL) and values bound
// in each dialect's stored form. SQL text is built only from constants; every value is bound.
import type { Db } from "~/db/db.server";
import { dbDialect } from "~/db/dialect.server";
import { sqliteParam, toPgPlaceholders, type SqlValue } from "~/db/sql-runner.server";

export interface Sql {
  readonly dialect: "sqlite" | "postgres";
  /** `CAST(? AS timestamp(3))` on PostgreSQL, `?` on SQLite. */
  readonly ts: string;
  exec(sql: string, params: readonly SqlValue[]): Promise<number>;
  query<T>(sql: string, params: readonly SqlValue[]): Promise<T[]>;
}

export function sqlFor(db: Db): Sql {
  const dialect = dbDialect(db);
  const bind = (params: readonly SqlValue[]) =>
    params.map((v) => (dialect === "sqlite" ? sqliteParam(v) : v instanceof Date ? v.toISOString() : v));
  const text = (sql: string) => (dialect === "postgres" ? toPgPlaceholders(sql) : sql);
  return {
    dialect,
    ts: dialect === "postgres" ? "CAST(? AS timestamp(3))" : "?",
    exec: (sql, params) => db.$executeRawUnsafe(text(sql), ...bind(params)),
    query: <T>(sql: string, params: readonly SqlValue[]) => db.$queryRawUnsafe<T[]>(text(sql), ...bind(params)),
  };
}

/** SQLite returns DateTime columns of raw queries as text; PostgreSQL as Date. */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  if (typeof value === "string") return new Date(value);
  if (typeof value === "number") return new Date(value);
  throw new Error(`Not a date: ${String(value)}`);
}
