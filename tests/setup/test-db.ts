// A fresh migrated database for one test file, cloned from the run's template.
import { randomUUID } from "node:crypto";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { connectDb, type Db } from "~/db/db.server";
import { PG_ADMIN_URL, pgUrlFor } from "../../scripts/lib/migrations";

export interface TestDb {
  db: Db;
  url: string;
  kind: "sqlite" | "postgres";
  drop(): Promise<void>;
}

export async function createTestDb(): Promise<TestDb> {
  const template = inject("dbTemplate");
  if (template.kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "flock-db-"));
    const file = join(dir, "test.sqlite");
    copyFileSync(template.location, file);
    const url = `file:${file}`;
    const db = connectDb(url);
    return {
      db,
      url,
      kind: "sqlite",
      async drop() {
        await db.$disconnect();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  // The template's server process id keeps parallel runs apart; see global-db.ts cleanup.
  const name = `flock_t_${template.location.split("_")[2]}_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template.location}"`);
  await admin.end();
  const url = pgUrlFor(name);
  const db = connectDb(url);
  return {
    db,
    url,
    kind: "postgres",
    async drop() {
      // A pool client a test left busy must not hang the teardown: DROP … WITH (FORCE) below
      // ends whatever connections remain.
      await Promise.race([db.$disconnect(), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
      const a = new pg.Client({ connectionString: PG_ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    },
  };
}
