import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The committed migration scripts for a database, oldest first. */
export function migrationScripts(kind: "sqlite" | "postgres"): string[] {
  const dir = kind === "sqlite" ? "prisma/migrations" : "prisma/pg/migrations";
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => readFileSync(join(dir, name, "migration.sql"), "utf8"));
}

/** The timestamp of the newest migration: a cached database or export built before it is stale. */
export function schemaTag(): string {
  const names = readdirSync("prisma/migrations", { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return names[names.length - 1]?.split("_")[0] ?? "0";
}

export const PG_ADMIN_URL = process.env.FLOCK_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export function pgUrlFor(database: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * A scratch database migrated from the committed SQL (benchmarks and tools): a SQLite file
 * path, or a new PostgreSQL database next to PG_ADMIN_URL. `drop()` removes it.
 */
export async function createScratchDb(kind: "sqlite" | "postgres", label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const { mkdtempSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  if (kind === "sqlite") {
    const { default: Database } = await import("better-sqlite3");
    const dir = mkdtempSync(join(tmpdir(), `flock-${label}-`));
    const file = join(dir, "db.sqlite");
    const sqlite = new Database(file);
    for (const script of migrationScripts("sqlite")) sqlite.exec(script);
    sqlite.close();
    return { url: `file:${file}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const { default: pg } = await import("pg");
  const name = `flock_${label}_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const client = new pg.Client({ connectionString: pgUrlFor(name) });
  await client.connect();
  for (const script of migrationScripts("postgres")) await client.query(script);
  await client.end();
  return {
    url: pgUrlFor(name),
    async drop() {
      const a = new pg.Client({ connectionString: PG_ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    },
  };
}

/** True when the PostgreSQL server behind PG_ADMIN_URL answers. */
export async function postgresReachable(): Promise<boolean> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}
