// The history query against each database: events grouped in SQL, then bucketed by the
// shop's local days, shop-scoped, and bounded by the range.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCustomer, uniqueShop } from "../../../tests/factories/store";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { membershipHistory } from "./membership-history.server";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

async function givenSegment(shop: string, timeZone: string, memberCount: number) {
  await t.db.shop.create({ data: { shop, name: "Test", ianaTimezone: timeZone } });
  const customer = await t.db.customer.create({ data: buildCustomer(shop), select: { id: true } });
  const segment = await t.db.segment.create({
    data: { shop, name: "Regulars", kind: "DYNAMIC", query: "number_of_orders >= 1", memberCount },
    select: { id: true },
  });
  const events = (change: "ENTERED" | "EXITED", iso: string, count: number) =>
    t.db.segmentMembershipEvent.createMany({
      data: Array.from({ length: count }, () => ({ shop, segmentId: segment.id, customerId: customer.id, change, at: new Date(iso) })),
    });
  return { segmentId: segment.id, events };
}

describe("membershipHistory", () => {
  it("counts entered and exited per local day and ends at the current member count", async () => {
    // GIVEN a New York shop: events late on the 20th local (after midnight UTC), on the 22nd, and long ago
    const shop = uniqueShop();
    const { segmentId, events } = await givenSegment(shop, "America/New_York", 7);
    await events("ENTERED", "2026-11-21T03:30:00.250Z", 5); // 22:30 on the 20th in New York
    await events("ENTERED", "2026-11-22T15:00:00Z", 4);
    await events("EXITED", "2026-11-22T16:10:00Z", 2);
    await events("ENTERED", "2026-09-01T12:00:00Z", 50);
    // … and the same segment id's events in another shop are not counted
    await t.db.segmentMembershipEvent.create({
      data: { shop: uniqueShop(), segmentId, customerId: 1, change: "ENTERED", at: new Date("2026-11-22T15:00:00Z") },
    });

    // WHEN the last 7 days are read
    const history = await membershipHistory(t.db, shop, segmentId, 7, new Date("2026-11-23T12:00:00Z"));

    // THEN the days are New York's, the old events fall outside, and the series ends at 7
    expect(history?.days.map((d) => [d.date, d.entered, d.exited, d.members])).toEqual([
      ["2026-11-17", 0, 0, 0],
      ["2026-11-18", 0, 0, 0],
      ["2026-11-19", 0, 0, 0],
      ["2026-11-20", 5, 0, 5],
      ["2026-11-21", 0, 0, 5],
      ["2026-11-22", 4, 2, 7],
      ["2026-11-23", 0, 0, 7],
    ]);
    expect([history?.entered, history?.exited]).toEqual([9, 2]);
  });

  it("includes the range's first instant and excludes the instant after its last day", async () => {
    // GIVEN UTC events exactly at the start of the 7-day window and exactly at its end
    const shop = uniqueShop();
    const { segmentId, events } = await givenSegment(shop, "UTC", 1);
    await events("ENTERED", "2026-11-17T00:00:00Z", 1);
    await events("ENTERED", "2026-11-24T00:00:00Z", 3);
    await events("EXITED", "2026-11-16T23:59:59.999Z", 2);

    const history = await membershipHistory(t.db, shop, segmentId, 7, new Date("2026-11-23T23:00:00Z"));

    expect([history?.entered, history?.exited, history?.days[0]?.entered]).toEqual([1, 0, 1]);
  });

  it("is null for a segment of another shop", async () => {
    const { segmentId } = await givenSegment(uniqueShop(), "UTC", 0);
    expect(await membershipHistory(t.db, uniqueShop(), segmentId, 30, new Date())).toBeNull();
  });
});
