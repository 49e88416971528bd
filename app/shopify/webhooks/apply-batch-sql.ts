// PURE: one statement for many rows. The per-row statements (sync/upserts.ts and the ones
// below) cast every PostgreSQL placeholder, so the same text turns into
// - on PostgreSQL the `unnest` form (db/pg-batch.ts): one array parameter per column, however
//   many rows;
// - on SQLite a multi-row `VALUES (…), (…)`: the row's tuple repeated, its parameters in turn.
// Callers coalesce rows per conflict key first: one statement may not update a row twice
// (PostgreSQL refuses, "ON CONFLICT DO UPDATE command cannot affect row a second time").
import { columns, unnestSql } from "~/db/pg-batch";
import { sqliteParam, toPgPlaceholders, type Dialect, type SqlValue } from "~/db/sql-text";

export interface BoundStatement {
  sql: string;
  params: (string | number | bigint | boolean | null | SqlValue[])[];
}

/** SQLite allows 32,766 bound parameters per statement; rows per statement stay well below. */
export const SQLITE_MAX_PARAMS = 30_000;

function bind(dialect: Dialect, value: SqlValue): string | number | bigint | boolean | null {
  if (dialect === "sqlite") return sqliteParam(value);
  return value instanceof Date ? value.toISOString() : value;
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")" && --depth === 0) return i;
  }
  return -1;
}

/**
 * `sql` is an `INSERT … VALUES (…) …` for one row whose parameters are `rows[i]`; returns one
 * statement for all the rows, with `suffix` (e.g. a RETURNING clause) appended.
 */
export function multiRowInsert(dialect: Dialect, sql: string, rows: readonly (readonly SqlValue[])[], suffix = ""): BoundStatement {
  if (rows.length === 0) throw new Error("multiRowInsert: no rows");
  const width = rows[0]?.length ?? 0;
  if (dialect === "postgres") {
    const unnest = unnestSql(sql);
    if (!unnest || unnest.types.length !== width) throw new Error(`multiRowInsert: statement has no unnest form: ${sql.slice(0, 80)}`);
    const bound = rows.map((r) => r.map((v) => bind(dialect, v)) as SqlValue[]);
    return { sql: unnest.sql + suffix, params: columns(bound, width) };
  }
  const at = sql.indexOf(" VALUES (");
  const close = at === -1 ? -1 : matchingParen(sql, at + " VALUES ".length);
  if (close === -1) throw new Error(`multiRowInsert: statement has no VALUES tuple: ${sql.slice(0, 80)}`);
  if (rows.length * width > SQLITE_MAX_PARAMS)
    throw new Error(`multiRowInsert: ${rows.length} rows of ${width} exceed SQLite's parameter limit`);
  const tuple = sql.slice(at + " VALUES ".length, close + 1);
  const values = Array.from({ length: rows.length }, () => tuple).join(", ");
  return {
    sql: `${sql.slice(0, at)} VALUES ${values}${sql.slice(close + 1)}${suffix}`,
    params: rows.flatMap((r) => r.map((v) => bind(dialect, v))),
  };
}

/** A statement with `?` placeholders and scalar parameters, bound for the dialect. */
export function plainStatement(dialect: Dialect, sql: string, params: readonly SqlValue[]): BoundStatement {
  return { sql: dialect === "postgres" ? toPgPlaceholders(sql) : sql, params: params.map((v) => bind(dialect, v)) };
}

/** `?, ?, …` for an IN list. */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => "?").join(", ");
}

/** Rows per statement for `width` parameters a row (SQLite's limit; PostgreSQL takes arrays). */
export function rowsPerStatement(width: number, cap = 1_000): number {
  return Math.max(1, Math.min(cap, Math.floor(SQLITE_MAX_PARAMS / Math.max(1, width))));
}
