// The import writes through raw, parameterised SQL rather than Prisma's model API: a bulk
// import applies millions of monotonic upserts whose foreign keys are resolved by GID inside
// the statement, which Prisma's API cannot express without a read-back per batch. Two runners
// share the statements: better-sqlite3 directly (prepared statements, one transaction per
// batch: the fast path on SQLite) and Prisma's `$executeRawUnsafe` (any database Prisma is
// connected to, PostgreSQL in production). SQL text is built only from the constant table and
// column names in upserts.server.ts; every value is a bound parameter.
import Database from "better-sqlite3";
import type { Db } from "~/db/db.server";
import { dbDialect } from "~/db/dialect.server";
import { columns, unnestSql } from "./pg-batch";
import { dialectSql, pgParam, sqliteParam, toPgPlaceholders, type Dialect, type SqlValue, type Statement } from "./sql-text";

export { dialectSql, sqliteParam, toPgPlaceholders, type Dialect, type SqlValue, type Statement };

export interface SqlRunner {
  readonly dialect: Dialect;
  /** Runs the statements in one transaction; returns rows changed per statement. */
  runBatch(statements: readonly Statement[]): Promise<number[]>;
  run(statement: Statement): Promise<number>;
  query<T>(statement: Statement): Promise<T[]>;
  close(): Promise<void>;
}

export interface SqliteRunnerOptions {
  /**
   * "OFF" skips the fsyncs of WAL checkpoints: a killed process loses nothing (the OS has the
   * pages), but an OS crash or power cut mid-import can corrupt the file. Only for throwaway
   * or freshly created databases (benchmarks, a first import re-runnable from scratch).
   */
  synchronous?: "NORMAL" | "OFF";
}

/** The fast path: a better-sqlite3 connection of its own on the database file. */
export function openSqliteRunner(file: string, options: SqliteRunnerOptions = {}): SqlRunner {
  const sqlite = new Database(file.replace(/^file:/, ""));
  sqlite.pragma("busy_timeout = 10000");
  sqlite.pragma("journal_mode = WAL");
  // NORMAL in WAL mode keeps every commit atomic and the file uncorrupted by a crash (what the
  // checkpoint relies on) without an fsync per commit; fsyncs happen at WAL checkpoints, which a
  // larger auto-checkpoint threshold (64 MiB of WAL) makes rare during a bulk import.
  // https://www.sqlite.org/pragma.html#pragma_synchronous
  // Foreign keys hold by construction: every parent id comes from a join on the parent's GID
  // inside the statement, so per-row FK checks are skipped on this connection.
  sqlite.pragma(options.synchronous === "OFF" ? "synchronous = OFF" : "synchronous = NORMAL");
  sqlite.pragma("wal_autocheckpoint = 16384");
  sqlite.pragma("foreign_keys = OFF");
  // 32 MiB of page cache: the import appends mostly in GID order, so a bigger cache buys little
  // and would count against the import's memory budget (256 MB peak RSS at 1M customers).
  sqlite.pragma("cache_size = -32768");
  const cache = new Map<string, Database.Statement>();
  const prepare = (sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = sqlite.prepare(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  };
  const bind = (params: SqlValue[]) => params.map(sqliteParam);
  const batch = sqlite.transaction((statements: readonly Statement[]) => statements.map((s) => prepare(s.sql).run(bind(s.params)).changes));
  return {
    dialect: "sqlite",
    runBatch: async (statements) => batch(statements),
    run: async (s) => prepare(s.sql).run(bind(s.params)).changes,
    query: async <T>(s: Statement) => prepare(s.sql).all(bind(s.params)) as T[],
    close: async () => {
      sqlite.close();
    },
  };
}

/**
 * SQLite sorts (an index build, a GROUP BY over millions of rows) in memory up to its page-cache
 * size, on top of the cache itself, before spilling to a temporary file. Big set-based statements
 * run with a small cache to keep the import inside its memory budget (256 MB peak RSS at 1M
 * customers), at the cost of a few more merge passes. PostgreSQL has its own work_mem.
 */
export async function withSmallSqliteCache<T>(runner: SqlRunner, work: () => Promise<T>): Promise<T> {
  if (runner.dialect !== "sqlite") return work();
  const [cache] = await runner.query<{ cache_size: number | bigint }>({ sql: "PRAGMA cache_size", params: [] });
  await runner.run({ sql: `PRAGMA cache_size = -${SMALL_SQLITE_CACHE_KIB}`, params: [] });
  try {
    return await work();
  } finally {
    if (cache) await runner.run({ sql: `PRAGMA cache_size = ${Number(cache.cache_size)}`, params: [] });
  }
}

const SMALL_SQLITE_CACHE_KIB = 8_192;

/** Runs the statements through a Prisma client (either database). */
export async function prismaRunner(db: Db): Promise<SqlRunner> {
  const dialect = await detectDialect(db);
  const text = (sql: string) => (dialect === "postgres" ? toPgPlaceholders(sql) : sql);
  const bind = (params: SqlValue[]) => params.map(dialect === "postgres" ? pgParam : sqliteParam);
  return {
    dialect,
    runBatch: (statements) =>
      db.$transaction(
        async (tx) => {
          const changed: number[] = [];
          for (const group of runsOfSameSql(statements)) {
            const first = group[0] as Statement;
            const batched = dialect === "postgres" && group.length >= PG_BATCH_MIN ? unnestSql(first.sql) : null;
            if (!batched) {
              for (const s of group) changed.push(await tx.$executeRawUnsafe(text(s.sql), ...bind(s.params)));
              continue;
            }
            const rows = group.map((s) => bind(s.params) as SqlValue[]);
            const total = await tx.$executeRawUnsafe(batched.sql, ...columns(rows, batched.types.length));
            // One count for the group: rows not changed (orphans, older versions) are reported first.
            for (let i = 0; i < group.length; i++) changed.push(i < group.length - total ? 0 : 1);
          }
          return changed;
        },
        { timeout: 120_000, maxWait: 30_000 },
      ),
    run: (s) => db.$executeRawUnsafe(text(s.sql), ...bind(s.params)),
    query: <T>(s: Statement) => db.$queryRawUnsafe<T[]>(text(s.sql), ...bind(s.params)),
    close: async () => {},
  };
}

/** Below this many rows of one statement, per-row execution is as quick as the unnest form. */
const PG_BATCH_MIN = 8;

/** Consecutive statements with the same SQL, in order. */
function runsOfSameSql(statements: readonly Statement[]): Statement[][] {
  const runs: Statement[][] = [];
  for (const s of statements) {
    const last = runs[runs.length - 1];
    if (last && last[0]?.sql === s.sql) last.push(s);
    else runs.push([s]);
  }
  return runs;
}

async function detectDialect(db: Db): Promise<Dialect> {
  try {
    return dbDialect(db);
  } catch {
    // A client without a recorded provider: ask the database.
    return db.$queryRawUnsafe("SELECT sqlite_version()").then(
      () => "sqlite" as const,
      () => "postgres" as const,
    );
  }
}
