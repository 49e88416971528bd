// The whole-shop and per-customer refreshes diff against the members the index holds only while
// those are what the database holds (Segment.membersVersion); another process's write is read back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "~/db/db.server";
import { buildCustomer, uniqueShop } from "../../../tests/factories/store";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { FactsIndexCache } from "../facts-index/facts-index.server";
import { applyMembershipDiff, membershipEvents } from "../segment-repository.server";
import { refreshAllSegments, refreshCustomers, saveSegment, type SegmentDeps } from "../segment-service.server";

const NOW = new Date("2026-11-23T15:00:00Z");
const LATER = new Date("2026-11-23T16:00:00Z");
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t.drop();
});

async function customer(db: Db, shop: string, orderCount: number): Promise<number> {
  const c = await db.customer.create({ data: buildCustomer(shop, {}), select: { id: true } });
  await db.customerFacts.create({ data: { customerId: c.id, shop, amountSpent: BigInt(orderCount * 1_000), orderCount, version: 1n } });
  return c.id;
}

async function shopWithThree(): Promise<{ shop: string; ids: number[]; process: () => SegmentDeps }> {
  const shop = uniqueShop();
  await t.db.shop.create({ data: { shop, name: "Test", ianaTimezone: "America/New_York" } });
  const ids = [await customer(t.db, shop, 2), await customer(t.db, shop, 1), await customer(t.db, shop, 0)];
  // Each call is another process: its own index cache over the same database.
  return { shop, ids, process: () => ({ db: t.db, index: new FactsIndexCache(t.db, { url: t.url }) }) };
}

const members = async (segmentId: string) =>
  (await t.db.segmentMembership.findMany({ where: { segmentId }, select: { customerId: true }, orderBy: { customerId: "asc" } })).map(
    (m) => m.customerId,
  );

describe("refreshAllSegments", () => {
  it("writes nothing when nothing changed, and undoes another process's stray write it did not see", async () => {
    // GIVEN a segment saved by one process
    const { shop, ids, process } = await shopWithThree();
    const worker = process();
    const saved = await saveSegment(worker, shop, { name: "Ordered", query: "number_of_orders >= 1" }, NOW);
    if (!saved.ok) throw new Error(saved.message);
    expect(await members(saved.segment.id)).toEqual([ids[0], ids[1]]);
    // WHEN it refreshes the shop again with nothing changed
    expect(await refreshAllSegments(worker, shop, LATER)).toBe(1);
    // THEN no event is written
    expect(await membershipEvents(t.db, shop, saved.segment.id)).toHaveLength(2);
    // WHEN another process writes a membership the rule does not give (the first one's memory is now stale)
    await applyMembershipDiff(t.db, shop, saved.segment.id, { entered: [ids[2] ?? 0], exited: [] }, NOW);
    await refreshAllSegments(worker, shop, LATER);
    // THEN the refresh read the members back and took the stray one out
    expect(await members(saved.segment.id)).toEqual([ids[0], ids[1]]);
    expect((await membershipEvents(t.db, shop, saved.segment.id)).at(-1)).toEqual({ customerId: ids[2], change: "EXITED", at: LATER });
    expect(await t.db.segment.findUniqueOrThrow({ where: { id: saved.segment.id }, select: { memberCount: true } })).toEqual({
      memberCount: 2,
    });
  });
});

describe("refreshCustomers", () => {
  it("evaluates a changed customer against every segment in one pass, dependents seeing the new membership", async () => {
    // GIVEN a segment and one that reads its members
    const { shop, ids, process } = await shopWithThree();
    const worker = process();
    const loyal = await saveSegment(worker, shop, { name: "Loyal", query: "number_of_orders >= 2" }, NOW);
    if (!loyal.ok) throw new Error(loyal.message);
    const reachable = await saveSegment(
      worker,
      shop,
      { name: "Loyal, reachable", query: `segment_member MATCHES (id = '${loyal.segment.id}')` },
      NOW,
    );
    if (!reachable.ok) throw new Error(reachable.message);
    expect(await members(reachable.segment.id)).toEqual([ids[0]]);
    // WHEN the second customer orders again and the apply job refreshes them
    await t.db.customerFacts.update({ where: { customerId: ids[1] }, data: { orderCount: 2, version: 2n } });
    expect(await refreshCustomers(worker, shop, [ids[1] ?? 0], LATER)).toEqual({ entered: 2, exited: 0 });
    // THEN they are in both, with one event each and the counts moved
    expect(await members(loyal.segment.id)).toEqual([ids[0], ids[1]]);
    expect(await members(reachable.segment.id)).toEqual([ids[0], ids[1]]);
    const counts = await t.db.segment.findMany({ where: { shop }, select: { memberCount: true } });
    expect(counts.map((c) => c.memberCount)).toEqual([2, 2]);
  });

  it("diffs against the stored memberships, also those another process wrote", async () => {
    // GIVEN a segment whose stored members another process changed behind this one's back
    const { shop, ids, process } = await shopWithThree();
    const worker = process();
    const saved = await saveSegment(worker, shop, { name: "Ordered", query: "number_of_orders >= 1" }, NOW);
    if (!saved.ok) throw new Error(saved.message);
    await applyMembershipDiff(t.db, shop, saved.segment.id, { entered: [], exited: [ids[1] ?? 0] }, NOW);
    // WHEN the customer's facts change and this process refreshes them
    await t.db.customerFacts.update({ where: { customerId: ids[1] }, data: { amountSpent: 5_000n, version: 2n } });
    expect(await refreshCustomers(worker, shop, [ids[1] ?? 0], LATER)).toEqual({ entered: 1, exited: 0 });
    // THEN the customer is back in, as the rule says
    expect(await members(saved.segment.id)).toEqual([ids[0], ids[1]]);
  });
});

describe("a fresh process's first refresh", () => {
  it("diffs against the members its build read, which include another process's earlier write", async () => {
    // GIVEN a segment saved by one process, and a stray member another process wrote after
    const { shop, ids, process } = await shopWithThree();
    const saved = await saveSegment(process(), shop, { name: "Ordered", query: "number_of_orders >= 1" }, NOW);
    if (!saved.ok) throw new Error(saved.message);
    await applyMembershipDiff(t.db, shop, saved.segment.id, { entered: [ids[2] ?? 0], exited: [] }, NOW);
    // WHEN a new process builds its index
    const fresh = process();
    const index = await fresh.index.get(shop);
    // THEN it holds the members as stored at the segment's current version (no read-back needed)
    const { membersVersion } = await t.db.segment.findUniqueOrThrow({ where: { id: saved.segment.id }, select: { membersVersion: true } });
    expect(index.storedVersion(saved.segment.id)).toBe(membersVersion);
    // AND its first refresh takes the stray member out
    await refreshAllSegments(fresh, shop, LATER);
    expect(await members(saved.segment.id)).toEqual([ids[0], ids[1]]);
    expect((await membershipEvents(t.db, shop, saved.segment.id)).at(-1)).toEqual({ customerId: ids[2], change: "EXITED", at: LATER });
  });

  it("reads the members back when a write landed while its build was reading them", async () => {
    // GIVEN a saved segment, and a database on which a stray member is written just after the
    // build has read the memberships (Prisma's loader, as without a file URL)
    const { shop, ids, process } = await shopWithThree();
    const saved = await saveSegment(process(), shop, { name: "Ordered", query: "number_of_orders >= 1" }, NOW);
    if (!saved.ok) throw new Error(saved.message);
    let raced = false;
    const racing = t.db.$extends({
      query: {
        segmentMembership: {
          async findMany({ args, query }) {
            const rows = await query(args);
            if (!raced) {
              raced = true;
              await applyMembershipDiff(t.db, shop, saved.segment.id, { entered: [ids[2] ?? 0], exited: [] }, NOW);
            }
            return rows;
          },
        },
      },
    }) as unknown as Db;
    const fresh: SegmentDeps = { db: racing, index: new FactsIndexCache(racing) };
    // WHEN that process builds its index and refreshes the shop
    const index = await fresh.index.get(shop);
    expect(raced).toBe(true);
    // THEN its build does not count as the stored members, and the refresh reads them back and
    // takes the stray member out
    expect(index.storedVersion(saved.segment.id)).toBeUndefined();
    await refreshAllSegments(fresh, shop, LATER);
    expect(await members(saved.segment.id)).toEqual([ids[0], ids[1]]);
  });
});
