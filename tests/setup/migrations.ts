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

export const PG_ADMIN_URL = process.env.FLOCK_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export function pgUrlFor(database: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}
