// Builds one migrated template database per test run (by executing the committed migration
// SQL, which is much faster than the Prisma CLI); each test file then clones it.
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrationScripts, PG_ADMIN_URL, pgUrlFor } from "../../scripts/lib/migrations";

declare module "vitest" {
  export interface ProvidedContext {
    dbTemplate: { kind: "sqlite" | "postgres"; location: string };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Global setup runs in the main process, where a project's `env` is not applied: read the config.
  const kind = project.config.env?.TEST_DATABASE === "postgres" ? "postgres" : "sqlite";
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "flock-test-"));
    const file = join(dir, "template.sqlite");
    const sqlite = new Database(file);
    for (const script of migrationScripts("sqlite")) sqlite.exec(script);
    sqlite.close();
    project.provide("dbTemplate", { kind, location: file });
    return async () => rmSync(dir, { recursive: true, force: true });
  }
  const name = `flock_tpl_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const tpl = new pg.Client({ connectionString: pgUrlFor(name) });
  await tpl.connect();
  for (const script of migrationScripts("postgres")) await tpl.query(script);
  await tpl.end();
  project.provide("dbTemplate", { kind, location: name });
  return async () => {
    const leftovers = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [
      `flock_t_${process.pid}_%`,
    ]);
    for (const row of leftovers.rows) await admin.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  };
}
