// Memberships that stay true: customers touched by applied events stay listed until their
// re-evaluation commits, a refresh handles any number of them on both databases, a refresh
// killed half way is finished by the next one, and membership writes are idempotent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCustomer, uniqueShop } from "../../../tests/factories/store";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import type { Db } from "~/db/db.server";
import { FactsIndexCache } from "~/segments/facts-index/facts-index.server";
import { applyMembershipDiff, membershipEvents } from "~/segments/segment-repository.server";
import { countQuery, saveSegment, type SegmentDeps } from "~/segments/segment-service.server";
import { refreshPendingSegments } from "./segment-refresh.server";
import { markPending, pendingCount } from "./segment-refresh-pending.server";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

const NOW = new Date("2026-11-23T12:00:00Z");
const now = () => NOW;
const BUYERS = "number_of_orders >= 1";

/** `count` customers without orders, a saved "buyers" segment (empty), then every other customer buys. */
async function shopWithNewBuyers(db: Db, count: number): Promise<{ shop: string; ids: number[]; segmentId: string; deps: SegmentDeps }> {
  const shop = uniqueShop();
  await db.shop.create({ data: { shop, name: shop } });
  await db.customer.createMany({ data: Array.from({ length: count }, () => buildCustomer(shop)) });
  const ids = (await db.customer.findMany({ where: { shop }, select: { id: true }, orderBy: { id: "asc" } })).map((c) => c.id);
  await db.customerFacts.createMany({ data: ids.map((customerId) => ({ customerId, shop, version: 1n })) });
  const deps: SegmentDeps = { db, index: new FactsIndexCache(db, { url: t.url }) };
  const saved = await saveSegment(deps, shop, { name: "Buyers", query: BUYERS }, NOW);
  if (!saved.ok) throw new Error(saved.message);
  expect(saved.segment.memberCount).toBe(0);
  const buyers = ids.filter((_, i) => i % 2 === 0);
  for (let i = 0; i < buyers.length; i += 500)
    await db.customerFacts.updateMany({
      where: { shop, customerId: { in: buyers.slice(i, i + 500) } },
      data: { orderCount: 1, version: 2n },
    });
  return { shop, ids, segmentId: saved.segment.id, deps };
}

async function storedMembers(db: Db, segmentId: string): Promise<number[]> {
  return (await db.segmentMembership.findMany({ where: { segmentId }, select: { customerId: true }, orderBy: { customerId: "asc" } })).map(
    (m) => m.customerId,
  );
}

describe("pending segment refresh", () => {
  it("re-evaluates 3,000 listed customers at once and unlists them", async () => {
    // GIVEN 3,000 customers listed for re-evaluation, half of whom now match
    const { shop, ids, segmentId, deps } = await shopWithNewBuyers(t.db, 3_000);
    await markPending(t.db, t.kind, shop, ids);
    // WHEN the refresh runs
    const result = await refreshPendingSegments(deps, shop, now);
    // THEN every match is a member, as a fresh count says, and nobody is left listed
    expect(result.customers).toBe(3_000);
    const members = await storedMembers(t.db, segmentId);
    expect(members).toEqual(ids.filter((_, i) => i % 2 === 0));
    expect(await countQuery({ db: t.db, index: new FactsIndexCache(t.db) }, shop, BUYERS, NOW)).toEqual({
      ok: true,
      count: members.length,
    });
    expect(await pendingCount(t.db, shop)).toBe(0);
  });

  it("finishes a refresh killed half way, with one ENTERED event per customer", async () => {
    // GIVEN 1,000 listed customers and a refresh (in chunks of 400) that dies after its first chunk
    const { shop, ids, segmentId, deps } = await shopWithNewBuyers(t.db, 1_000);
    await markPending(t.db, t.kind, shop, ids);
    const kill = new AbortController();
    const dying: SegmentDeps = {
      db: deps.db,
      index: Object.assign(Object.create(deps.index) as FactsIndexCache, {
        refreshCustomers: async (s: string, chunk: readonly number[]) => {
          const positions = await deps.index.refreshCustomers(s, chunk);
          kill.abort(new Error("worker killed"));
          return positions;
        },
      }),
    };
    await expect(refreshPendingSegments(dying, shop, now, kill.signal, 400)).rejects.toThrow("worker killed");
    // THEN the chunk that committed is unlisted and the rest is still listed
    const left = await pendingCount(t.db, shop);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(1_000);
    // WHEN the next refresh runs
    await refreshPendingSegments(deps, shop, now);
    // THEN memberships equal a fresh evaluation and each member entered exactly once
    const expected = ids.filter((_, i) => i % 2 === 0);
    expect(await storedMembers(t.db, segmentId)).toEqual(expected);
    const events = await membershipEvents(t.db, shop, segmentId);
    expect(events.map((e) => e.customerId).sort((a, b) => a - b)).toEqual(expected);
    expect(await pendingCount(t.db, shop)).toBe(0);
  });

  it("keeps a customer listed when touched again during the refresh", async () => {
    // GIVEN a listed customer whose refresh has read them
    const { shop, ids, deps } = await shopWithNewBuyers(t.db, 2);
    await markPending(t.db, t.kind, shop, [ids[0] ?? 0]);
    const touching: SegmentDeps = {
      db: deps.db,
      index: Object.assign(Object.create(deps.index) as FactsIndexCache, {
        refreshCustomers: async (s: string, chunk: readonly number[]) => {
          // WHEN a new event touches them before the refresh commits
          await markPending(t.db, t.kind, shop, chunk);
          return deps.index.refreshCustomers(s, chunk);
        },
      }),
    };
    await refreshPendingSegments(touching, shop, () => NOW, undefined);
    // THEN they stay listed for the next refresh
    expect(await pendingCount(t.db, shop)).toBe(1);
  });

  it("writes memberships idempotently when two refreshes meet", async () => {
    // GIVEN a segment and 500 customers two refreshes both find entering
    const { shop, ids, segmentId } = await shopWithNewBuyers(t.db, 500);
    const diff = { entered: ids, exited: [] };
    // WHEN both write at once, and a retry writes again
    const results = await Promise.all([
      applyMembershipDiff(t.db, shop, segmentId, diff, NOW),
      applyMembershipDiff(t.db, shop, segmentId, diff, NOW),
    ]);
    await applyMembershipDiff(t.db, shop, segmentId, diff, NOW);
    // THEN no unique-constraint failure, each customer is a member once with one ENTERED event
    expect(results[0].entered.length + results[1].entered.length).toBe(500);
    expect(await storedMembers(t.db, segmentId)).toEqual(ids);
    expect((await membershipEvents(t.db, shop, segmentId)).length).toBe(500);
    // AND exits are idempotent too
    await Promise.all([
      applyMembershipDiff(t.db, shop, segmentId, { entered: [], exited: ids }, NOW),
      applyMembershipDiff(t.db, shop, segmentId, { entered: [], exited: ids }, NOW),
    ]);
    const events = await membershipEvents(t.db, shop, segmentId);
    expect(events.filter((e) => e.change === "EXITED").length).toBe(500);
    expect(await t.db.segment.findUniqueOrThrow({ where: { id: segmentId }, select: { memberCount: true } })).toEqual({ memberCount: 0 });
  });
});
