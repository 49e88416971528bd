// SQLite side of the bulk loader: better-sqlite3 directly, prepared statements, ids assigned
// here, one transaction per batch of customers. See bulk-write.server.ts for the contract.
import Database from "better-sqlite3";
import type { BulkWriteOptions, BulkWriteResult } from "./bulk-write.server";
import { generateCatalog, generateCustomers } from "./generate";
import {
  CLEAR_ORDER,
  emitCatalogRows,
  emitCustomerRows,
  ID_TABLES,
  type IdTable,
  RANDOM_ORDER_INDEXES,
  type Row,
  STORE_COLUMNS,
  type StoreTable,
} from "./store-rows";
import type { GenShop } from "./types";

/**
 * Prisma 6.19's better-sqlite3 adapter stores DateTime as ISO-8601 text with a "+00:00"
 * offset and millisecond precision, Boolean as 0/1, BigInt and Int as INTEGER and enums as
 * their name (checked by bulk-write.integration.test.ts, which reads the rows back through
 * Prisma). Anything else would read back wrong or fail to parse.
 */
export function sqliteValue(value: Row[number]): string | number | null {
  if (value instanceof Date) return `${value.toISOString().slice(0, -1)}+00:00`;
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

export function bulkWriteSqlite(file: string, info: GenShop, options: BulkWriteOptions): BulkWriteResult {
  const sqlite = new Database(file);
  try {
    return loadSqlite(sqlite, info, options);
  } finally {
    sqlite.close();
  }
}

function loadSqlite(sqlite: Database.Database, info: GenShop, options: BulkWriteOptions): BulkWriteResult {
  const writtenAt = new Date();
  const { shop } = info;
  // Foreign keys are right by construction (ids are assigned here), and checking each of
  // ~27M inserts costs time; synchronous=OFF skips fsyncs a bulk load does not need (a lost
  // tail after a power cut is regenerated). WAL unless throwaway: a failed batch still rolls
  // back cleanly, which journal_mode=OFF cannot promise.
  const foreignKeys = sqlite.pragma("foreign_keys", { simple: true });
  sqlite.pragma("foreign_keys = OFF");
  const journal = sqlite.pragma("journal_mode", { simple: true }) as string;
  sqlite.pragma(`journal_mode = ${options.throwaway ? "OFF" : "WAL"}`);
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("cache_size = -262144");

  const iso = sqliteValue(writtenAt);
  sqlite
    .prepare(
      `INSERT INTO "Shop" ("shop", "name", "email", "ianaTimezone", "currency", "installedAt", "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT ("shop") DO UPDATE SET "name" = excluded."name", "email" = excluded."email", "ianaTimezone" = excluded."ianaTimezone",
     "currency" = excluded."currency", "updatedAt" = excluded."updatedAt"`,
    )
    .run(shop, info.name, info.email, info.ianaTimezone, info.currency, iso, iso, iso);
  sqlite.transaction(() => {
    for (const table of CLEAR_ORDER) sqlite.prepare(`DELETE FROM "${table}" WHERE "shop" = ?`).run(shop);
  })();

  const nextId = nextSqliteIds(sqlite);
  const deferred = options.throwaway ? deferIndexes(sqlite) : [];
  const inserts = new Map<StoreTable, BatchedInsert>();
  for (const [table, columns] of Object.entries(STORE_COLUMNS)) inserts.set(table as StoreTable, new BatchedInsert(sqlite, table, columns));
  const result: BulkWriteResult = { customers: 0, orders: 0, lineItems: 0, checkouts: 0, facts: 0, products: 0, collections: 0, rows: 0 };
  const sink = (table: StoreTable, row: Row): void => {
    (inserts.get(table) as BatchedInsert).add(row);
    result.rows += 1;
  };
  const commit = (): void => {
    for (const insert of inserts.values()) insert.flush();
    sqlite.exec("COMMIT");
  };

  const catalog = generateCatalog(options.seed, options.now);
  sqlite.exec("BEGIN");
  const productIds = emitCatalogRows(shop, catalog, nextId, sink);
  commit();
  result.products = catalog.products.length;
  result.collections = catalog.collections.length;

  const batchSize = options.batchSize ?? 10_000;
  let inBatch = 0;
  sqlite.exec("BEGIN");
  try {
    for (const chunk of generateCustomers({ seed: options.seed, customers: options.customers, now: options.now }, catalog)) {
      emitCustomerRows(shop, chunk, productIds, nextId, writtenAt, sink, result);
      if (++inBatch >= batchSize) {
        commit();
        options.onProgress?.({ ...result });
        inBatch = 0;
        sqlite.exec("BEGIN");
      }
    }
    commit();
  } catch (error) {
    if (sqlite.inTransaction && !options.throwaway) sqlite.exec("ROLLBACK");
    throw error;
  }
  options.onProgress?.({ ...result });

  for (const index of deferred) sqlite.exec(index.sql);
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  // Leave the file as we found it, so Prisma's connection settings keep applying.
  if (journal.toLowerCase() !== "wal") sqlite.pragma(`journal_mode = ${journal}`);
  sqlite.pragma(`foreign_keys = ${foreignKeys ? "ON" : "OFF"}`);
  return result;
}

/** Rows per multi-row INSERT: one statement call per 64 rows costs far less than 64 calls. */
const ROWS_PER_STATEMENT = 64;

/** Buffers one table's rows and inserts them ROWS_PER_STATEMENT at a time. */
class BatchedInsert {
  private readonly one: Database.Statement;
  private readonly many: Database.Statement;
  private readonly values: (string | number | null)[] = [];
  private readonly width: number;
  private pending = 0;

  constructor(sqlite: Database.Database, table: string, columns: readonly string[]) {
    const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `;
    const tuple = `(${columns.map(() => "?").join(", ")})`;
    this.one = sqlite.prepare(head + tuple);
    this.many = sqlite.prepare(head + new Array<string>(ROWS_PER_STATEMENT).fill(tuple).join(", "));
    this.width = columns.length;
  }

  add(row: Row): void {
    for (const value of row) this.values.push(sqliteValue(value));
    if (++this.pending === ROWS_PER_STATEMENT) {
      this.many.run(this.values);
      this.values.length = 0;
      this.pending = 0;
    }
  }

  /** Writes what is buffered; call before every COMMIT. */
  flush(): void {
    for (let i = 0; i < this.pending; i++) this.one.run(this.values.slice(i * this.width, (i + 1) * this.width));
    this.values.length = 0;
    this.pending = 0;
  }
}

/** Drops the random-order indexes the database has, returning their SQL to rebuild them. */
function deferIndexes(sqlite: Database.Database): { name: string; sql: string }[] {
  const placeholders = RANDOM_ORDER_INDEXES.map(() => "?").join(", ");
  const indexes = sqlite
    .prepare(`SELECT "name", "sql" FROM "sqlite_master" WHERE "type" = 'index' AND "name" IN (${placeholders})`)
    .all(...RANDOM_ORDER_INDEXES) as { name: string; sql: string }[];
  for (const index of indexes) sqlite.exec(`DROP INDEX "${index.name}"`);
  return indexes;
}

/**
 * First free id per table: past both the largest id and SQLite's AUTOINCREMENT counter, so an
 * id that was used and deleted is never handed out again (the AUTOINCREMENT promise).
 */
function nextSqliteIds(sqlite: Database.Database): Record<IdTable, number> {
  const next = {} as Record<IdTable, number>;
  for (const table of ID_TABLES) {
    const max = (sqlite.prepare(`SELECT COALESCE(MAX("id"), 0) AS "max" FROM "${table}"`).get() as { max: number }).max;
    const seq = sqlite.prepare(`SELECT "seq" FROM "sqlite_sequence" WHERE "name" = ?`).get(table) as { seq: number } | undefined;
    next[table] = Math.max(max, seq?.seq ?? 0) + 1;
  }
  return next;
}
