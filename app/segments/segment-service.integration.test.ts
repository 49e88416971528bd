import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db/db.server";
import { buildCustomer, uniqueShop } from "../../tests/factories/store";
import { createTestDb, type TestDb } from "../../tests/setup/test-db";
import { FactsIndexCache } from "./facts-index/facts-index.server";
import { membershipEvents } from "./segment-repository.server";
import { parseContactList } from "./static-lists/static-list";
import {
  countQuery,
  explainCustomer,
  importStaticSegment,
  refreshCustomers,
  refreshTimeBasedSegments,
  saveSegment,
  type SegmentDeps,
} from "./segment-service.server";

const NOW = new Date("2026-11-23T15:00:00Z");
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.drop();
});

async function customerWithFacts(
  db: Db,
  shop: string,
  facts: { amountSpent: number; orderCount: number; lastOrderAt?: Date },
  extra: Record<string, unknown> = {},
) {
  const c = await db.customer.create({ data: buildCustomer(shop, extra), select: { id: true, email: true, phone: true } });
  await db.customerFacts.create({
    data: {
      customerId: c.id,
      shop,
      amountSpent: BigInt(facts.amountSpent),
      orderCount: facts.orderCount,
      lastOrderAt: facts.lastOrderAt ?? null,
      firstOrderAt: facts.lastOrderAt ?? null,
      version: 1n,
    },
  });
  return c;
}

async function setup(): Promise<{ shop: string; deps: SegmentDeps; ids: number[]; emails: string[] }> {
  const shop = uniqueShop();
  await t.db.shop.create({ data: { shop, name: "Test", ianaTimezone: "America/New_York" } });
  const a = await customerWithFacts(
    t.db,
    shop,
    { amountSpent: 50_000, orderCount: 3, lastOrderAt: new Date("2026-11-20T12:00:00Z") },
    { tags: "VIP, local" },
  );
  const b = await customerWithFacts(t.db, shop, { amountSpent: 5_000, orderCount: 1, lastOrderAt: new Date("2026-01-10T12:00:00Z") });
  const c = await customerWithFacts(t.db, shop, { amountSpent: 0, orderCount: 0 });
  return {
    shop,
    deps: { db: t.db, index: new FactsIndexCache(t.db, { url: t.url }) },
    ids: [a.id, b.id, c.id],
    emails: [a.email ?? "", b.email ?? "", c.email ?? ""],
  };
}

describe("saving segments", () => {
  it.each([
    { query: "shopify_email.opened MATCHES (activity_id = 5)", filter: "shopify_email.opened" },
    { query: "amount_spent > 1 AND rfm_group = 'LOYAL'", filter: "rfm_group" },
    { query: "metafields.custom.vip = true", filter: "metafields.custom.vip" },
    { query: "predicted_spend_tier = 'HIGH'", filter: "predicted_spend_tier" },
  ])("refuses $filter, naming it", async ({ query, filter }) => {
    const { shop, deps } = await setup();
    const result = await saveSegment(deps, shop, { name: "x", query }, NOW);
    expect(result).toMatchObject({ ok: false, reason: "unsupported_filter", filters: [filter] });
    expect(result.ok ? "" : result.message).toContain(`'${filter}'`);
  });

  it("materialises members with ENTERED events and a count", async () => {
    // GIVEN three customers WHEN a segment is saved
    const { shop, deps, ids } = await setup();
    const result = await saveSegment(
      deps,
      shop,
      { name: "Big spenders", query: "amount_spent >= 50 and customer_tags contains 'vip'" },
      NOW,
    );
    // THEN the canonical query, the count and the events are stored
    if (!result.ok) throw new Error(result.message);
    expect(result.segment).toMatchObject({ query: "amount_spent >= 50 AND customer_tags CONTAINS 'vip'", memberCount: 1, kind: "DYNAMIC" });
    expect(await membershipEvents(t.db, shop, result.segment.id)).toEqual([{ customerId: ids[0], change: "ENTERED", at: NOW }]);
    expect(await countQuery(deps, shop, "number_of_orders >= 1", NOW)).toEqual({ ok: true, count: 2 });
  });

  it("re-evaluates changed customers and writes EXITED and ENTERED events", async () => {
    const { shop, deps, ids } = await setup();
    const saved = await saveSegment(deps, shop, { name: "Spent 40+", query: "amount_spent > 40" }, NOW);
    if (!saved.ok) throw new Error(saved.message);
    // WHEN customer A gets a refund and C orders (their facts change)
    await t.db.customerFacts.update({ where: { customerId: ids[0] }, data: { amountSpent: 100n, version: 2n } });
    await t.db.customerFacts.update({ where: { customerId: ids[2] }, data: { amountSpent: 9_000n, orderCount: 1, version: 2n } });
    const later = new Date(NOW.getTime() + 60_000);
    expect(await refreshCustomers(deps, shop, [ids[0] ?? 0, ids[2] ?? 0], later)).toEqual({ entered: 1, exited: 1 });
    // THEN the events say who left and who joined, and the count follows
    const events = await membershipEvents(t.db, shop, saved.segment.id);
    expect(events.slice(1)).toEqual(
      expect.arrayContaining([
        { customerId: ids[0], change: "EXITED", at: later },
        { customerId: ids[2], change: "ENTERED", at: later },
      ]),
    );
    expect(await countQuery(deps, shop, "amount_spent > 40", later)).toEqual({ ok: true, count: 2 });
  });

  it("re-runs rules with relative dates on the timer", async () => {
    const { shop, deps, ids } = await setup();
    const saved = await saveSegment(deps, shop, { name: "Recent", query: "last_order_date > -7d" }, NOW);
    if (!saved.ok) throw new Error(saved.message);
    expect(saved.segment.memberCount).toBe(1);
    const weekLater = new Date("2026-11-30T15:00:00Z");
    expect(await refreshTimeBasedSegments(deps, shop, weekLater)).toBe(1);
    expect((await membershipEvents(t.db, shop, saved.segment.id)).at(-1)).toEqual({ customerId: ids[0], change: "EXITED", at: weekLater });
  });

  it("lets a segment read another segment's members", async () => {
    const { shop, deps, ids } = await setup();
    const vip = await saveSegment(deps, shop, { name: "VIP", query: "customer_tags CONTAINS 'vip'" }, NOW);
    if (!vip.ok) throw new Error(vip.message);
    const result = await countQuery(deps, shop, `segment_member MATCHES (id = '${vip.segment.id}') OR number_of_orders = 1`, NOW);
    expect(result).toEqual({ ok: true, count: 2 });
    expect(ids).toHaveLength(3);
  });
});

describe("explainCustomer", () => {
  it("gives the per-clause trace for a saved segment", async () => {
    const { shop, deps, ids } = await setup();
    const saved = await saveSegment(deps, shop, { name: "x", query: "amount_spent > 100 AND last_order_date >= -30d" }, NOW);
    if (!saved.ok) throw new Error(saved.message);
    const result = await explainCustomer(deps, shop, ids[1] ?? 0, saved.segment.id, NOW);
    expect(result).toMatchObject({
      ok: true,
      trace: {
        type: "and",
        result: false,
        children: [
          { filter: "amount_spent", result: false, facts: { amount_spent: "50.00" } },
          { filter: "last_order_date", result: false, facts: { last_order_date: "2026-01-10T12:00:00.000Z" } },
        ],
      },
    });
  });
});

describe("static segments", () => {
  it("matches emails and phones and reports unmatched and invalid rows", async () => {
    const { shop, deps, ids, emails } = await setup();
    const csv = `email\n${emails[0]?.toUpperCase()}\nnobody@example.com\nnot-a-contact\n${emails[1]}\n`;
    const report = await importStaticSegment(deps, shop, { name: "Imported", entries: parseContactList(csv) }, NOW);
    expect(report.matched.map((m) => m.customerId)).toEqual([ids[0], ids[1]]);
    expect(report.unmatched).toEqual([{ row: 3, value: "nobody@example.com" }]);
    expect(report.invalid).toEqual([{ row: 4, text: "not-a-contact", reason: "no email address or phone number" }]);
    expect(report.segment).toMatchObject({ kind: "STATIC", memberCount: 2 });
  });
});
