// Links rows imported out of order and recomputes customer facts after an import.
//
// The facts follow app/facts/customer-facts.ts (`computeCustomerFacts`) exactly, as set-based
// SQL so a million customers take one statement: test orders are ignored, every other order
// counts, cancelled ones add nothing to the amount, and the average is amount / paid orders
// rounded half up (Math.round), written as floor((2a + p) / 2p) in integer arithmetic.
// facts.integration.test.ts checks the SQL against the pure function.
import { withSmallSqliteCache, type SqlRunner, type Statement } from "../../db/sql-runner.server";

/** Fills parent ids that were unknown when a row arrived (resources import in parallel). */
export function linkStatements(shop: string): Statement[] {
  return [
    {
      sql: `UPDATE "Order" SET "customerId" = (SELECT c."id" FROM "Customer" c WHERE c."shop" = "Order"."shop" AND c."gid" = "Order"."customerGid") WHERE "shop" = ? AND "customerId" IS NULL AND "customerGid" IS NOT NULL`,
      params: [shop],
    },
    {
      sql: `UPDATE "AbandonedCheckout" SET "customerId" = (SELECT c."id" FROM "Customer" c WHERE c."shop" = "AbandonedCheckout"."shop" AND c."gid" = "AbandonedCheckout"."customerGid") WHERE "shop" = ? AND "customerId" IS NULL AND "customerGid" IS NOT NULL`,
      params: [shop],
    },
    // A recovered checkout's order carries the checkout's token (Order.checkoutToken).
    {
      sql: `UPDATE "AbandonedCheckout" SET "recoveredOrderId" = (SELECT MIN(o."id") FROM "Order" o WHERE o."shop" = "AbandonedCheckout"."shop" AND o."checkoutToken" = "AbandonedCheckout"."token") WHERE "shop" = ? AND "recoveredOrderId" IS NULL AND "completedAt" IS NOT NULL`,
      params: [shop],
    },
  ];
}

export function factsStatements(runner: SqlRunner, shop: string, now: Date, version: number): Statement[] {
  const pg = runner.dialect === "postgres";
  const ts = pg ? "CAST(? AS timestamp(3))" : "?";
  // SQLite would otherwise read the shop's orders through the (shop, processedAt) index: a
  // random row fetch per order, 6x slower at 100k customers than one sequential scan of the
  // table. The scan also reads other shops' orders, which a SQLite database (one store, or
  // a few) can afford; PostgreSQL, production's multi-tenant database, plans this itself.
  const scan = pg ? "" : " NOT INDEXED";
  const average = pg ? `div(2 * o."amount" + o."paid", 2 * o."paid")` : `(2 * o."amount" + o."paid") / (2 * o."paid")`;
  return [
    {
      sql: `INSERT INTO "CustomerFacts" ("customerId", "shop", "amountSpent", "orderCount", "firstOrderAt", "lastOrderAt", "averageOrderValue", "lastAbandonedAt", "version", "updatedAt")
        SELECT c."id", c."shop", COALESCE(o."amount", 0), COALESCE(o."orders", 0), o."firstAt", o."lastAt",
          CASE WHEN COALESCE(o."paid", 0) = 0 THEN 0 ELSE ${average} END, a."lastAt", ${pg ? "CAST(? AS bigint)" : "?"}, ${ts}
        FROM "Customer" c
        LEFT JOIN (
          SELECT "customerId", COUNT(*) AS "orders", SUM(CASE WHEN "cancelledAt" IS NULL THEN 1 ELSE 0 END) AS "paid",
            SUM(CASE WHEN "cancelledAt" IS NULL THEN "totalPrice" - "totalRefunded" ELSE 0 END) AS "amount",
            MIN("processedAt") AS "firstAt", MAX("processedAt") AS "lastAt"
          FROM "Order"${scan} WHERE "shop" = ? AND "test" = FALSE AND "customerId" IS NOT NULL AND "deletedAt" IS NULL GROUP BY "customerId"
        ) o ON o."customerId" = c."id"
        LEFT JOIN (
          SELECT "customerId", MAX("shopifyCreatedAt") AS "lastAt" FROM "AbandonedCheckout"${scan} WHERE "shop" = ? AND "customerId" IS NOT NULL AND "deletedAt" IS NULL GROUP BY "customerId"
        ) a ON a."customerId" = c."id"
        WHERE c."shop" = ?
        ON CONFLICT ("customerId") DO UPDATE SET "amountSpent" = excluded."amountSpent", "orderCount" = excluded."orderCount",
          "firstOrderAt" = excluded."firstOrderAt", "lastOrderAt" = excluded."lastOrderAt", "averageOrderValue" = excluded."averageOrderValue",
          "lastAbandonedAt" = excluded."lastAbandonedAt", "version" = excluded."version", "updatedAt" = excluded."updatedAt"`,
      params: [version, now, shop, shop, shop],
    },
  ];
}

/** Links out-of-order rows, then recomputes CustomerFacts for the shop. */
export async function recomputeShopFacts(runner: SqlRunner, shop: string, now: Date): Promise<void> {
  const [row] = await runner.query<{ v: number | bigint | null }>({
    sql: `SELECT MAX("version") AS "v" FROM "CustomerFacts" WHERE "shop" = ?`,
    params: [shop],
  });
  const version = Number(row?.v ?? 0) + 1;
  await withSmallSqliteCache(runner, () => runner.runBatch([...linkStatements(shop), ...factsStatements(runner, shop, now, version)]));
}
