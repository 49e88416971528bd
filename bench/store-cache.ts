// Generated stores for benchmarks, cached by size and seed: a million-customer store takes
// minutes to write, so benches other than `generate` reuse it. SQLite stores are files under
// bench/.cache/; PostgreSQL stores are databases named flock_bench_<customers>_<seed>. Both
// are built under a temporary name and renamed when complete, so an interrupted build is never
// mistaken for a finished store. PostgreSQL is the test server (FLOCK_TEST_PG_URL, default
// postgres@127.0.0.1:5432).
import Database from "better-sqlite3";
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import pg from "pg";
import { bulkWriteStore, type BulkWriteOptions, type BulkWriteResult } from "../app/sandbox/store-generator/bulk-write.server";
import { demoShop } from "../app/sandbox/store-generator/generate";
import { migrationScripts, PG_ADMIN_URL, pgUrlFor, schemaTag } from "../scripts/lib/migrations";

export const CACHE_DIR = resolve("bench/.cache");
/** Benchmark stores are generated "as of" this instant, so a seed always gives the same store. */
export const BENCH_NOW = new Date("2026-11-23T12:00:00.000Z");
export const BENCH_SHOP = "bench.myshopify.com";

export interface BenchStoreSpec {
  customers: number;
  seed: number;
}

export type EnsureBenchStoreOptions = BenchStoreSpec & { kind: "sqlite" | "postgres" };

/** A cached store: the SQLite file path, or the PostgreSQL database name and URL. */
export type BenchStore = { kind: "sqlite"; file: string } | { kind: "postgres"; database: string; url: string };

export function sqliteCachePath(spec: BenchStoreSpec): string {
  return join(CACHE_DIR, `store-c${spec.customers}-s${spec.seed}-m${schemaTag()}.sqlite`);
}

export function pgCacheName(spec: BenchStoreSpec): string {
  return `flock_bench_${spec.customers}_${spec.seed}_m${schemaTag()}`;
}

/** Returns the cached store for this size and seed, generating it on first use. */
export async function ensureBenchStore(options: EnsureBenchStoreOptions): Promise<BenchStore> {
  if (options.kind === "sqlite") {
    const file = sqliteCachePath(options);
    if (!isCompleteSqliteStore(file, options)) {
      removeSqlite(file);
      const scratch = await createScratchStore("sqlite", `build-${process.pid}`);
      await writeBenchStore(scratch, options);
      await adoptIntoCache(scratch, options);
    }
    return { kind: "sqlite", file };
  }
  const database = pgCacheName(options);
  if (!(await pgDatabaseExists(database))) {
    const scratch = await createScratchStore("postgres", `build_${process.pid}`);
    await writeBenchStore(scratch, options);
    await adoptIntoCache(scratch, options);
  }
  return { kind: "postgres", database, url: pgUrlFor(database) };
}

/** An empty migrated database under a scratch name (the `generate` bench writes into these). */
export async function createScratchStore(kind: "sqlite" | "postgres", tag: string): Promise<BenchStore> {
  if (kind === "sqlite") {
    mkdirSync(CACHE_DIR, { recursive: true });
    const file = join(CACHE_DIR, `scratch-${tag}.sqlite`);
    removeSqlite(file);
    const sqlite = new Database(file);
    try {
      for (const script of migrationScripts("sqlite")) sqlite.exec(script);
    } finally {
      sqlite.close();
    }
    return { kind, file };
  }
  const database = `flock_bench_scratch_${tag}`;
  await withAdmin(async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${database}"`);
  });
  const url = pgUrlFor(database);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const script of migrationScripts("postgres")) await client.query(script);
  } finally {
    await client.end();
  }
  return { kind, database, url };
}

export function writeBenchStore(
  store: BenchStore,
  spec: BenchStoreSpec,
  onProgress?: BulkWriteOptions["onProgress"],
): Promise<BulkWriteResult> {
  const target = store.kind === "sqlite" ? { kind: "sqlite" as const, file: store.file } : { kind: "postgres" as const, url: store.url };
  // Scratch stores are built under a temporary name and discarded if anything fails.
  return bulkWriteStore(target, demoShop(BENCH_SHOP), {
    seed: spec.seed,
    customers: spec.customers,
    now: BENCH_NOW,
    throwaway: true,
    onProgress,
  });
}

/** Moves a fully written scratch store into the cache (or drops it if one is there already). */
export async function adoptIntoCache(store: BenchStore, spec: BenchStoreSpec): Promise<void> {
  if (store.kind === "sqlite") {
    const target = sqliteCachePath(spec);
    if (isCompleteSqliteStore(target, spec)) {
      removeSqlite(store.file);
    } else {
      removeSqlite(target);
      renameSync(store.file, target);
    }
    return;
  }
  const target = pgCacheName(spec);
  const exists = await pgDatabaseExists(target);
  await withAdmin((admin) =>
    admin.query(exists ? `DROP DATABASE "${store.database}" WITH (FORCE)` : `ALTER DATABASE "${store.database}" RENAME TO "${target}"`),
  );
}

/** Deletes a scratch store (after a failed load). */
export async function discardStore(store: BenchStore): Promise<void> {
  if (store.kind === "sqlite") removeSqlite(store.file);
  else await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${store.database}" WITH (FORCE)`));
}

/** A cached file counts only if it holds the whole store (opening a missing path creates an empty file). */
function isCompleteSqliteStore(file: string, spec: BenchStoreSpec): boolean {
  if (!existsSync(file) || statSync(file).size === 0) return false;
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const row = sqlite.prepare(`SELECT COUNT(*) AS "n" FROM "Customer" WHERE "shop" = ?`).get(BENCH_SHOP) as { n: number } | undefined;
    return row?.n === spec.customers;
  } catch {
    return false;
  } finally {
    sqlite.close();
  }
}

function removeSqlite(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${file}${suffix}`, { force: true });
}

async function pgDatabaseExists(name: string): Promise<boolean> {
  return withAdmin(async (admin) => (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1);
}

async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
