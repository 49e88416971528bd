// PURE: the SQL text and parameter conventions both runners share (sql-runner.server.ts runs
// them); statements built from these can be composed in pure code.
export type Dialect = "sqlite" | "postgres";
export type SqlValue = string | number | bigint | boolean | Date | null;

export interface Statement {
  sql: string;
  params: SqlValue[];
}

/**
 * Prisma's better-sqlite3 adapter stores DateTime as ISO-8601 text with "+00:00" and
 * milliseconds and Boolean as 0/1; values written here must read back identically through
 * Prisma and compare correctly as text (the monotonic `shopifyUpdatedAt` guard).
 */
export function sqliteParam(value: SqlValue): string | number | bigint | null {
  if (value instanceof Date) return `${value.toISOString().slice(0, -1)}+00:00`;
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

export function pgParam(value: SqlValue): string | number | bigint | boolean | null {
  return value instanceof Date ? value.toISOString() : value;
}

/** `?` placeholders → `$1…$n` for PostgreSQL (the statements contain no literal `?`). */
export function toPgPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** A statement written with `?` placeholders, as the dialect's driver takes it. */
export function dialectSql(dialect: Dialect, sql: string): string {
  return dialect === "postgres" ? toPgPlaceholders(sql) : sql;
}
