// Prisma singleton. Both generated clients exist side by side (generated/sqlite and
// generated/pg): the adapter refuses a client generated for the other provider, and
// regenerating one shared client per database would make the suites trample each other.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import type * as SqliteClient from "../../generated/sqlite/index.js";
import { env } from "../env.server";

export type Db = SqliteClient.PrismaClient;
/** What an interactive transaction callback receives. */
export type DbTx = SqliteClient.Prisma.TransactionClient;

// The generated clients are CommonJS that load their wasm query compiler from beside
// themselves, so they are required at run time from the project root rather than bundled
// into the Remix server build.
const requireFromRoot = createRequire(resolve(process.cwd(), "package.json"));

export function loadClientModule(kind: "sqlite" | "pg"): typeof SqliteClient {
  return requireFromRoot(`./generated/${kind}/index.js`) as typeof SqliteClient;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/** Opens a client for `url`. Tests and scripts use this; app code uses `db()`. */
export function connectDb(url: string): Db {
  if (isPostgresUrl(url)) {
    // Both clients come from one schema and differ only in provider, so the model API is the same.
    const { PrismaClient } = loadClientModule("pg");
    return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  }
  const { PrismaClient } = loadClientModule("sqlite");
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: url.replace(/^file:/, "") }) });
}

declare global {
  var __flockDb: Db | undefined;
}

/** The process-wide client (kept on globalThis so Vite's dev reloads do not open more). */
export function db(): Db {
  globalThis.__flockDb ??= connectDb(env().DATABASE_URL);
  return globalThis.__flockDb;
}
