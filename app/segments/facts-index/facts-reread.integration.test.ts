// The raw re-read of changed customers gives the index exactly what the Prisma loader gives.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCustomer, createStoreRows, uniqueShop } from "../../../tests/factories/store";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { loadFacts, loadShopInfo, type FactsSink } from "./facts-loader.server";
import { rereadFacts } from "./facts-reread.server";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

/** Records every call, in order of customers and, per kind, sorted (the readers' row order may differ). */
function recordingSink() {
  const customers: unknown[] = [];
  const rows: string[] = [];
  const sink: FactsSink = {
    customer: (c, tags, deleted) => customers.push({ c, tags, deleted }) - 1,
    purchaseLine: (p, line) => void rows.push(JSON.stringify(["line", p, line])),
    order: (p, o) => void rows.push(JSON.stringify(["order", p, o])),
    checkout: (p, k) => void rows.push(JSON.stringify(["checkout", p, k])),
    message: (p, m) => void rows.push(JSON.stringify(["message", p, m])),
    membership: (p, s) => void rows.push(JSON.stringify(["membership", p, s])),
  };
  return { sink, seen: () => ({ customers, rows: [...rows].sort() }) };
}

describe("rereadFacts", () => {
  it("reads given customers as the Prisma loader does, and nothing of another shop", async () => {
    // GIVEN a shop with orders (a cancelled one, a test one, a deleted one, one with a known product), checkouts, messages and memberships
    const shop = uniqueShop();
    const { customerId } = await createStoreRows(t.db, shop);
    const other = await t.db.customer.create({
      data: buildCustomer(shop, { tags: "vip, dog", deletedAt: new Date("2026-11-01T00:00:00Z") }),
      select: { id: true },
    });
    const product = await t.db.product.findFirstOrThrow({ where: { shop }, select: { gid: true } });
    const at = new Date("2026-11-02T09:30:15.250Z");
    const orders = [
      { gid: "gid://shopify/Order/a", cancelledAt: at, totalRefunded: 0n },
      { gid: "gid://shopify/Order/b", test: true, totalRefunded: 0n },
      { gid: "gid://shopify/Order/c", deletedAt: at, totalRefunded: 0n },
      { gid: "gid://shopify/Order/d", totalRefunded: 250n, appGid: "gid://shopify/App/580111", locationGid: "gid://shopify/Location/7" },
    ];
    for (const o of orders) {
      await t.db.order.create({
        data: {
          shop,
          customerId: other.id,
          name: o.gid,
          currency: "USD",
          totalPrice: 1500n,
          processedAt: at,
          shopifyCreatedAt: at,
          shopifyUpdatedAt: at,
          ...o,
          lineItems: { create: [{ shop, gid: `${o.gid}/line`, productGid: product.gid, title: "Treats", quantity: 2, price: 750n }] },
        },
      });
    }
    await t.db.customerFacts.create({
      data: { shop, customerId: other.id, amountSpent: 1250n, orderCount: 2, firstOrderAt: at, lastOrderAt: at, averageOrderValue: 1250n },
    });
    // AND another shop with rows of its own
    const elsewhere = await createStoreRows(t.db, uniqueShop());
    const info = await loadShopInfo(t.db, shop);
    const ids = [customerId, other.id, elsewhere.customerId, 999_999_999];
    // WHEN both readers read the same customers
    const viaPrisma = recordingSink();
    await loadFacts(t.db, shop, info, viaPrisma.sink, { customerIds: ids, withOrders: true });
    const viaRaw = recordingSink();
    await rereadFacts(t.db, shop, info, viaRaw.sink, ids, true);
    // THEN they give the index the same customers and rows
    expect(viaRaw.seen()).toEqual(viaPrisma.seen());
    expect(viaRaw.seen().customers).toHaveLength(2);
    expect(viaRaw.seen().rows.filter((r) => r.startsWith('["line"'))).toHaveLength(2);
    expect(viaRaw.seen().rows.some((r) => r.startsWith('["message"'))).toBe(true);
  });
});
