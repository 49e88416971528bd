import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { applyEarlyTwilioStatuses, sentHistory, settleAttempts } from "./dispatch-store.server";
import { claimDueMessages, enqueueOutboxMessages, type AttemptOutcome, type NewOutboxMessage } from "./outbox-store.server";

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => {
  await testDb.drop();
});

const NOW = new Date("2026-12-01T15:00:00Z");
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

function messages(shop: string, count: number): NewOutboxMessage[] {
  return Array.from({ length: count }, (_, i) => ({
    shop,
    idempotencyKey: `campaign:c1:${i}`,
    channel: "SMS",
    customerId: i + 1,
    recipient: `+1213555${String(i).padStart(4, "0")}`,
    body: `Hello ${i}`,
    notBefore: minutes(-10 + i),
  }));
}

const row = (shop: string, key: string) =>
  testDb.db.outboxMessage.findFirstOrThrow({
    where: { shop, idempotencyKey: key },
    select: {
      status: true,
      providerMessageId: true,
      notBefore: true,
      lastError: true,
      skipReason: true,
      attempts: true,
      claimToken: true,
      sentAt: true,
    },
  });

describe("settleAttempts", () => {
  it("writes each outcome with the row's own values in one call, and nothing for a row whose claim is not the caller's", async () => {
    const shop = `${randomUUID()}.myshopify.com`;
    await enqueueOutboxMessages(testDb.db, messages(shop, 8), NOW);
    const claimed = await claimDueMessages(testDb.db, { shop, now: NOW, limit: 8, leaseMs: 60_000 });
    // THEN the claim comes back oldest first, every field read from the row
    expect(claimed.map((m) => m.idempotencyKey)).toEqual(messages(shop, 8).map((m) => m.idempotencyKey));
    expect(claimed[3]).toMatchObject({
      shop,
      channel: "SMS",
      customerId: 4,
      recipient: "+12135550003",
      subject: null,
      body: "Hello 3",
      attempts: 1,
      deadline: null,
    });
    const [a, b, c, d, e, f, g, h] = claimed;
    if (!a || !b || !c || !d || !e || !f || !g || !h) throw new Error("expected eight claimed rows");
    const outcomes: [typeof a, AttemptOutcome][] = [
      [a, { kind: "sent", providerMessageId: "SM-a" }],
      [b, { kind: "sent", providerMessageId: "SM-b" }],
      [c, { kind: "retry", at: minutes(5), error: "Twilio 503" }],
      [d, { kind: "wait", at: minutes(60) }],
      [e, { kind: "failed", error: "21211 invalid number" }],
      [f, { kind: "unknown", error: "socket hang up" }],
      [g, { kind: "skipped", reason: "no_consent" }],
      // a dispatcher whose claim was handed on reports late
      [
        { ...h, claimToken: "someone-else" },
        { kind: "sent", providerMessageId: "SM-stale" },
      ],
    ];
    // WHEN the batch is settled
    await settleAttempts(
      testDb.db,
      outcomes.map(([message, outcome]) => ({ message, outcome })),
      minutes(1),
    );
    // THEN
    expect(await row(shop, a.idempotencyKey)).toMatchObject({
      status: "SENT",
      providerMessageId: "SM-a",
      sentAt: minutes(1),
      claimToken: null,
      attempts: 1,
    });
    expect(await row(shop, b.idempotencyKey)).toMatchObject({ status: "SENT", providerMessageId: "SM-b" });
    expect(await row(shop, c.idempotencyKey)).toMatchObject({
      status: "QUEUED",
      notBefore: minutes(5),
      lastError: "Twilio 503",
      attempts: 1,
      claimToken: null,
    });
    expect(await row(shop, d.idempotencyKey)).toMatchObject({ status: "QUEUED", notBefore: minutes(60), lastError: null, attempts: 0 });
    expect(await row(shop, e.idempotencyKey)).toMatchObject({ status: "FAILED", lastError: "21211 invalid number" });
    expect(await row(shop, f.idempotencyKey)).toMatchObject({ status: "UNKNOWN", lastError: "socket hang up" });
    expect(await row(shop, g.idempotencyKey)).toMatchObject({ status: "SKIPPED", skipReason: "no_consent" });
    expect(await row(shop, h.idempotencyKey)).toMatchObject({ status: "SENDING", providerMessageId: null, claimToken: h.claimToken });
    // … and a second report on settled rows changes nothing
    await settleAttempts(testDb.db, [{ message: a, outcome: { kind: "failed", error: "late" } }], minutes(2));
    expect(await row(shop, a.idempotencyKey)).toMatchObject({ status: "SENT", lastError: null });
  });
});

describe("sentHistory", () => {
  it("lists the given customers' SENT and DELIVERED rows of the shop since the window's start", async () => {
    const shop = `${randomUUID()}.myshopify.com`;
    const other = `${randomUUID()}.myshopify.com`;
    await enqueueOutboxMessages(testDb.db, messages(shop, 4), NOW);
    await enqueueOutboxMessages(testDb.db, messages(other, 1), NOW);
    const claimed = await claimDueMessages(testDb.db, { shop, now: NOW, limit: 4, leaseMs: 60_000 });
    const [old, recent, failed, delivered] = claimed;
    if (!old || !recent || !failed || !delivered) throw new Error("expected four claimed rows");
    await settleAttempts(testDb.db, [{ message: old, outcome: { kind: "sent", providerMessageId: "SM-old" } }], minutes(-60 * 24 * 8));
    await settleAttempts(
      testDb.db,
      [
        { message: recent, outcome: { kind: "sent", providerMessageId: "SM-recent" } },
        { message: failed, outcome: { kind: "failed", error: "no" } },
        { message: delivered, outcome: { kind: "sent", providerMessageId: "SM-delivered" } },
      ],
      NOW,
    );
    await testDb.db.outboxMessage.updateMany({ where: { shop, providerMessageId: "SM-delivered" }, data: { status: "DELIVERED" } });
    const [otherRow] = await claimDueMessages(testDb.db, { shop: other, now: NOW, limit: 1, leaseMs: 60_000 });
    if (otherRow) await settleAttempts(testDb.db, [{ message: otherRow, outcome: { kind: "sent", providerMessageId: "SM-other" } }], NOW);

    const history = await sentHistory(testDb.db, shop, [1, 2, 3, 4, 4], minutes(-60 * 24 * 7));
    expect(history.map((h) => [h.customerId, h.channel, h.idempotencyKey, h.sentAt]).sort()).toEqual([
      [2, "SMS", "campaign:c1:1", NOW],
      [4, "SMS", "campaign:c1:3", NOW],
    ]);
  });
});

describe("applyEarlyTwilioStatuses", () => {
  it("applies a status callback that arrived before the sid was recorded, and links its event to the row", async () => {
    const shop = `${randomUUID()}.myshopify.com`;
    await enqueueOutboxMessages(testDb.db, messages(shop, 2), NOW);
    const [early, later] = await claimDueMessages(testDb.db, { shop, now: NOW, limit: 2, leaseMs: 60_000 });
    if (!early || !later) throw new Error("expected two claimed rows");
    const sid = (n: number) => `SM${String(n).repeat(32)}`;
    // GIVEN Twilio's "delivered" for the first text, stored before the batch settled (no row had its sid)
    await testDb.db.messageEvent.create({
      data: { shop, channel: "SMS", kind: "sms.delivered", providerEventId: `twilio:${sid(1)}:delivered`, at: minutes(1) },
    });
    await settleAttempts(
      testDb.db,
      [
        { message: early, outcome: { kind: "sent", providerMessageId: sid(1) } },
        { message: later, outcome: { kind: "sent", providerMessageId: sid(2) } },
      ],
      minutes(2),
    );
    // WHEN the dispatcher catches up the sids it recorded
    const applied = await applyEarlyTwilioStatuses(testDb.db, shop, [
      { id: early.id, providerMessageId: sid(1) },
      { id: later.id, providerMessageId: sid(2) },
    ]);
    // THEN the first text is DELIVERED, the second stays SENT, and the event names its row
    expect(applied).toBe(1);
    expect((await row(shop, early.idempotencyKey)).status).toBe("DELIVERED");
    expect((await row(shop, later.idempotencyKey)).status).toBe("SENT");
    const event = await testDb.db.messageEvent.findFirstOrThrow({ where: { shop }, select: { outboxMessageId: true, customerId: true } });
    expect(event).toEqual({ outboxMessageId: early.id, customerId: early.customerId });
  });
});
