// `tsx scripts/new-migration.ts <name>`: writes a migration for both databases from the
// difference between prisma/snapshot/schema.prisma (the schema as of the newest migration)
// and prisma/schema.prisma, then refreshes the snapshot and the derived PostgreSQL schema.
// `prisma migrate dev` needs a shadow database and does not work offline here.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { derivePgSchema } from "./derive-pg-lib";
import { readFileSync } from "node:fs";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: tsx scripts/new-migration.ts <snake_case_name>");
  process.exit(1);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const folder = `${stamp}_${name}`;

function diff(from: string, to: string, url: string): string {
  return execFileSync(
    "node_modules/.bin/prisma",
    ["migrate", "diff", "--from-schema-datamodel", from, "--to-schema-datamodel", to, "--script"],
    { env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" },
  );
}

writeFileSync("prisma/pg/schema.prisma", derivePgSchema(readFileSync("prisma/schema.prisma", "utf8")));
writeFileSync("/tmp/flock-snapshot-pg.prisma", derivePgSchema(readFileSync("prisma/snapshot/schema.prisma", "utf8")));
const sqlite = diff("prisma/snapshot/schema.prisma", "prisma/schema.prisma", "file::memory:");
const pg = diff(
  "/tmp/flock-snapshot-pg.prisma",
  "prisma/pg/schema.prisma",
  process.env.PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
);
mkdirSync(`prisma/migrations/${folder}`, { recursive: true });
mkdirSync(`prisma/pg/migrations/${folder}`, { recursive: true });
writeFileSync(`prisma/migrations/${folder}/migration.sql`, sqlite);
writeFileSync(`prisma/pg/migrations/${folder}/migration.sql`, pg);
copyFileSync("prisma/schema.prisma", "prisma/snapshot/schema.prisma");
console.log(`wrote prisma/migrations/${folder} and prisma/pg/migrations/${folder}`);
