// Group commit of the webhook inbox, on the production commit path of each database (SQLite:
// the writer thread with its own connection; PostgreSQL: one multi-row INSERT through Prisma).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { uniqueShop } from "../../../tests/factories/store";
import { createInboxWriter, prismaInboxCommit, sqliteInboxCommit, type InboxCommit, type InboxEvent } from "./inbox.server";

let t: TestDb;
let productionCommit: InboxCommit;
beforeAll(async () => {
  t = await createTestDb();
  productionCommit = t.kind === "sqlite" ? sqliteInboxCommit(t.url) : prismaInboxCommit(t.db, "postgres");
});
afterAll(async () => t?.drop());

/** The production commit, recording the size of every transaction it is asked for. */
function countingCommit(): { commit: InboxCommit; batches: number[] } {
  const batches: number[] = [];
  return { batches, commit: async (events) => (batches.push(events.length), productionCommit(events)) };
}

function event(shop: string, eventId = randomUUID(), payload = `{"id":${Math.floor(Math.random() * 1e6)}}`): InboxEvent {
  return {
    shop,
    topic: "orders/create",
    eventId,
    apiVersion: "2026-10",
    triggeredAt: new Date("2026-11-23T10:00:00Z"),
    payload,
    receivedAt: new Date(),
  };
}

const stored = (eventId: string) => t.db.webhookInbox.findUnique({ where: { eventId } });

describe("inbox group commit", () => {
  it("commits concurrent requests together, each acknowledged only once its row is stored", async () => {
    // GIVEN 60 requests arriving at once
    const shop = uniqueShop();
    const { commit, batches } = countingCommit();
    const writer = createInboxWriter(commit);
    const events = Array.from({ length: 60 }, () => event(shop));
    // WHEN each is stored; at the moment each store resolves, its row is looked up
    const seenAtAck = await Promise.all(events.map((e) => writer.store(e).then(() => stored(e.eventId))));
    // THEN every row was there at its acknowledgement, and they shared transactions
    expect(seenAtAck.map((r) => r?.payload)).toEqual(events.map((e) => e.payload));
    expect(batches.reduce((a, b) => a + b, 0)).toBe(60);
    expect(batches.length).toBeLessThan(60);
    expect(Math.max(...batches)).toBeGreaterThan(1);
  });

  it("fails only the bad row of a batch; the others are stored and acknowledged", async () => {
    const shop = uniqueShop();
    const { commit, batches } = countingCommit();
    const writer = createInboxWriter(commit);
    const good = Array.from({ length: 9 }, () => event(shop));
    // A row the database refuses (shop is NOT NULL), in the middle of the batch.
    const bad = { ...event(shop), shop: null as unknown as string };
    const all = [...good.slice(0, 4), bad, ...good.slice(4)];
    const outcomes = await Promise.allSettled(all.map((e) => writer.store(e)));
    expect(outcomes.map((o) => o.status)).toEqual(all.map((e) => (e === bad ? "rejected" : "fulfilled")));
    expect(await t.db.webhookInbox.count({ where: { shop } })).toBe(9);
    expect(await stored(bad.eventId)).toBeNull();
    // The shared transaction was tried first (then each row alone).
    expect(batches[0]).toBe(10);
  });

  it("stores an event id once when it arrives twice in one batch, and acknowledges both", async () => {
    const shop = uniqueShop();
    const { commit, batches } = countingCommit();
    const writer = createInboxWriter(commit);
    const eventId = randomUUID();
    const first = event(shop, eventId, '{"copy":1}');
    const second = event(shop, eventId, '{"copy":2}');
    const others = [event(shop), event(shop)];
    await Promise.all([first, ...others, second].map((e) => writer.store(e)));
    expect(batches).toEqual([4]);
    const rows = await t.db.webhookInbox.findMany({ where: { shop }, orderBy: { id: "asc" } });
    expect(rows).toHaveLength(3);
    expect(rows.filter((r) => r.eventId === eventId).map((r) => r.payload)).toEqual(['{"copy":1}']);
  });

  it("acknowledges a redelivery of an already stored event without storing it again", async () => {
    const shop = uniqueShop();
    const writer = createInboxWriter(productionCommit);
    const e = event(shop);
    await writer.store(e);
    await writer.store({ ...e, payload: '{"redelivered":true}' });
    const rows = await t.db.webhookInbox.findMany({ where: { shop } });
    expect(rows.map((r) => r.payload)).toEqual([e.payload]);
  });
});
