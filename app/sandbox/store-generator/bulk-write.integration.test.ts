// The bulk writer must produce exactly the store `writeGeneratedStore` (Prisma) produces for
// the same seed, readable back through Prisma: that proves the raw encodings (DateTime text,
// Boolean 0/1, BigInt, enums on SQLite; COPY text on PostgreSQL) match the adapters'.
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import type { Db } from "~/db/db.server";
import { bulkWriteStore, type BulkTarget, type BulkWriteResult } from "./bulk-write.server";
import { demoShop } from "./generate";
import { writeGeneratedStore } from "./write.server";

const SEED = 20261123;
const CUSTOMERS = 80;
const NOW = new Date("2026-11-23T12:00:00.000Z");

type Rec = Record<string, unknown>;

/** The shop's store data through Prisma, with dense ids replaced by the GIDs they stand for. */
async function snapshot(db: Db, shop: string) {
  const where = { where: { shop } };
  const customers = await db.customer.findMany(where);
  const orders = await db.order.findMany(where);
  const products = await db.product.findMany(where);
  const collections = await db.collection.findMany(where);
  const gidOf = (rows: { id: number; gid: string }[]) => new Map(rows.map((r) => [r.id, r.gid]));
  const customerGid = gidOf(customers);
  const orderGid = gidOf(orders);
  const productGid = gidOf(products);
  const collectionGid = gidOf(collections);
  const strip = (row: Rec, ...drop: string[]): Rec =>
    Object.fromEntries(Object.entries(row).filter(([k]) => k !== "id" && k !== "shop" && !drop.includes(k)));
  const byKey = (rows: Rec[], key: (r: Rec) => string) => Object.fromEntries(rows.map((r) => [key(r), r]));
  const shopRow = await db.shop.findUniqueOrThrow({
    where: { shop },
    select: { name: true, email: true, ianaTimezone: true, currency: true },
  });
  return {
    shop: shopRow,
    customers: byKey(
      customers.map((c) => strip(c)),
      (r) => String(r.gid),
    ),
    orders: byKey(
      orders.map((o) => ({ ...strip(o, "customerId"), customer: customerGid.get(o.customerId ?? -1) })),
      (r) => String(r.gid),
    ),
    lineItems: byKey(
      (await db.lineItem.findMany(where)).map((li) => ({ ...strip(li, "orderId"), order: orderGid.get(li.orderId) })),
      (r) => String(r.gid),
    ),
    checkouts: byKey(
      (await db.abandonedCheckout.findMany(where)).map((k) => ({
        ...strip(k, "customerId", "recoveredOrderId"),
        customer: customerGid.get(k.customerId ?? -1),
        recoveredOrder: orderGid.get(k.recoveredOrderId ?? -1) ?? null,
      })),
      (r) => String(r.token),
    ),
    // updatedAt is the moment of writing (Prisma's @updatedAt), different for two writes.
    facts: byKey(
      (await db.customerFacts.findMany(where)).map((f) => ({
        ...strip(f, "customerId", "updatedAt"),
        customer: customerGid.get(f.customerId),
      })),
      (r) => String(r.customer),
    ),
    products: byKey(
      products.map((p) => strip(p)),
      (r) => String(r.gid),
    ),
    collections: byKey(
      collections.map((c) => strip(c)),
      (r) => String(r.gid),
    ),
    memberships: (await db.collectionProduct.findMany(where))
      .map((m) => `${collectionGid.get(m.collectionId)} ${productGid.get(m.productId)}`)
      .sort(),
  };
}

// Dense ids differ between the two shops by construction; everything else must be stored alike.
const ID_COLUMNS = new Set(["id", "shop", "customerId", "orderId", "recoveredOrderId", "productId", "collectionId"]);

/** A table's rows for the shop as stored, each value with its storage class, in a stable order. */
async function storedRows(t: TestDb, table: string, shop: string): Promise<string[]> {
  const drop = (row: Rec): string =>
    JSON.stringify(Object.entries(row).filter(([k]) => !ID_COLUMNS.has(k) && !(table === "CustomerFacts" && k === "updatedAt")));
  if (t.kind === "sqlite") {
    const sqlite = new Database(t.url.replace(/^file:/, ""), { readonly: true });
    try {
      const columns = (sqlite.pragma(`table_info("${table}")`) as { name: string }[]).map((c) => c.name);
      const select = columns.map((c) => `typeof("${c}") || ':' || COALESCE(CAST("${c}" AS TEXT), '') AS "${c}"`).join(", ");
      return (sqlite.prepare(`SELECT ${select} FROM "${table}" WHERE "shop" = ?`).all(shop) as Rec[]).map(drop).sort();
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({ connectionString: t.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ row: Rec }>(`SELECT row_to_json(t) AS "row" FROM "${table}" t WHERE "shop" = $1`, [shop]);
    return rows.map((r) => drop(r.row)).sort();
  } finally {
    await client.end();
  }
}

async function indexNames(t: TestDb): Promise<string[]> {
  if (t.kind === "sqlite") {
    const sqlite = new Database(t.url.replace(/^file:/, ""), { readonly: true });
    try {
      return (sqlite.prepare(`SELECT "name" FROM "sqlite_master" WHERE "type" = 'index'`).all() as { name: string }[]).map((r) => r.name);
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({ connectionString: t.url });
  await client.connect();
  try {
    return (await client.query<{ name: string }>(`SELECT indexname AS "name" FROM pg_indexes WHERE schemaname = 'public'`)).rows.map(
      (r) => r.name,
    );
  } finally {
    await client.end();
  }
}

function targetOf(t: TestDb): BulkTarget {
  return t.kind === "sqlite" ? { kind: "sqlite", file: t.url.replace(/^file:/, "") } : { kind: "postgres", url: t.url };
}

describe("bulkWriteStore", () => {
  let t: TestDb;
  const viaPrisma = "prisma-writer.myshopify.com";
  const viaBulk = "bulk-writer.myshopify.com";
  const viaThrowaway = "bulk-throwaway.myshopify.com";
  let expected: Awaited<ReturnType<typeof snapshot>>;
  let written: BulkWriteResult;

  beforeAll(async () => {
    // GIVEN a database that already holds a store written through Prisma
    t = await createTestDb();
    await writeGeneratedStore(t.db, demoShop(viaPrisma), { seed: SEED, customers: CUSTOMERS, now: NOW });
    expected = await snapshot(t.db, viaPrisma);
    // WHEN the same seed is bulk-written for another shop
    written = await bulkWriteStore(targetOf(t), demoShop(viaBulk), { seed: SEED, customers: CUSTOMERS, now: NOW, batchSize: 25 });
    // AND the same store for a third shop the way benchmarks load it (no journal, late indexes)
    await bulkWriteStore(targetOf(t), demoShop(viaThrowaway), {
      seed: SEED,
      customers: CUSTOMERS,
      now: NOW,
      batchSize: 30,
      throwaway: true,
    });
  });
  afterAll(async () => t?.drop());

  it("writes every row kind the Prisma writer writes, in the same numbers", async () => {
    const actual = await snapshot(t.db, viaBulk);
    expect(written.customers).toBe(CUSTOMERS);
    expect(Object.keys(actual.customers)).toHaveLength(CUSTOMERS);
    expect(Object.keys(actual.orders)).toHaveLength(written.orders);
    expect(Object.keys(actual.lineItems)).toHaveLength(written.lineItems);
    expect(Object.keys(actual.checkouts)).toHaveLength(written.checkouts);
    for (const kind of ["customers", "orders", "lineItems", "checkouts", "facts", "products", "collections"] as const) {
      expect(Object.keys(actual[kind]).sort(), kind).toEqual(Object.keys(expected[kind]).sort());
    }
    expect(actual.memberships).toEqual(expected.memberships);
  });

  it("reads back through Prisma field by field as the Prisma writer's rows (dates, money, booleans, enums)", async () => {
    const actual = await snapshot(t.db, viaBulk);
    expect(actual.shop).toEqual(expected.shop);
    for (const kind of ["customers", "orders", "lineItems", "checkouts", "facts", "products", "collections"] as const) {
      for (const [key, row] of Object.entries(expected[kind])) expect(actual[kind][key], `${kind} ${key}`).toEqual(row);
    }
    // The sample covers the encodings that differ by driver.
    const customer = Object.values(actual.customers).find((c) => c.emailMarketingOptIn !== null && c.verifiedEmail === true);
    expect(customer?.shopifyCreatedAt).toBeInstanceOf(Date);
    const order = Object.values(actual.orders).find((o) => o.cancelledAt !== null);
    expect(typeof order?.totalPrice).toBe("bigint");
    expect(Object.values(actual.checkouts).some((k) => k.recoveredOrder !== null)).toBe(true);
  });

  it("stores every value exactly as the Prisma adapter stores it, in both load modes", async () => {
    for (const table of ["Customer", "Order", "LineItem", "AbandonedCheckout", "CustomerFacts", "Product", "Collection"]) {
      const expectedRows = await storedRows(t, table, viaPrisma);
      expect(expectedRows.length, table).toBeGreaterThan(0);
      expect(await storedRows(t, table, viaBulk), table).toEqual(expectedRows);
      expect(await storedRows(t, table, viaThrowaway), table).toEqual(expectedRows);
    }
  });

  it("leaves every index of the schema in place after a throwaway load", async () => {
    expect(await indexNames(t)).toEqual(
      expect.arrayContaining([
        "Customer_shop_email_idx",
        "Customer_shop_phone_idx",
        "Customer_shop_shopifyUpdatedAt_idx",
        "Order_shop_processedAt_idx",
        "Order_shop_checkoutToken_idx",
        "AbandonedCheckout_shop_shopifyCreatedAt_idx",
      ]),
    );
  });

  it("gives new rows written through Prisma ids past the bulk-written ones", async () => {
    const maxCustomer = await t.db.customer.aggregate({ _max: { id: true } });
    const maxOrder = await t.db.order.aggregate({ _max: { id: true } });
    const created = await t.db.customer.create({
      data: { shop: viaBulk, gid: "gid://shopify/Customer/1", shopifyCreatedAt: NOW, shopifyUpdatedAt: NOW },
    });
    const order = await t.db.order.create({
      data: {
        shop: viaBulk,
        gid: "gid://shopify/Order/1",
        name: "#1",
        currency: "USD",
        totalPrice: 100n,
        processedAt: NOW,
        shopifyCreatedAt: NOW,
        shopifyUpdatedAt: NOW,
      },
    });
    expect(created.id).toBeGreaterThan(maxCustomer._max.id ?? 0);
    expect(order.id).toBeGreaterThan(maxOrder._max.id ?? 0);
    await t.db.order.delete({ where: { id: order.id } });
    await t.db.customer.delete({ where: { id: created.id } });
  });

  it("replaces the shop's store data when run again, leaving other shops alone", async () => {
    const again = await bulkWriteStore(targetOf(t), demoShop(viaBulk), { seed: SEED, customers: CUSTOMERS, now: NOW });
    expect(again.orders).toBe(written.orders);
    expect(await t.db.customer.count({ where: { shop: viaBulk } })).toBe(CUSTOMERS);
    expect(await t.db.lineItem.count({ where: { shop: viaBulk } })).toBe(written.lineItems);
    expect(await snapshot(t.db, viaPrisma)).toEqual(expected);
  });
});
