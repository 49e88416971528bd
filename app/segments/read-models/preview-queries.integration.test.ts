import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCustomer, uniqueShop } from "../../../tests/factories/store";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { FactsIndexCache, type IndexRequest } from "../facts-index/facts-index.server";
import { PREVIEW_PAGE_SIZE, previewQuery } from "./preview-queries.server";
import { countQuery, type SegmentDeps } from "../segment-service.server";

const NOW = new Date("2026-11-23T15:00:00Z");
let t: TestDb;
let deps: SegmentDeps;
const SHOP = uniqueShop();
const ids: number[] = [];
const OTHER = uniqueShop();

beforeAll(async () => {
  t = await createTestDb();
  deps = { db: t.db, index: new FactsIndexCache(t.db, { url: t.url }) };
  await t.db.shop.create({ data: { shop: SHOP, name: "Test", currency: "EUR" } });
  // GIVEN 25 customers with 0–4 orders each, one of them deleted, and a customer of another shop
  for (let i = 0; i < 25; i++) {
    const c = await t.db.customer.create({ data: buildCustomer(SHOP, i === 3 ? { deletedAt: NOW } : {}), select: { id: true } });
    const orders = i % 5;
    await t.db.customerFacts.create({
      data: {
        customerId: c.id,
        shop: SHOP,
        orderCount: orders,
        amountSpent: BigInt(orders * 1050),
        lastOrderAt: orders > 0 ? new Date("2026-10-01T00:00:00Z") : null,
        version: 1n,
      },
    });
    ids.push(c.id);
  }
  await t.db.shop.create({ data: { shop: OTHER, name: "Other", currency: "USD" } });
  const o = await t.db.customer.create({ data: buildCustomer(OTHER), select: { id: true } });
  await t.db.customerFacts.create({ data: { customerId: o.id, shop: OTHER, orderCount: 4, amountSpent: 1n, version: 1n } });
});
afterAll(async () => t?.drop());

describe("live preview of a query", () => {
  it("pages through the same customers the count counts, by id, with their facts", async () => {
    const query = "number_of_orders >= 1";
    const expected = ids.filter((_, i) => i % 5 >= 1 && i !== 3);
    const count = await countQuery(deps, SHOP, query, NOW);
    expect(count).toEqual({ ok: true, count: expected.length });

    const first = await previewQuery(deps, SHOP, query, 1, NOW);
    if (!first.ok) throw new Error(first.message);
    expect(first.count).toBe(expected.length);
    expect(first.currency).toBe("EUR");
    expect(first.rows.map((r) => r.id)).toEqual(expected.slice(0, PREVIEW_PAGE_SIZE));
    expect(first.hasNext).toBe(expected.length > PREVIEW_PAGE_SIZE);
    const row = first.rows[0];
    expect(row).toMatchObject({ id: ids[1], orders: 1, amountSpent: "€10.50", lastOrderAt: "2026-10-01T00:00:00.000Z" });
    expect(row?.contact).toMatch(/@example\.com$/);
  });

  it("a second page holds the rest and a page past the end is empty", async () => {
    const query = "number_of_orders >= 0";
    const live = ids.filter((_, i) => i !== 3);
    const second = await previewQuery(deps, SHOP, query, 2, NOW);
    expect(second).toMatchObject({ ok: true, page: 2, hasNext: false, count: live.length });
    if (second.ok) expect(second.rows.map((r) => r.id)).toEqual(live.slice(PREVIEW_PAGE_SIZE));
    expect(await previewQuery(deps, SHOP, query, 9, NOW)).toMatchObject({ ok: true, rows: [], hasNext: false });
  });

  it("never shows another shop's customer, even if an index handed over its ids", async () => {
    // GIVEN an index cache that (wrongly) answers with the other shop's index
    const crossed: SegmentDeps = {
      db: t.db,
      index: { get: (_shop: string, request: IndexRequest) => deps.index.get(OTHER, request) } as unknown as FactsIndexCache,
    };
    // WHEN our shop's preview runs THEN the other shop's customer matches in the index but is not shown
    const result = await previewQuery(crossed, SHOP, "number_of_orders >= 4", 1, NOW);
    expect(result).toMatchObject({ ok: true, count: 1, rows: [] });
  });

  it("answers a broken query with the parse error's position", async () => {
    expect(await previewQuery(deps, SHOP, "number_of_orders >", 1, NOW)).toMatchObject({ ok: false, reason: "parse_error", line: 1 });
  });
});
