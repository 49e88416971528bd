// Secondary indexes built after a first import instead of row by row during it.
//
// Every non-unique index of the big tables is kept up to date by each INSERT. For keys that
// arrive in random order (a customer's email, an order's customer, a line item's product) each
// 5,000-row commit dirties thousands of index pages, and at 1M customers this maintenance is
// most of the import's cost (bench/ and docs/BENCHMARKS.md: a line item costs 10.9 µs of CPU
// with its two secondary indexes and 4.8 µs when they are built afterwards by one sorted
// CREATE INDEX). So when an import finds a table completely empty — a new database, whose
// first shop is installing — it drops that table's secondary indexes and builds them again
// once the resource is applied. A table holding any row (another shop's, or this shop's from
// an earlier attempt) keeps its indexes: other shops' queries never lose them.
//
// The unique indexes stay: the upserts' ON CONFLICT and the GID joins need them. Correctness
// never depends on the secondary indexes (webhooks applied meanwhile only run slower), and
// `restoreDeferredIndexes` is idempotent (CREATE INDEX IF NOT EXISTS), so an import killed
// before restoring them restores them when it resumes. deferred-indexes.integration.test.ts
// checks this list against the migrated schema of both databases.
import type { SyncResource } from "./resources";
import { withSmallSqliteCache, type SqlRunner } from "../../db/sql-runner.server";

export interface SecondaryIndex {
  name: string;
  table: string;
  columns: readonly string[];
}

const index = (table: string, ...columns: string[]): SecondaryIndex => ({ name: `${table}_${columns.join("_")}_idx`, table, columns });

/** The secondary (non-unique) indexes of the tables each resource fills. */
export const DEFERRED_INDEXES: Readonly<Record<SyncResource, readonly SecondaryIndex[]>> = {
  collections: [],
  products: [],
  customers: [index("Customer", "shop", "email"), index("Customer", "shop", "phone"), index("Customer", "shop", "shopifyUpdatedAt")],
  orders: [
    index("Order", "customerId"),
    index("Order", "shop", "customerGid"),
    index("Order", "shop", "processedAt"),
    index("Order", "shop", "checkoutToken"),
    index("LineItem", "orderId"),
    index("LineItem", "shop", "productGid"),
  ],
  checkouts: [index("AbandonedCheckout", "customerId"), index("AbandonedCheckout", "shop", "shopifyCreatedAt")],
};

const quote = (name: string) => `"${name}"`;

export function createIndexSql(i: SecondaryIndex): string {
  return `CREATE INDEX IF NOT EXISTS ${quote(i.name)} ON ${quote(i.table)}(${i.columns.map(quote).join(", ")})`;
}

async function isEmpty(runner: SqlRunner, table: string): Promise<boolean> {
  const rows = await runner.query<{ one: number }>({ sql: `SELECT 1 AS "one" FROM ${quote(table)} LIMIT 1`, params: [] });
  return rows.length === 0;
}

/** Drops the secondary indexes of the resource's tables that hold no row at all; returns the dropped names. */
export async function deferIndexesOfEmptyTables(runner: SqlRunner, resource: SyncResource): Promise<string[]> {
  const dropped: string[] = [];
  const tables = [...new Set(DEFERRED_INDEXES[resource].map((i) => i.table))];
  for (const table of tables) {
    if (!(await isEmpty(runner, table))) continue;
    for (const i of DEFERRED_INDEXES[resource].filter((candidate) => candidate.table === table)) {
      await runner.run({ sql: `DROP INDEX IF EXISTS ${quote(i.name)}`, params: [] });
      dropped.push(i.name);
    }
  }
  return dropped;
}

/** Builds any of the resource's secondary indexes that is missing (a no-op when all exist). */
export async function restoreDeferredIndexes(runner: SqlRunner, resource: SyncResource): Promise<void> {
  const indexes = DEFERRED_INDEXES[resource];
  if (indexes.length === 0) return;
  await withSmallSqliteCache(runner, async () => {
    for (const i of indexes) await runner.run({ sql: createIndexSql(i), params: [] });
  });
}
