// Customer facts kept up to date as webhooks are applied: after each batch of events, the facts
// of the customers it touched are recomputed from their own rows (orders, line items,
// checkouts) by the import's set-based SQL (app/shopify/sync/facts.server.ts, which follows the
// pure functions in customer-facts.ts exactly) restricted to those customers:
// a few statements per few hundred customers, and no row travels to JavaScript. A customer's
// facts are therefore always equal to what the import's shop-wide recompute would give; the
// property test in incremental-facts.integration.test.ts holds the two together under random,
// duplicated and reordered webhook sequences.
//
// How refunds and cancellations count, as Shopify's Customer.amountSpent / numberOfOrders do
// (https://shopify.dev/docs/api/admin-graphql/2026-10/objects/Customer#field-amountSpent):
// - amount spent = Σ (total price − refunded) over orders that are not cancelled; a cancelled
//   order is refunded and adds nothing, a partial refund lowers its order's contribution;
// - number of orders counts every order placed, cancelled or refunded ones included;
// - average order value = amount spent / orders not cancelled (0 without such orders);
// - first / last order date: processedAt of the earliest / latest order, cancelled included;
// - test orders and deleted orders count nowhere.
// Consent, tags, location, language and email domain are columns of the Customer row itself,
// written by the customer appliers. Purchases are not summarised: the segment index reads each
// purchase (a product in an order, its time and units) straight from LineItem and Order, and is
// told to re-read a customer by the CustomerFacts version bumped here. Abandoned checkouts (date, value, recovered)
// are read from AbandonedCheckout by the segment index.
import type { DbTx } from "~/db/db.server";
import { sqliteParam, toPgPlaceholders, type Dialect, type SqlValue } from "~/db/sql-runner.server";
import { dbDialect } from "~/db/dialect.server";

/** Customers per round of statements: their ids (bound three times) stay far below SQLite's parameter limit. */
const CHUNK = 500;

const ids = (n: number) => Array.from({ length: n }, () => "?").join(", ");

function bindAll(dialect: Dialect, params: readonly SqlValue[]): (string | number | bigint | boolean | null)[] {
  return params.map((v) => (dialect === "sqlite" ? sqliteParam(v) : v instanceof Date ? v.toISOString() : v));
}

async function exec(tx: DbTx, dialect: Dialect, sql: string, params: readonly SqlValue[]): Promise<number> {
  return tx.$executeRawUnsafe(dialect === "postgres" ? toPgPlaceholders(sql) : sql, ...bindAll(dialect, params));
}

/**
 * Recomputes CustomerFacts for these customers of the shop, a chunk of customers per
 * statement (a batch of applied webhooks touches hundreds at once).
 */
export async function refreshCustomerFacts(tx: DbTx, shop: string, customerIds: Iterable<number>): Promise<void> {
  const sorted = [...new Set(customerIds)].sort((a, b) => a - b);
  if (sorted.length === 0) return;
  const dialect = dbDialect(tx as Parameters<typeof dbDialect>[0]);
  const [row] = await tx.$queryRawUnsafe<{ v: number | bigint | null }[]>(
    dialect === "postgres"
      ? `SELECT MAX("version") AS "v" FROM "CustomerFacts" WHERE "shop" = $1`
      : `SELECT MAX("version") AS "v" FROM "CustomerFacts" WHERE "shop" = ?`,
    shop,
  );
  const version = BigInt(row?.v ?? 0) + 1n;
  // CustomerFacts.updatedAt is Prisma's @updatedAt: the machine's time, as Prisma would write it.
  const now = new Date();
  for (let i = 0; i < sorted.length; i += CHUNK) await refreshChunk(tx, dialect, shop, sorted.slice(i, i + CHUNK), version, now);
}

async function refreshChunk(tx: DbTx, dialect: Dialect, shop: string, chunk: readonly number[], version: bigint, now: Date): Promise<void> {
  const pg = dialect === "postgres";
  const list = ids(chunk.length);
  // Orders and checkouts are found by customer id (indexed) and checked against the shop; on
  // SQLite the unary + keeps the planner off the (shop, …) indexes, which would walk the shop.
  const shopCol = (alias: string) => `${pg ? "" : "+"}${alias}"shop"`;
  const average = pg ? `div(2 * o."amount" + o."paid", 2 * o."paid")` : `(2 * o."amount" + o."paid") / (2 * o."paid")`;
  await exec(
    tx,
    dialect,
    `INSERT INTO "CustomerFacts" ("customerId", "shop", "amountSpent", "orderCount", "firstOrderAt", "lastOrderAt", "averageOrderValue", "lastAbandonedAt", "version", "updatedAt")
      SELECT c."id", c."shop", COALESCE(o."amount", 0), COALESCE(o."orders", 0), o."firstAt", o."lastAt",
        CASE WHEN COALESCE(o."paid", 0) = 0 THEN 0 ELSE ${average} END, a."lastAt", ${pg ? "CAST(? AS bigint)" : "?"}, ${pg ? "CAST(? AS timestamp(3))" : "?"}
      FROM "Customer" c
      LEFT JOIN (
        SELECT "customerId", COUNT(*) AS "orders", SUM(CASE WHEN "cancelledAt" IS NULL THEN 1 ELSE 0 END) AS "paid",
          SUM(CASE WHEN "cancelledAt" IS NULL THEN "totalPrice" - "totalRefunded" ELSE 0 END) AS "amount",
          MIN("processedAt") AS "firstAt", MAX("processedAt") AS "lastAt"
        FROM "Order" WHERE "customerId" IN (${list}) AND ${shopCol("")} = ? AND "test" = FALSE AND "deletedAt" IS NULL GROUP BY "customerId"
      ) o ON o."customerId" = c."id"
      LEFT JOIN (
        SELECT "customerId", MAX("shopifyCreatedAt") AS "lastAt" FROM "AbandonedCheckout"
        WHERE "customerId" IN (${list}) AND ${shopCol("")} = ? AND "deletedAt" IS NULL GROUP BY "customerId"
      ) a ON a."customerId" = c."id"
      WHERE c."id" IN (${list}) AND ${shopCol("c.")} = ?
      ON CONFLICT ("customerId") DO UPDATE SET "amountSpent" = excluded."amountSpent", "orderCount" = excluded."orderCount",
        "firstOrderAt" = excluded."firstOrderAt", "lastOrderAt" = excluded."lastOrderAt", "averageOrderValue" = excluded."averageOrderValue",
        "lastAbandonedAt" = excluded."lastAbandonedAt", "version" = excluded."version", "updatedAt" = excluded."updatedAt"`,
    [version, now, ...chunk, shop, ...chunk, shop, ...chunk, shop],
  );
}
