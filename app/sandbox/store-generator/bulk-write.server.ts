// Fast loader for large generated stores (benchmarks: a million customers, ~27M rows).
// `writeGeneratedStore` goes through Prisma and reads every batch back to learn its ids; here
// the writer assigns ids itself and writes straight through the driver: prepared statements in
// large transactions on SQLite, COPY on PostgreSQL (bulk-write-pg.server.ts). It writes the
// same rows as `writeGeneratedStore` and, like it, replaces the shop's store data.
import { bulkWritePostgres } from "./bulk-write-pg.server";
import { bulkWriteSqlite } from "./bulk-write-sqlite.server";
import type { RowCounts } from "./store-rows";
import type { GenShop } from "./types";

export interface BulkWriteOptions {
  seed: number;
  customers: number;
  now: Date;
  /** Customers per transaction (SQLite) or per COPY round (PostgreSQL). */
  batchSize?: number;
  /**
   * The database is disposable (a benchmark scratch file): SQLite then runs without a rollback
   * journal and builds the indexes whose keys arrive in random order after the load. A crash
   * or error mid-load may leave such a database unusable, so never set it for one you keep.
   */
  throwaway?: boolean;
  /** Called after each committed batch with the totals so far. */
  onProgress?: (written: BulkWriteResult) => void;
}

export interface BulkWriteResult extends RowCounts {
  products: number;
  collections: number;
  /** Every row written, catalog and collection memberships included. */
  rows: number;
}

export type BulkTarget = { kind: "sqlite"; file: string } | { kind: "postgres"; url: string };

/** Writes a generated store into a migrated database, replacing the shop's store data. */
export async function bulkWriteStore(target: BulkTarget, shop: GenShop, options: BulkWriteOptions): Promise<BulkWriteResult> {
  return target.kind === "sqlite" ? bulkWriteSqlite(target.file, shop, options) : bulkWritePostgres(target.url, shop, options);
}
