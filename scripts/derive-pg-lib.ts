/** The PostgreSQL schema is the SQLite one with the provider, url and client output swapped. */
export function derivePgSchema(sqliteSchema: string): string {
  const replaced = sqliteSchema
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('url      = "file:./dev.sqlite"', 'url      = "postgresql://localhost:5432/flock"')
    .replace('output     = "../generated/sqlite"', 'output     = "../../generated/pg"');
  return "// GENERATED from prisma/schema.prisma by `npm run prisma:derive-pg`. Do not edit.\n" + replaced;
}
