// `npm run setup`: generate both Prisma clients and apply migrations to DATABASE_URL
// (default: the SQLite file prisma/dev.sqlite).
import { execFileSync } from "node:child_process";

const url = process.env.DATABASE_URL ?? "file:./prisma/dev.sqlite";
const prisma = "node_modules/.bin/prisma";

function run(args: string[]): void {
  execFileSync(prisma, args, { stdio: "inherit", env: { ...process.env, DATABASE_URL: url } });
}

export function generateClients(): void {
  run(["generate", "--schema", "prisma/schema.prisma"]);
  run(["generate", "--schema", "prisma/pg/schema.prisma"]);
}

generateClients();
run(["migrate", "deploy"]);
