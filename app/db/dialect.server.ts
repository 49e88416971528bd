import type { Db } from "~/db/db.server";
import type { Dialect } from "~/db/sql-runner.server";

/** Which database a client talks to; the generated client records its provider. */
export function dbDialect(db: Db): Dialect {
  const provider = (db as unknown as { _activeProvider?: unknown })._activeProvider;
  if (provider === "sqlite") return "sqlite";
  if (provider === "postgresql" || provider === "postgres") return "postgres";
  throw new Error(`Unknown database provider ${String(provider)}`);
}
