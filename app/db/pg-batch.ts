// PURE: turns N executions of one per-row statement into one PostgreSQL statement over
// `unnest` arrays, so a batch costs one round trip instead of N. The per-row statements
// (upserts.ts) cast every PostgreSQL placeholder, `CAST(? AS <type>)`, which is what makes the
// rewrite mechanical: each cast becomes a column of the unnested input, typed `<type>[]`.
//   INSERT … VALUES (exprs) ON CONFLICT …  →  INSERT … SELECT exprs FROM unnest(…) AS v(…) ON CONFLICT …
//   INSERT … SELECT exprs FROM t WHERE …   →  INSERT … SELECT exprs FROM unnest(…) AS v(…), t WHERE …
// https://www.postgresql.org/docs/current/functions-array.html (unnest with several arrays)
import type { SqlValue } from "./sql-runner.server";

const CAST = /CAST\(\? AS ([^()]+(?:\([0-9]+\))?)\)/g;

export interface PgBatch {
  /** SQL with `$1…$n`, one array parameter per input column. */
  sql: string;
  params: SqlValue[][];
}

/** The unnest form of `sql` (with `?` casts), or null when the statement has another shape. */
export function unnestSql(sql: string): { sql: string; types: string[] } | null {
  const types: string[] = [];
  const body = sql.replace(CAST, (_match, type: string) => {
    types.push(type);
    return `v.c${types.length}`;
  });
  if (body.includes("?") || types.length === 0) return null;
  const input = `unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(", ")}) AS v(${types.map((_, i) => `c${i + 1}`).join(", ")})`;
  const values = body.indexOf(" VALUES (");
  if (values !== -1) {
    const open = values + " VALUES ".length;
    const close = matchingParen(body, open);
    if (close === -1) return null;
    return { sql: `${body.slice(0, values)} SELECT ${body.slice(open + 1, close)} FROM ${input}${body.slice(close + 1)}`, types };
  }
  const select = body.indexOf(" SELECT ");
  const from = select === -1 ? -1 : body.indexOf(" FROM ", select);
  if (from === -1) return null;
  return { sql: `${body.slice(0, from)} FROM ${input},${body.slice(from + " FROM".length)}`, types };
}

/** Transposes rows of parameters into one array per column. */
export function columns(rows: readonly (readonly SqlValue[])[], width: number): SqlValue[][] {
  const out: SqlValue[][] = Array.from({ length: width }, () => new Array<SqlValue>(rows.length));
  rows.forEach((row, r) => {
    for (let c = 0; c < width; c++) (out[c] as SqlValue[])[r] = row[c] ?? null;
  });
  return out;
}

function matchingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")" && --depth === 0) return i;
  }
  return -1;
}
