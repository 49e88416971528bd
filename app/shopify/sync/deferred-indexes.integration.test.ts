// Secondary indexes deferred during a first import, on both databases: the list matches the
// migrated schema, only empty tables lose them, and every way an import ends gives them back.
import { afterEach, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { DEFERRED_INDEXES, deferIndexesOfEmptyTables, restoreDeferredIndexes } from "./deferred-indexes.server";
import { importBulkFiles } from "./import-files.server";
import { SYNC_RESOURCES } from "./resources";
import { prismaRunner, type SqlRunner } from "../../db/sql-runner.server";

const FIXTURES = "tests/fixtures/shopify/bulk";
const files = {
  collections: `${FIXTURES}/collections.jsonl`,
  products: `${FIXTURES}/products.jsonl`,
  customers: `${FIXTURES}/customers.jsonl`,
  orders: `${FIXTURES}/orders.jsonl`,
  checkouts: `${FIXTURES}/checkouts.jsonl`,
};
const NOW = new Date("2026-11-23T12:00:00Z");
const SHOP = "first-import.myshopify.com";
const TABLES = ["Customer", "Order", "LineItem", "AbandonedCheckout"];

/** The non-unique indexes of the import's big tables, as `Table(col, col) name`, read from the catalog. */
async function secondaryIndexes(testDb: TestDb): Promise<string[]> {
  const rows =
    testDb.kind === "sqlite"
      ? await testDb.db.$queryRawUnsafe<{ name: string; tbl: string; cols: string }[]>(
          `SELECT m."name" AS "name", m."tbl_name" AS "tbl", (SELECT group_concat("name", ', ') FROM pragma_index_info(m."name")) AS "cols"
           FROM sqlite_master m WHERE m."type" = 'index' AND m."sql" IS NOT NULL AND m."sql" NOT LIKE 'CREATE UNIQUE%'`,
        )
      : (
          await testDb.db.$queryRawUnsafe<{ name: string; tbl: string; def: string }[]>(
            `SELECT "indexname"::text AS "name", "tablename"::text AS "tbl", "indexdef" AS "def" FROM pg_indexes WHERE "schemaname" = current_schema() AND "indexdef" NOT LIKE 'CREATE UNIQUE%'`,
          )
        ).map((r) => ({ name: r.name, tbl: r.tbl, cols: (/\(([^)]*)\)\s*$/.exec(r.def)?.[1] ?? "").replaceAll('"', "") }));
  return rows
    .filter((r) => TABLES.includes(r.tbl))
    .map((r) => `${r.tbl}(${r.cols}) ${r.name}`)
    .sort();
}

const listed = () =>
  SYNC_RESOURCES.flatMap((r) => DEFERRED_INDEXES[r])
    .map((i) => `${i.table}(${i.columns.join(", ")}) ${i.name}`)
    .sort();

let testDb: TestDb | undefined;
let runner: SqlRunner | undefined;
async function freshStore(): Promise<{ testDb: TestDb; runner: SqlRunner }> {
  testDb = await createTestDb();
  runner = await prismaRunner(testDb.db);
  return { testDb, runner };
}
afterEach(async () => {
  await runner?.close();
  await testDb?.drop();
  testDb = undefined;
  runner = undefined;
});

describe("secondary indexes deferred during a first import", () => {
  it("lists exactly the secondary indexes the migrations create on the imported tables", async () => {
    const { testDb } = await freshStore();
    expect(listed()).toEqual(await secondaryIndexes(testDb));
  });

  it("drops them only on tables that hold no row at all, and restores them", async () => {
    const { testDb, runner } = await freshStore();
    // GIVEN an empty Order/LineItem pair and a Customer table holding another shop's customer
    await testDb.db.customer.create({
      data: { shop: "other.myshopify.com", gid: "gid://shopify/Customer/1", shopifyCreatedAt: NOW, shopifyUpdatedAt: NOW },
    });
    // WHEN each resource defers its indexes
    const droppedForCustomers = await deferIndexesOfEmptyTables(runner, "customers");
    const droppedForOrders = await deferIndexesOfEmptyTables(runner, "orders");
    // THEN the other shop's table keeps its indexes and the empty ones lose theirs
    expect(droppedForCustomers).toEqual([]);
    expect(droppedForOrders.sort()).toEqual(DEFERRED_INDEXES.orders.map((i) => i.name).sort());
    const during = await secondaryIndexes(testDb);
    expect(during.filter((i) => i.startsWith("Customer("))).toHaveLength(3);
    expect(during.filter((i) => i.startsWith("Order(") || i.startsWith("LineItem("))).toEqual([]);
    // WHEN they are restored, twice (an import resumed after a crash restores again)
    await restoreDeferredIndexes(runner, "orders");
    await restoreDeferredIndexes(runner, "orders");
    // THEN the schema is whole again
    expect(await secondaryIndexes(testDb)).toEqual(listed());
  });

  it("ends a first import with every index, whether it completes, fails half-way or resumes after a crash", async () => {
    const { testDb, runner } = await freshStore();
    // WHEN a first import into an empty database fails half-way through the orders
    let batches = 0;
    const failing = importBulkFiles({
      runner,
      shop: SHOP,
      files,
      now: () => NOW,
      batchSize: 10,
      onBatch: (resource) => {
        if (resource === "orders" && ++batches === 3) throw new Error("disk full");
      },
    });
    await expect(failing).rejects.toThrow("disk full");
    // THEN the indexes it had deferred are back
    expect(await secondaryIndexes(testDb)).toEqual(listed());

    // GIVEN the state a crash leaves: the orders' indexes dropped, the run unfinished
    for (const i of DEFERRED_INDEXES.orders) await runner.run({ sql: `DROP INDEX "${i.name}"`, params: [] });
    // WHEN the import is started again and completes
    await importBulkFiles({ runner, shop: SHOP, files, now: () => NOW, batchSize: 10 });
    // THEN every index exists and the rows are all there
    expect(await secondaryIndexes(testDb)).toEqual(listed());
    expect(await testDb.db.lineItem.count({ where: { shop: SHOP } })).toBe(81);
    expect(await testDb.db.order.count({ where: { shop: SHOP } })).toBe(36);
  });
});
