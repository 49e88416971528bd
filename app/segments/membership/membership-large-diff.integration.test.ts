// An edit that moves more than a thousand customers at once: SQLite through Prisma's driver
// adapter refuses statements with 999 or more bound values, so id lists go in chunks.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCustomer, uniqueShop } from "../../../tests/factories/store";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { FactsIndexCache } from "../facts-index/facts-index.server";
import { refreshCustomers, saveSegment } from "../segment-service.server";

const NOW = new Date("2026-11-23T15:00:00Z");
const CUSTOMERS = 1_200;
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.drop());

describe("membership changes of more than a thousand customers", () => {
  it("saves an edit that removes them all, and re-evaluates them all after their facts change", async () => {
    // GIVEN 1,200 customers with two orders each, all in one segment
    const shop = uniqueShop();
    await t.db.shop.create({ data: { shop, name: "Big", ianaTimezone: "UTC" } });
    await t.db.customer.createMany({ data: Array.from({ length: CUSTOMERS }, () => buildCustomer(shop)) });
    const ids = (await t.db.customer.findMany({ where: { shop }, select: { id: true }, orderBy: { id: "asc" } })).map((c) => c.id);
    await t.db.customerFacts.createMany({
      data: ids.map((customerId) => ({ customerId, shop, orderCount: 2, amountSpent: 2_000n, version: 1n })),
    });
    const deps = { db: t.db, index: new FactsIndexCache(t.db, { url: t.url }) };
    const saved = await saveSegment(deps, shop, { name: "Repeat", query: "number_of_orders >= 2" }, NOW);
    if (!saved.ok) throw new Error(saved.message);
    expect(saved.segment.memberCount).toBe(CUSTOMERS);

    // WHEN the rule is edited so that nobody matches
    const edited = await saveSegment(deps, shop, { id: saved.segment.id, name: "Repeat", query: "number_of_orders >= 3" }, NOW);

    // THEN the save succeeds and every member left with an EXITED event
    expect(edited).toMatchObject({ ok: true, segment: { memberCount: 0 } });
    expect(await t.db.segmentMembership.count({ where: { segmentId: saved.segment.id } })).toBe(0);
    expect(await t.db.segmentMembershipEvent.count({ where: { segmentId: saved.segment.id, change: "EXITED" } })).toBe(CUSTOMERS);

    // WHEN all of them place a third order THEN re-evaluating them all brings them back
    await t.db.customerFacts.updateMany({ where: { shop }, data: { orderCount: 3, version: 2n } });
    expect(await refreshCustomers(deps, shop, ids, NOW)).toEqual({ entered: CUSTOMERS, exited: 0 });
    expect(await t.db.segmentMembership.count({ where: { segmentId: saved.segment.id } })).toBe(CUSTOMERS);
  });
});
