// PostgreSQL side of the bulk loader: COPY ... FROM STDIN in text format, ids assigned by the
// writer, sequences moved past them at the end. Generation and loading overlap: while
// PostgreSQL ingests one batch, the next is generated (the loop yields to let the socket drain).
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { setImmediate as yieldToIo } from "node:timers/promises";
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

/** Customers generated between two yields to the event loop. */
const YIELD_EVERY = 500;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/**
 * One value in COPY's text format. Timestamps are `timestamp(3)` without time zone holding
 * UTC, as @prisma/adapter-pg writes them; PostgreSQL ignores the ISO string's "Z" for that type.
 */
export function copyText(value: Row[number]): string {
  if (value === null) return "\\N";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number") return String(value);
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] ?? c) : value;
}

type Batch = Map<StoreTable, string[]>;

export async function bulkWritePostgres(url: string, info: GenShop, options: BulkWriteOptions): Promise<BulkWriteResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await loadPostgres(client, info, options);
  } finally {
    await client.end();
  }
}

async function loadPostgres(client: pg.Client, info: GenShop, options: BulkWriteOptions): Promise<BulkWriteResult> {
  const writtenAt = new Date();
  const { shop } = info;
  // A lost tail after a crash is harmless for a generated store, and skipping the WAL flush
  // at every commit is measurably faster.
  await client.query("SET synchronous_commit = off");
  await client.query(
    `INSERT INTO "Shop" ("shop", "name", "email", "ianaTimezone", "currency", "installedAt", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6, $6, $6)
     ON CONFLICT ("shop") DO UPDATE SET "name" = EXCLUDED."name", "email" = EXCLUDED."email", "ianaTimezone" = EXCLUDED."ianaTimezone",
     "currency" = EXCLUDED."currency", "updatedAt" = EXCLUDED."updatedAt"`,
    [shop, info.name, info.email, info.ianaTimezone, info.currency, writtenAt.toISOString()],
  );
  await inTransaction(client, async () => {
    for (const table of CLEAR_ORDER) await client.query(`DELETE FROM "${table}" WHERE "shop" = $1`, [shop]);
  });

  const deferred = options.throwaway ? await deferIndexes(client) : [];
  // Throwaway loads also skip the foreign-key triggers, as pg_restore --disable-triggers does:
  // the ids are consistent by construction. Only a superuser may; others keep the checks.
  if (options.throwaway) await client.query("SET session_replication_role = replica").catch(() => undefined);
  const sequences = await sequenceState(client);
  const nextId = {} as Record<IdTable, number>;
  for (const table of ID_TABLES) nextId[table] = sequences[table].next;

  const result: BulkWriteResult = { customers: 0, orders: 0, lineItems: 0, checkouts: 0, facts: 0, products: 0, collections: 0, rows: 0 };
  let batch: Batch = new Map();
  const sink = (table: StoreTable, row: Row): void => {
    let lines = batch.get(table);
    if (!lines) batch.set(table, (lines = []));
    lines.push(row.map(copyText).join("\t"));
    result.rows += 1;
  };

  const catalog = generateCatalog(options.seed, options.now);
  const productIds = emitCatalogRows(shop, catalog, nextId, sink);
  result.products = catalog.products.length;
  result.collections = catalog.collections.length;
  await inTransaction(client, () => copyBatch(client, batch));
  batch = new Map();

  const batchSize = options.batchSize ?? 10_000;
  let inBatch = 0;
  let pending: Promise<void> = Promise.resolve();
  const flush = async (): Promise<void> => {
    const full = batch;
    const progress = { ...result };
    batch = new Map();
    inBatch = 0;
    // At most one batch in flight: memory stays at two batches whatever the store size.
    await pending;
    pending = inTransaction(client, () => copyBatch(client, full)).then(() => options.onProgress?.(progress));
    // Marks a failure as handled until the next flush awaits it (and rethrows it there).
    pending.catch(() => undefined);
  };
  for (const chunk of generateCustomers({ seed: options.seed, customers: options.customers, now: options.now }, catalog)) {
    emitCustomerRows(shop, chunk, productIds, nextId, writtenAt, sink, result);
    inBatch += 1;
    if (inBatch % YIELD_EVERY === 0) await yieldToIo();
    if (inBatch >= batchSize) await flush();
  }
  await flush();
  await pending;

  for (const table of ID_TABLES) {
    const last = nextId[table] - 1;
    if (last >= 1) await client.query(`SELECT setval($1::regclass, $2, true)`, [sequences[table].name, last]);
  }
  for (const index of deferred) await client.query(index.sql);
  if (options.throwaway) await client.query("RESET session_replication_role").catch(() => undefined);
  // Fresh statistics, so the queries benchmarked right after a load get sensible plans.
  for (const table of Object.keys(STORE_COLUMNS)) await client.query(`ANALYZE "${table}"`);
  return result;
}

async function copyBatch(client: pg.Client, batch: Batch): Promise<void> {
  // Parents before children, as the foreign keys want.
  for (const table of Object.keys(STORE_COLUMNS) as StoreTable[]) {
    const lines = batch.get(table);
    if (!lines || lines.length === 0) continue;
    const columns = STORE_COLUMNS[table].map((c) => `"${c}"`).join(", ");
    const stream = client.query(copyFrom(`COPY "${table}" (${columns}) FROM STDIN`));
    await new Promise<void>((resolve, reject) => {
      stream.on("finish", resolve);
      stream.on("error", reject);
      stream.end(`${lines.join("\n")}\n`);
    });
  }
}

async function inTransaction(client: pg.Client, work: () => Promise<void>): Promise<void> {
  await client.query("BEGIN");
  try {
    await work();
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

/** Drops the random-order indexes (see RANDOM_ORDER_INDEXES), returning the SQL to rebuild them. */
async function deferIndexes(client: pg.Client): Promise<{ name: string; sql: string }[]> {
  const { rows } = await client.query<{ name: string; sql: string }>(
    `SELECT indexname AS "name", indexdef AS "sql" FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ANY($1)`,
    [RANDOM_ORDER_INDEXES],
  );
  for (const index of rows) await client.query(`DROP INDEX "${index.name}"`);
  return rows;
}

/** Each id table's sequence and the first id past both its rows and its sequence. */
async function sequenceState(client: pg.Client): Promise<Record<IdTable, { name: string; next: number }>> {
  const state = {} as Record<IdTable, { name: string; next: number }>;
  for (const table of ID_TABLES) {
    const seq = await client.query<{ name: string }>(`SELECT pg_get_serial_sequence($1, 'id') AS "name"`, [`"${table}"`]);
    const name = seq.rows[0]?.name;
    if (!name) throw new Error(`Table ${table} has no id sequence`);
    const { rows } = await client.query<{ max: string; last: string; called: boolean }>(
      `SELECT (SELECT COALESCE(MAX("id"), 0) FROM "${table}")::text AS "max", last_value::text AS "last", is_called AS "called" FROM ${name}`,
    );
    const row = rows[0];
    if (!row) throw new Error(`Sequence ${name} has no state`);
    state[table] = { name, next: Math.max(Number(row.max), row.called ? Number(row.last) : Number(row.last) - 1) + 1 };
  }
  return state;
}
