import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import {
  applyProviderState,
  claimDueMessages,
  enqueueOutboxMessages,
  expireClaims,
  insertOutboxRows,
  settleAttempt,
  type NewOutboxMessage,
} from "./outbox-store.server";
import { OUTBOX_STATES, type OutboxState } from "./status";

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => {
  await testDb.drop();
});

const NOW = new Date("2026-12-01T15:00:00Z");
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

function messages(shop: string, count: number, overrides: Partial<NewOutboxMessage> = {}): NewOutboxMessage[] {
  return Array.from({ length: count }, (_, i) => ({
    shop,
    idempotencyKey: `campaign:c1:${i}`,
    channel: "SMS",
    customerId: i + 1,
    recipient: `+1213555${String(i).padStart(4, "0")}`,
    body: `Hello ${i}`,
    notBefore: NOW,
    ...overrides,
  }));
}

describe("enqueueOutboxMessages", () => {
  it("writes each key once, however often and in however large a batch it is written", async () => {
    const shop = `${randomUUID()}.myshopify.com`;
    // GIVEN 2,500 rows (more than SQLite's bound-parameter limit allows in one statement)
    expect(await enqueueOutboxMessages(testDb.db, messages(shop, 2_500), NOW)).toBe(2_500);
    // WHEN the same keys are written again with other content
    expect(await enqueueOutboxMessages(testDb.db, messages(shop, 2_500, { body: "second" }), NOW)).toBe(0);
    // THEN every key has one row, the first one
    expect(await testDb.db.outboxMessage.count({ where: { shop } })).toBe(2_500);
    expect(await testDb.db.outboxMessage.count({ where: { shop, body: "second" } })).toBe(0);
    const row = await testDb.db.outboxMessage.findFirstOrThrow({ where: { shop, idempotencyKey: "campaign:c1:7" } });
    expect(row).toMatchObject({ status: "QUEUED", channel: "SMS", customerId: 8, notBefore: NOW, createdAt: NOW });
  });
  it("keeps the first row of a repeated key when the batch's rows differ in shop, time or source", async () => {
    const shop = `${randomUUID()}.myshopify.com`;
    const other = `${randomUUID()}.myshopify.com`;
    // GIVEN a batch in three groups of shared values, where key k:1 comes first in the group seen second
    const now = messages(shop, 3).map((m, i) => ({ ...m, idempotencyKey: `k:${i}`, body: `later ${i}` }));
    const batch: NewOutboxMessage[] = [
      now[0] as NewOutboxMessage,
      ...messages(shop, 1, { idempotencyKey: "k:1", body: "first", notBefore: minutes(5) }),
      ...now.slice(1),
      ...messages(other, 2, { idempotencyKey: "k:1", campaignId: "c2", deadline: minutes(60) }),
    ];
    // WHEN it is written
    expect(await enqueueOutboxMessages(testDb.db, batch, NOW)).toBe(4);
    // THEN each key has its first row, with that row's own values
    const rows = await testDb.db.outboxMessage.findMany({ where: { shop: { in: [shop, other] } } });
    const seen = rows.map((r) => [r.shop === shop ? "shop" : "other", r.idempotencyKey, r.body, r.notBefore, r.campaignId, r.deadline]);
    expect(seen.sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`))).toEqual([
      ["other", "k:1", "Hello 0", NOW, "c2", minutes(60)],
      ["shop", "k:0", "later 0", NOW, null, null],
      ["shop", "k:1", "first", minutes(5), null, null],
      ["shop", "k:2", "later 2", NOW, null, null],
    ]);
  });
});

describe("insertOutboxRows", () => {
  it("stores each row under the id it returns, with its own key, customer and subject however the key is formed", async () => {
    const shop = `${randomUUID()}.myshopify.com`;
    // GIVEN rows whose keys end with their customer id or not, one whose key ends with other digits
    // of the same prefix, one without a customer and one with a subject
    const rows: NewOutboxMessage[] = [
      ...messages(shop, 1, { idempotencyKey: "campaign:c1:12", customerId: 2 }),
      ...messages(shop, 1, { idempotencyKey: "campaign:c1:15", customerId: 5 }),
      ...messages(shop, 1, { idempotencyKey: "campaign:c1:7", customerId: 7, subject: "Hi" }),
      ...messages(shop, 1, { idempotencyKey: "test:abc", customerId: 8 }),
      ...messages(shop, 1, { idempotencyKey: "optin:9", customerId: null, channel: "EMAIL", recipient: "a@example.com" }),
    ];
    // WHEN they are written
    const { inserted, ids } = await insertOutboxRows(testDb.db, rows, NOW);
    // THEN each is stored under its id, as it was given
    expect(inserted).toBe(5);
    const stored = await testDb.db.outboxMessage.findMany({
      where: { shop },
      select: { id: true, idempotencyKey: true, customerId: true, recipient: true, subject: true, body: true, channel: true },
      orderBy: { id: "asc" },
    });
    expect(stored).toEqual(
      rows.map((row, i) => ({
        id: ids[i],
        idempotencyKey: row.idempotencyKey,
        customerId: row.customerId,
        recipient: row.recipient,
        subject: row.subject ?? null,
        body: row.body,
        channel: row.channel,
      })),
    );
  });
});

describe("claimDueMessages", () => {
  it("claims due rows of one shop, oldest first, and never the same row for two dispatchers", async () => {
    const shop = `${randomUUID()}.myshopify.com`;
    const other = `${randomUUID()}.myshopify.com`;
    await enqueueOutboxMessages(
      testDb.db,
      messages(shop, 40).map((m, i) => ({ ...m, notBefore: minutes(-i) })),
      NOW,
    );
    await enqueueOutboxMessages(
      testDb.db,
      messages(shop, 5).map((m, i) => ({ ...m, idempotencyKey: `later:${i}`, notBefore: minutes(10) })),
      NOW,
    );
    await enqueueOutboxMessages(testDb.db, messages(other, 5), NOW);
    // WHEN two dispatchers claim at once
    const [a, b] = await Promise.all([
      claimDueMessages(testDb.db, { shop, now: NOW, limit: 25, leaseMs: 30_000 }),
      claimDueMessages(testDb.db, { shop, now: NOW, limit: 25, leaseMs: 30_000 }),
    ]);
    // THEN together they hold the 40 due rows of this shop, each once, and nothing not yet due
    const ids = [...(a ?? []), ...(b ?? [])].map((m) => m.idempotencyKey);
    expect(new Set(ids).size).toBe(40);
    expect(ids.every((key) => key.startsWith("campaign:"))).toBe(true);
    expect(await testDb.db.outboxMessage.count({ where: { shop: other, status: "SENDING" } })).toBe(0);
    // … and the first claim of a lone dispatcher starts with the oldest row
    const shop2 = `${randomUUID()}.myshopify.com`;
    await enqueueOutboxMessages(
      testDb.db,
      messages(shop2, 3).map((m, i) => ({ ...m, notBefore: minutes(-i) })),
      NOW,
    );
    const first = await claimDueMessages(testDb.db, { shop: shop2, now: NOW, limit: 1, leaseMs: 30_000 });
    expect(first.map((m) => m.idempotencyKey)).toEqual(["campaign:c1:2"]);
  });
});

describe("settleAttempt and expireClaims", () => {
  it("records an outcome only under the live claim, and a dead dispatcher's rows become unknown, not queued", async () => {
    const shop = `${randomUUID()}.myshopify.com`;
    await enqueueOutboxMessages(testDb.db, messages(shop, 2), NOW);
    const [one, two] = await claimDueMessages(testDb.db, { shop, now: NOW, limit: 2, leaseMs: 1_000 });
    if (!one || !two) throw new Error("expected two claimed rows");
    // WHEN the first is sent, and a stale claimant reports on it afterwards
    expect(await settleAttempt(testDb.db, one, { kind: "sent", providerMessageId: "SM1" }, NOW)).toBe(true);
    expect(await settleAttempt(testDb.db, { ...one, claimToken: "stale" }, { kind: "failed", error: "late" }, NOW)).toBe(false);
    expect(await settleAttempt(testDb.db, one, { kind: "retry", at: minutes(1), error: "again" }, NOW)).toBe(false);
    // … and the second's dispatcher dies
    expect(await expireClaims(testDb.db, minutes(1), shop)).toBe(1);
    // THEN
    const row = (id: string) =>
      testDb.db.outboxMessage.findUniqueOrThrow({ where: { id }, select: { status: true, providerMessageId: true } });
    expect(await row(one.id)).toEqual({ status: "SENT", providerMessageId: "SM1" });
    expect(await row(two.id)).toEqual({ status: "UNKNOWN", providerMessageId: null });
    // … and an unknown row is not claimed again
    expect(await claimDueMessages(testDb.db, { shop, now: minutes(2), limit: 10, leaseMs: 1_000 })).toEqual([]);
  });
});

describe("applyProviderState", () => {
  it("ends every row where in-order delivery ends it, for any interleaving of duplicated and reordered callbacks", async () => {
    const callback = fc.constantFrom<OutboxState>("sending", "sent", "delivered", "undelivered", "failed");
    const sequences = fc.array(fc.array(callback, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(sequences, fc.nat(), async (perRow, seed) => {
        // GIVEN sent rows, each with its callbacks in order on one shop and duplicated and shuffled on another
        const ordered = `${randomUUID()}.myshopify.com`;
        const shuffled = `${randomUUID()}.myshopify.com`;
        for (const shop of [ordered, shuffled]) {
          await enqueueOutboxMessages(testDb.db, messages(shop, perRow.length), NOW);
          const claimed = await claimDueMessages(testDb.db, { shop, now: NOW, limit: perRow.length, leaseMs: 60_000 });
          for (const m of claimed)
            await settleAttempt(testDb.db, m, { kind: "sent", providerMessageId: `${shop}:${m.idempotencyKey}` }, NOW);
        }
        const all = perRow.flatMap((events, row) => events.map((state) => ({ row, state })));
        const mixed =
          fc.sample(fc.shuffledSubarray([...all, ...all], { minLength: all.length * 2, maxLength: all.length * 2 }), {
            seed,
            numRuns: 1,
          })[0] ?? [];
        // WHEN the callbacks are applied
        for (const { row, state } of all) await applyProviderState(testDb.db, ordered, `${ordered}:campaign:c1:${row}`, state, NOW);
        for (const { row, state } of mixed) await applyProviderState(testDb.db, shuffled, `${shuffled}:campaign:c1:${row}`, state, NOW);
        // THEN both shops' rows end alike
        const final = async (shop: string) =>
          (await testDb.db.outboxMessage.findMany({ where: { shop }, orderBy: { idempotencyKey: "asc" }, select: { status: true } })).map(
            (r) => r.status,
          );
        expect(await final(shuffled)).toEqual(await final(ordered));
        expect((await final(ordered)).every((status) => OUTBOX_STATES.map((s) => s.toUpperCase()).includes(status))).toBe(true);
      }),
      { seed: 20261206, numRuns: 15 },
    );
  });
});
