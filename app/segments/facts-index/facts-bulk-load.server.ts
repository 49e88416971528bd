/**
 * Full index builds read the facts straight through the database driver: a
 * million customers and ~8M line items are too many for Prisma's per-row
 * objects (minutes instead of seconds). SQLite streams each table once through
 * better-sqlite3; PostgreSQL reads in customer-id ranges through `pg`. Dates are
 * turned into epoch seconds by the database. Every statement is a constant SQL
 * text with the shop bound as a parameter.
 */
import Database from "better-sqlite3";
import pg from "pg";
import { isPostgresUrl } from "~/db/db.server";
import { cityKey, emailDomainOf, optionalShopifyId, regionKey } from "../engine/facts";
import { splitTags, type FactsSink, type ShopInfo } from "./facts-loader.server";

type Row = unknown[];
type Dialect = "sqlite" | "postgres";

const epoch = (dialect: Dialect, column: string): string =>
  dialect === "sqlite" ? `CAST(strftime('%s', ${column}) AS INTEGER)` : `FLOOR(EXTRACT(EPOCH FROM ${column}))::bigint`;

function statements(d: Dialect) {
  const p = (n: number) => (d === "sqlite" ? "?" : `$${n}`);
  // Range predicate on the child's customer id (PostgreSQL only: SQLite streams whole tables).
  // SQLite: a plain table scan beats probing the (shop, …) index for every row when one shop owns most rows.
  const scan = d === "sqlite" ? " NOT INDEXED" : "";
  const range = (column: string) => (d === "sqlite" ? "" : ` AND ${column} > ${p(2)} AND ${column} <= ${p(3)}`);
  return {
    customers: `SELECT c."id", c."email", c."tags", c."countryCode", c."provinceCode", c."city", c."locale", c."accountState", c."emailMarketingState",
      c."smsMarketingState", ${epoch(d, 'c."shopifyCreatedAt"')}, CASE WHEN c."deletedAt" IS NULL AND c."redactedAt" IS NULL THEN 0 ELSE 1 END, f."amountSpent", f."orderCount",
      ${epoch(d, 'f."firstOrderAt"')}, ${epoch(d, 'f."lastOrderAt"')}, f."averageOrderValue", ${epoch(d, 'f."lastAbandonedAt"')}
      FROM "Customer" c LEFT JOIN "CustomerFacts" f ON f."customerId" = c."id" WHERE c."shop" = ${p(1)}${range('c."id"')} ORDER BY c."id"`,
    // Line items of orders that are neither deleted nor test orders.
    // CROSS JOIN keeps the line items as the outer, scanned table in SQLite (each order is a rowid lookup).
    purchases: `SELECT o."customerId", li."productGid", li."orderId", ${epoch(d, 'o."processedAt"')}, li."quantity"
      FROM "LineItem" li${scan} CROSS JOIN "Order" o
      WHERE li."shop" = ${p(1)} AND o."id" = li."orderId" AND li."productGid" IS NOT NULL AND o."customerId" IS NOT NULL AND o."deletedAt" IS NULL AND o."test" = ${d === "sqlite" ? "0" : "false"}${range('o."customerId"')}`,
    checkouts: `SELECT "customerId", ${epoch(d, '"shopifyCreatedAt"')}, "totalPrice", CASE WHEN "completedAt" IS NULL AND "recoveredOrderId" IS NULL THEN 0 ELSE 1 END
      FROM "AbandonedCheckout"${scan} WHERE "shop" = ${p(1)} AND "deletedAt" IS NULL AND "customerId" IS NOT NULL${range('"customerId"')}`,
    messages: `SELECT "customerId", "channel", "kind", "campaignId", ${epoch(d, '"at"')} FROM "MessageEvent" WHERE "shop" = ${p(1)} AND "customerId" IS NOT NULL${range('"customerId"')}`,
    memberships: `SELECT "customerId", "segmentId" FROM "SegmentMembership" WHERE "shop" = ${p(1)}${range('"customerId"')}`,
    orders: `SELECT "customerId", ${epoch(d, '"processedAt"')}, "totalPrice", "totalRefunded", CASE WHEN "cancelledAt" IS NULL THEN 0 ELSE 1 END, "appGid", "locationGid"
      FROM "Order"${scan} WHERE "shop" = ${p(1)} AND "deletedAt" IS NULL AND "test" = ${d === "sqlite" ? "0" : "false"} AND "customerId" IS NOT NULL${range('"customerId"')}`,
  };
}

interface Reader {
  dialect: Dialect;
  /** Calls `each` for every row; PostgreSQL reads the customer-id range (lo, hi]. */
  each(sql: string, shop: string, range: [number, number], each: (row: Row) => void): Promise<void>;
  close(): Promise<void>;
}

function openReader(url: string): Reader {
  if (isPostgresUrl(url)) {
    const client = new pg.Client({ connectionString: url });
    const connected = client.connect();
    return {
      dialect: "postgres",
      async each(sql, shop, range, each) {
        await connected;
        const result = await client.query({ text: sql, values: [shop, range[0], range[1]], rowMode: "array" });
        for (const row of result.rows as Row[]) each(row);
      },
      close: () => client.end(),
    };
  }
  const sqlite = new Database(url.replace(/^file:/, ""), { readonly: true });
  return {
    dialect: "sqlite",
    each(sql, shop, _range, each) {
      for (const row of sqlite.prepare(sql).raw().iterate(shop) as Iterable<Row>) each(row);
      return Promise.resolve();
    },
    close: () => {
      sqlite.close();
      return Promise.resolve();
    },
  };
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const optSeconds = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/** Customer id → position, for ids seen in the customer pass. */
class Positions {
  private readonly ids: number[] = [];
  private table: Int32Array | undefined;
  private min = 0;
  add(id: number): void {
    this.ids.push(id);
  }
  seal(): void {
    if (this.ids.length === 0) return;
    this.min = this.ids[0] ?? 0;
    const span = (this.ids[this.ids.length - 1] ?? 0) - this.min + 1;
    this.table = new Int32Array(span).fill(-1);
    this.ids.forEach((id, position) => ((this.table as Int32Array)[id - this.min] = position));
  }
  of(id: number): number {
    const i = id - this.min;
    return this.table && i >= 0 && i < this.table.length ? (this.table[i] as number) : -1;
  }
  get count(): number {
    return this.ids.length;
  }
  idAt(position: number): number {
    return this.ids[position] ?? 0;
  }
}

const PG_CHUNK = 100_000;

/** Streams the whole shop into `sink` (ids ascending). */
export async function bulkLoadFacts(url: string, shop: string, info: ShopInfo, sink: FactsSink, withOrders: boolean): Promise<void> {
  const reader = openReader(url);
  const sql = statements(reader.dialect);
  try {
    const positions = new Positions();
    const onCustomer = (r: Row): void => {
      const id = num(r[0]);
      const orderCount = num(r[13]);
      const country = str(r[3]);
      const province = str(r[4]);
      sink.customer(
        {
          id,
          amountSpent: num(r[12]),
          orderCount,
          averageOrderValue: orderCount === 0 ? null : num(r[16]),
          createdAt: num(r[10]),
          firstOrderAt: optSeconds(r[14]),
          lastOrderAt: optSeconds(r[15]),
          lastAbandonedAt: optSeconds(r[17]),
          accountState: String(r[7]),
          emailState: String(r[8]),
          smsState: String(r[9]),
          emailDomain: emailDomainOf(str(r[1])),
          language: str(r[6]),
          country,
          region: regionKey(country, province),
          city: cityKey(country, province, str(r[5])),
        },
        splitTags(String(r[2] ?? "")),
        num(r[11]) === 1,
      );
      positions.add(id);
    };
    // Keyset ranges on the customer id (PostgreSQL); SQLite takes one pass with an infinite range.
    const ranges: [number, number][] = [];
    if (reader.dialect === "sqlite") {
      await reader.each(sql.customers, shop, [0, 0], onCustomer);
      ranges.push([0, 2147483647]);
    } else {
      let lo = 0;
      for (;;) {
        const before = positions.count;
        await reader.each(`${sql.customers} LIMIT ${PG_CHUNK}`, shop, [lo, 2147483647], onCustomer);
        if (positions.count === before) break;
        const hi = positions.idAt(positions.count - 1);
        ranges.push([lo, hi]);
        lo = hi;
        if (positions.count - before < PG_CHUNK) break;
      }
    }
    positions.seal();
    for (const range of ranges) {
      await reader.each(sql.purchases, shop, range, (r) => {
        const p = positions.of(num(r[0]));
        const product = info.productsByGid.get(String(r[1]));
        if (p >= 0 && product !== undefined) sink.purchaseLine(p, { product, order: num(r[2]), at: num(r[3]), quantity: num(r[4]) });
      });
      await reader.each(sql.checkouts, shop, range, (r) => {
        const p = positions.of(num(r[0]));
        if (p >= 0) sink.checkout(p, { at: num(r[1]), amount: num(r[2]), recovered: num(r[3]) === 1 });
      });
      await reader.each(sql.messages, shop, range, (r) => {
        const p = positions.of(num(r[0]));
        if (p >= 0) sink.message(p, { channel: String(r[1]).toLowerCase(), event: String(r[2]), campaignId: str(r[3]), at: num(r[4]) });
      });
      await reader.each(sql.memberships, shop, range, (r) => {
        const p = positions.of(num(r[0]));
        if (p >= 0) sink.membership(p, String(r[1]));
      });
      if (!withOrders) continue;
      await reader.each(sql.orders, shop, range, (r) => {
        const p = positions.of(num(r[0]));
        if (p >= 0)
          sink.order(p, {
            at: num(r[1]),
            amount: num(r[4]) === 1 ? 0 : num(r[2]) - num(r[3]),
            app: optionalShopifyId(str(r[5])),
            location: optionalShopifyId(str(r[6])),
          });
      });
    }
  } finally {
    await reader.close();
  }
}
