import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCustomer, uniqueShop } from "../../tests/factories/store";
import { createTestDb, type TestDb } from "../../tests/setup/test-db";
import { deleteSegment } from "./delete-segment.server";
import { FactsIndexCache } from "./facts-index/facts-index.server";
import { listSegmentsOverview } from "./read-models/segment-queries.server";
import { saveSegment, type SegmentDeps } from "./segment-service.server";

const NOW = new Date("2026-11-23T15:00:00Z");
const LATER = new Date("2026-11-24T09:00:00Z");
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.drop());

async function givenShop(): Promise<{ shop: string; deps: SegmentDeps }> {
  const shop = uniqueShop();
  await t.db.shop.create({ data: { shop, name: "Test", ianaTimezone: "UTC" } });
  for (const orderCount of [0, 2, 5]) {
    const c = await t.db.customer.create({ data: buildCustomer(shop), select: { id: true } });
    await t.db.customerFacts.create({ data: { customerId: c.id, shop, orderCount, amountSpent: BigInt(orderCount * 1_000), version: 1n } });
  }
  return { shop, deps: { db: t.db, index: new FactsIndexCache(t.db, { url: t.url }) } };
}

async function saved(deps: SegmentDeps, shop: string, name: string, query: string): Promise<string> {
  const result = await saveSegment(deps, shop, { name, query }, NOW);
  if (!result.ok) throw new Error(result.message);
  return result.segment.id;
}

describe("deleteSegment", () => {
  it("removes the segment with its memberships and events, leaving other segments alone", async () => {
    // GIVEN two segments with members
    const { shop, deps } = await givenShop();
    const doomed = await saved(deps, shop, "Repeat", "number_of_orders >= 2");
    const kept = await saved(deps, shop, "Any", "number_of_orders >= 0");
    expect(await t.db.segmentMembership.count({ where: { segmentId: doomed } })).toBe(2);

    // WHEN one is deleted
    const result = await deleteSegment(deps, shop, doomed, LATER);

    // THEN it is gone from the list, with its memberships and events; the other keeps its own
    expect(result).toEqual({ ok: true, name: "Repeat", draftsDetached: 0 });
    expect((await listSegmentsOverview(t.db, shop)).rows.map((r) => r.id)).toEqual([kept]);
    expect(await t.db.segmentMembership.count({ where: { segmentId: doomed } })).toBe(0);
    expect(await t.db.segmentMembershipEvent.count({ where: { segmentId: doomed } })).toBe(0);
    expect(await t.db.segmentMembership.count({ where: { segmentId: kept } })).toBe(3);
    expect(await t.db.segment.findUnique({ where: { id: doomed }, select: { deletedAt: true } })).toEqual({ deletedAt: LATER });
    // AND deleting it again, or from another shop, finds nothing
    expect(await deleteSegment(deps, shop, doomed, LATER)).toMatchObject({ ok: false, reason: "not_found" });
    const other = await givenShop();
    expect(await deleteSegment(other.deps, other.shop, kept, LATER)).toMatchObject({ ok: false, reason: "not_found" });
    expect(await t.db.segmentMembership.count({ where: { segmentId: kept } })).toBe(3);
  });

  it("refuses while another segment's rule or an active campaign uses it, naming them", async () => {
    // GIVEN a segment read by another segment's rule and by a scheduled campaign
    const { shop, deps } = await givenShop();
    const base = await saved(deps, shop, "Repeat", "number_of_orders >= 2");
    await saved(deps, shop, "Repeat big spenders", `segment_member MATCHES (id = '${base}') AND amount_spent > 20`);
    await t.db.campaign.create({ data: { shop, name: "Black Friday", channel: "SMS", segmentId: base, status: "SCHEDULED", body: "Hi" } });

    // WHEN it is deleted
    const result = await deleteSegment(deps, shop, base, LATER);

    // THEN nothing changes and the reason names both users
    expect(result).toMatchObject({
      ok: false,
      reason: "in_use",
      usedBy: [
        { kind: "segment", name: "Repeat big spenders" },
        { kind: "campaign", name: "Black Friday" },
      ],
    });
    expect(result.ok ? "" : result.message).toBe(
      "“Repeat” cannot be deleted while it is used by segment “Repeat big spenders”, campaign “Black Friday”. Change or finish those first.",
    );
    expect(await t.db.segmentMembership.count({ where: { segmentId: base } })).toBe(2);
    expect(await t.db.segment.findUnique({ where: { id: base }, select: { deletedAt: true } })).toEqual({ deletedAt: null });
  });

  it("detaches draft campaigns and keeps sent ones pointing at the tombstone", async () => {
    // GIVEN a draft and a sent campaign on a segment
    const { shop, deps } = await givenShop();
    const id = await saved(deps, shop, "Repeat", "number_of_orders >= 2");
    const draft = await t.db.campaign.create({
      data: { shop, name: "Draft", channel: "EMAIL", segmentId: id, body: "Hi" },
      select: { id: true },
    });
    const sent = await t.db.campaign.create({
      data: { shop, name: "Sent", channel: "EMAIL", segmentId: id, status: "SENT", body: "Hi" },
      select: { id: true },
    });

    // WHEN the segment is deleted
    expect(await deleteSegment(deps, shop, id, LATER)).toEqual({ ok: true, name: "Repeat", draftsDetached: 1 });

    // THEN the draft needs a new audience and the sent campaign still names the old one
    expect(await t.db.campaign.findUnique({ where: { id: draft.id }, select: { segmentId: true } })).toEqual({ segmentId: null });
    expect(await t.db.campaign.findUnique({ where: { id: sent.id }, select: { segmentId: true } })).toEqual({ segmentId: id });
  });
});
