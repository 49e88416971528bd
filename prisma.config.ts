// Prisma CLI configuration. Prisma 6.19 with the JS engine and driver adapters runs fully
// offline (no engine download). DATABASE_URL picks the database: a postgres:// URL uses the
// derived PostgreSQL schema and its migrations, anything else the SQLite schema.
// The CLI does not read .env when this file exists, so DATABASE_URL comes from the shell.
import { defineConfig } from "prisma/config";

const url = process.env.DATABASE_URL ?? "file:./prisma/dev.sqlite";
const isPostgres = /^postgres(ql)?:\/\//.test(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: isPostgres ? "prisma/pg/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: isPostgres ? "prisma/pg/migrations" : "prisma/migrations" },
  async adapter() {
    if (isPostgres) {
      // prisma#27403: the JS schema engine reads catalog columns of type `name` (19) and
      // `"char"` (18), which adapter-pg 6.19 cannot deserialize. Present them as text.
      const { default: Result } = await import("pg/lib/result.js" as string);
      const addFields = Result.prototype.addFields;
      Result.prototype.addFields = function (fields: { dataTypeID: number }[]) {
        for (const f of fields) if (f.dataTypeID === 19 || f.dataTypeID === 18) f.dataTypeID = 25;
        return addFields.call(this, fields);
      };
      const { PrismaPg } = await import("@prisma/adapter-pg");
      // allowExitOnIdle: otherwise the CLI waits ~10 s on the idle pool before exiting.
      return new PrismaPg({ connectionString: url, allowExitOnIdle: true });
    }
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSQLite3({ url: sqliteFile(url) });
  },
});

function sqliteFile(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, "");
}
