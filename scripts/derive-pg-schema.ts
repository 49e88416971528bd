// Derives prisma/pg/schema.prisma from prisma/schema.prisma (the single source of truth).
// `--check` exits 1 when the committed file is stale, or when prisma/schema.prisma changed
// without a migration (the snapshot differs); CI runs it.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { derivePgSchema } from "./derive-pg-lib";

const source = readFileSync("prisma/schema.prisma", "utf8");
const target = "prisma/pg/schema.prisma";
const derived = derivePgSchema(source);

if (process.argv.includes("--check")) {
  const problems: string[] = [];
  if (!existsSync(target) || readFileSync(target, "utf8") !== derived) {
    problems.push(`${target} is stale: run \`npm run prisma:derive-pg\` and commit it.`);
  }
  if (readFileSync("prisma/snapshot/schema.prisma", "utf8") !== source) {
    problems.push("prisma/schema.prisma changed without a migration: run `tsx scripts/new-migration.ts <name>`.");
  }
  if (problems.length > 0) {
    console.error(problems.join("\n"));
    process.exit(1);
  }
  console.log("Prisma schemas and migrations are consistent.");
} else {
  mkdirSync("prisma/pg", { recursive: true });
  writeFileSync(target, derived);
  console.log(`wrote ${target}`);
}
