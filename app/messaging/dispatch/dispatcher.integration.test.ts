// The dispatcher against the database with fake channels: consent, suppression and pause read
// at dispatch time, quiet hours, the cap, provider outcomes and email batching. One ManualClock
// drives dispatcher, rules and rate limit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { suppressionHash } from "~/privacy/suppression-hash";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { permanent, retryable, unknown } from "../channel";
import { countUnknownEmails } from "../outbox/dispatch-store.server";
import { ManualClock } from "./clock";
import { dispatchShop } from "./dispatcher.server";
import { createCustomer, createShop, emailRow, enqueue, fakeDeps, smsRow, suppress, TEST_KEY } from "./test-support/dispatch-fixtures";

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => {
  await testDb.drop();
});

// Monday 2026-12-07, 12:00 in New York: inside the default SMS window.
const NOON_NY = new Date("2026-12-07T17:00:00Z");
const HOUR = 3_600_000;
const row = (shop: string, idempotencyKey: string) => testDb.db.outboxMessage.findFirstOrThrow({ where: { shop, idempotencyKey } });

describe("consent at dispatch time", () => {
  it("skips no consent, suppressed and paused with the reason, and sends the rest", async () => {
    const db = testDb.db;
    const clock = new ManualClock(NOON_NY);
    const shop = await createShop(db);
    const [ok, noConsent, suppressed] = [
      await createCustomer(db, shop),
      await createCustomer(db, shop, { smsMarketingState: "NOT_SUBSCRIBED" }),
      await createCustomer(db, shop),
    ];
    await suppress(db, shop, "SMS", suppressed.phone);
    await enqueue(
      db,
      [ok, noConsent, suppressed].map((c) => smsRow(shop, c, NOON_NY)),
      NOON_NY,
    );
    const paused = await createShop(db, { sendingPaused: true });
    const pausedCustomer = await createCustomer(db, paused);
    await enqueue(db, [smsRow(paused, pausedCustomer, NOON_NY)], NOON_NY);

    const { deps, sms } = fakeDeps(db, clock);
    await dispatchShop(deps, shop);
    await dispatchShop(deps, paused);

    expect(sms.sent.map((m) => m.to)).toEqual([ok.phone]);
    expect(await row(shop, `campaign:c1:${ok.id}`)).toMatchObject({ status: "SENT", providerMessageId: expect.stringMatching(/^SM/) });
    expect(await row(shop, `campaign:c1:${noConsent.id}`)).toMatchObject({ status: "SKIPPED", skipReason: "no_consent" });
    expect(await row(shop, `campaign:c1:${suppressed.id}`)).toMatchObject({ status: "SKIPPED", skipReason: "suppressed" });
    expect(await row(paused, `campaign:c1:${pausedCustomer.id}`)).toMatchObject({ status: "SKIPPED", skipReason: "paused" });
  });

  it("sends nothing to a number whose STOP arrived after its row was enqueued", async () => {
    const db = testDb.db;
    const clock = new ManualClock(NOON_NY);
    const shop = await createShop(db);
    const customers = [await createCustomer(db, shop), await createCustomer(db, shop), await createCustomer(db, shop)];
    await enqueue(
      db,
      customers.map((c) => smsRow(shop, c, NOON_NY)),
      NOON_NY,
    );
    // GIVEN after the audience was frozen, one customer texted STOP (consent written back) and another is on the suppression list
    const [kept, unsubscribed, stopped] = customers as [(typeof customers)[0], (typeof customers)[0], (typeof customers)[0]];
    await db.customer.update({ where: { id: unsubscribed.id }, data: { smsMarketingState: "UNSUBSCRIBED" } });
    await suppress(db, shop, "SMS", stopped.phone);
    // WHEN the rows are dispatched
    const { deps, sms } = fakeDeps(db, clock);
    await dispatchShop(deps, shop);
    // THEN neither number got a text
    expect(sms.sent.map((m) => m.to)).toEqual([kept.phone]);
  });
});

describe("quiet hours and the cap", () => {
  it("puts a text due at 02:00 in New York back until 08:00, then sends it; past its deadline it is skipped", async () => {
    const db = testDb.db;
    const night = new Date("2026-12-07T07:00:00Z");
    const clock = new ManualClock(night);
    const shop = await createShop(db);
    const [waits, late] = [await createCustomer(db, shop), await createCustomer(db, shop)];
    await enqueue(db, [smsRow(shop, waits, night), smsRow(shop, late, night, { deadline: new Date("2026-12-07T10:00:00Z") })], night);
    const { deps, sms } = fakeDeps(db, clock);

    await dispatchShop(deps, shop);
    expect(sms.sent).toEqual([]);
    expect(await row(shop, `campaign:c1:${waits.id}`)).toMatchObject({
      status: "QUEUED",
      notBefore: new Date("2026-12-07T13:00:00Z"),
      attempts: 0,
    });
    expect(await row(shop, `campaign:c1:${late.id}`)).toMatchObject({ status: "SKIPPED", skipReason: "quiet_hours_deadline" });

    clock.set(new Date("2026-12-07T13:00:00Z"));
    await dispatchShop(deps, shop);
    expect(sms.sent.map((m) => m.to)).toEqual([waits.phone]);
  });

  it("defers a blast until the cap opens; a capped abandoned-checkout step waits only inside its window", async () => {
    const db = testDb.db;
    const clock = new ManualClock(NOON_NY);
    const shop = await createShop(db);
    const person = await createCustomer(db, shop);
    // GIVEN an email sent to the person an hour ago (the cap counts both channels: 1 per 24 h)
    const earlier = new Date(NOON_NY.getTime() - HOUR);
    await enqueue(db, [emailRow(shop, person, earlier, { idempotencyKey: "campaign:old:1" })], earlier);
    await db.outboxMessage.updateMany({ where: { shop, idempotencyKey: "campaign:old:1" }, data: { status: "SENT", sentAt: earlier } });
    // (a checkout step may wait for the cap only inside its window: tok:1's closes in 2 h, tok:2's in 30 h)
    await enqueue(
      db,
      [
        smsRow(shop, person, NOON_NY),
        smsRow(shop, person, NOON_NY, { idempotencyKey: "checkout:tok:1", deadline: new Date(NOON_NY.getTime() + 2 * HOUR) }),
        smsRow(shop, person, NOON_NY, { idempotencyKey: "checkout:tok:2", deadline: new Date(NOON_NY.getTime() + 30 * HOUR) }),
      ],
      NOON_NY,
    );
    const { deps, sms } = fakeDeps(db, clock);

    await dispatchShop(deps, shop);

    expect(sms.sent).toEqual([]);
    expect(await row(shop, `campaign:c1:${person.id}`)).toMatchObject({
      status: "QUEUED",
      notBefore: new Date(earlier.getTime() + 24 * HOUR),
    });
    expect(await row(shop, "checkout:tok:1")).toMatchObject({ status: "SKIPPED", skipReason: "capped" });
    expect(await row(shop, "checkout:tok:2")).toMatchObject({ status: "QUEUED", notBefore: new Date(earlier.getTime() + 24 * HOUR) });
  });

  it("counts a text sent earlier in the same batch against the cap", async () => {
    const db = testDb.db;
    const clock = new ManualClock(NOON_NY);
    const shop = await createShop(db);
    const person = await createCustomer(db, shop);
    await enqueue(db, [smsRow(shop, person, NOON_NY), emailRow(shop, person, NOON_NY)], NOON_NY);
    const { deps, sms, email } = fakeDeps(db, clock);
    await dispatchShop(deps, shop);
    expect(sms.sent.length + email.sent.length).toBe(1);
  });
});

describe("provider outcomes", () => {
  it("retries after Retry-After, fails for good with the code (21610 suppresses the number), and marks unknown", async () => {
    const db = testDb.db;
    const clock = new ManualClock(NOON_NY);
    const shop = await createShop(db);
    const [limited, optedOut, lost] = [await createCustomer(db, shop), await createCustomer(db, shop), await createCustomer(db, shop)];
    // Claimed oldest first, so the answers below go to these rows in this order.
    await enqueue(
      db,
      [limited, optedOut, lost].map((c, i) => smsRow(shop, c, new Date(NOON_NY.getTime() - (3 - i) * 1000))),
      NOON_NY,
    );
    const { deps, sms } = fakeDeps(db, clock, { smsPerSecond: 1000 });
    sms.willAnswer(
      retryable("Twilio rate limit (429)", 120),
      permanent("21610", "Attempt to send to unsubscribed recipient"),
      unknown("socket hang up"),
    );

    await dispatchShop(deps, shop, { concurrency: 1 });

    expect(await row(shop, `campaign:c1:${limited.id}`)).toMatchObject({ status: "QUEUED", lastError: "Twilio rate limit (429)" });
    // The first text went in the first slot, at noon: Retry-After counts from then.
    expect(await row(shop, `campaign:c1:${limited.id}`)).toMatchObject({ notBefore: new Date(NOON_NY.getTime() + 120_000) });
    expect(await row(shop, `campaign:c1:${optedOut.id}`)).toMatchObject({ status: "FAILED", lastError: expect.stringMatching(/^21610: /) });
    expect(
      await db.suppression.count({ where: { shop, channel: "SMS", addressHash: suppressionHash(TEST_KEY, shop, "SMS", optedOut.phone) } }),
    ).toBe(1);
    expect(await row(shop, `campaign:c1:${lost.id}`)).toMatchObject({ status: "UNKNOWN" });
  });

  it("reconciles an unknown text with the provider's records instead of sending it again", async () => {
    const db = testDb.db;
    const clock = new ManualClock(NOON_NY);
    const shop = await createShop(db);
    const [lost, neverLeft] = [await createCustomer(db, shop), await createCustomer(db, shop)];
    await enqueue(db, [smsRow(shop, lost, NOON_NY)], NOON_NY);
    const { deps, sms } = fakeDeps(db, clock);
    sms.willAnswer(unknown("socket hang up"));
    await dispatchShop(deps, shop);
    // A row whose dispatcher died before anything left (no record at the provider).
    await enqueue(db, [smsRow(shop, neverLeft, NOON_NY)], NOON_NY);
    await db.outboxMessage.updateMany({ where: { shop, customerId: neverLeft.id }, data: { status: "UNKNOWN" } });

    clock.advance(60_000);
    await dispatchShop(deps, shop);

    expect(sms.sent.map((m) => m.to).sort()).toEqual([lost.phone, neverLeft.phone].sort());
    expect(await row(shop, `campaign:c1:${lost.id}`)).toMatchObject({ status: "SENT", providerMessageId: expect.stringMatching(/^SM/) });
    expect(await row(shop, `campaign:c1:${neverLeft.id}`)).toMatchObject({ status: "SENT" });
  });

  it("gives up after the last attempt", async () => {
    const db = testDb.db;
    const clock = new ManualClock(NOON_NY);
    const shop = await createShop(db);
    const person = await createCustomer(db, shop);
    await enqueue(db, [smsRow(shop, person, NOON_NY)], NOON_NY);
    const { deps, sms } = fakeDeps(db, clock);
    sms.willAnswer(retryable("Twilio 503", null), retryable("Twilio 503", null));
    const retry = { maxAttempts: 2, baseDelayMs: 1000, maxDelayMs: 10_000 };
    await dispatchShop(deps, shop, { retry });
    expect(await row(shop, `campaign:c1:${person.id}`)).toMatchObject({ status: "QUEUED", attempts: 1 });
    clock.advance(1000);
    await dispatchShop(deps, shop, { retry });
    expect(await row(shop, `campaign:c1:${person.id}`)).toMatchObject({ status: "FAILED", attempts: 2 });
  });
});

describe("email", () => {
  it("sends each campaign's rows with the same content as one message with every recipient, and an unknown batch is never resent", async () => {
    const db = testDb.db;
    const clock = new ManualClock(NOON_NY);
    const shop = await createShop(db);
    const people = await Promise.all(Array.from({ length: 30 }, () => createCustomer(db, shop)));
    // The sale rows are older, so they are claimed (and grouped) first and get the first answer below.
    await enqueue(
      db,
      people.map((c, i) =>
        emailRow(shop, c, i < 20 ? new Date(NOON_NY.getTime() - 1000) : NOON_NY, {
          idempotencyKey: `campaign:${i < 20 ? "sale" : "news"}:${c.id}`,
          body: i < 20 ? "Sale today" : "Other news",
        }),
      ),
      NOON_NY,
    );
    const { deps, email } = fakeDeps(db, clock);
    email.willAnswer(retryable("SendGrid 503", 60), unknown("no answer within 15000 ms"));

    await dispatchShop(deps, shop);
    expect(email.sent.map((m) => [m.text, m.recipients.length])).toEqual([["Other news", 10]]);
    expect(await db.outboxMessage.count({ where: { shop, status: "QUEUED" } })).toBe(20);
    expect(await countUnknownEmails(db, shop)).toBe(10);

    clock.advance(60_000);
    await dispatchShop(deps, shop);
    expect(email.sent.map((m) => [m.text, m.recipients.length])).toEqual([
      ["Other news", 10],
      ["Sale today", 20],
    ]);
    expect(await db.outboxMessage.count({ where: { shop, status: "SENT" } })).toBe(20);
    expect(await countUnknownEmails(db, shop)).toBe(10);
  });
});

describe("rate", () => {
  it("claims a full batch but attempts only the texts that fit a quarter of the lease; the rest go back unattempted, emails all go", async () => {
    const db = testDb.db;
    const clock = new ManualClock(NOON_NY);
    const shop = await createShop(db);
    const people = await Promise.all(Array.from({ length: 8 }, () => createCustomer(db, shop)));
    // Different people on each channel: the cap allows one message per person a day.
    await enqueue(
      db,
      [...people.slice(0, 5).map((c) => smsRow(shop, c, NOON_NY)), ...people.slice(5).map((c) => emailRow(shop, c, NOON_NY))],
      NOON_NY,
    );
    // 1 text/s and an 8 s lease: 2 texts per batch.
    const { deps, sms, email } = fakeDeps(db, clock, { smsPerSecond: 1 });

    const report = await dispatchShop(deps, shop, { leaseMs: 8_000, budgetMs: 0 });

    expect(sms.sent).toHaveLength(2);
    expect(email.sent.flatMap((m) => m.recipients)).toHaveLength(3);
    expect(report).toMatchObject({ sent: 5, waiting: 3 });
    const waiting = await db.outboxMessage.findMany({ where: { shop, status: "QUEUED" }, select: { channel: true, attempts: true } });
    expect(waiting).toEqual([0, 1, 2].map(() => ({ channel: "SMS", attempts: 0 })));
  });

  it("spaces texts at the shop's messages per second", async () => {
    const db = testDb.db;
    const clock = new ManualClock(NOON_NY);
    const shop = await createShop(db);
    const people = await Promise.all(Array.from({ length: 50 }, () => createCustomer(db, shop)));
    await enqueue(
      db,
      people.map((c) => smsRow(shop, c, NOON_NY)),
      NOON_NY,
    );
    const { deps, sms } = fakeDeps(db, clock, { smsPerSecond: 10 });
    await dispatchShop(deps, shop, { concurrency: 1 });
    expect(sms.sent).toHaveLength(50);
    // 50 texts at 10/s: the last one's slot is 4.9 s after the first.
    expect(clock.now().getTime() - NOON_NY.getTime()).toBeGreaterThanOrEqual(4900);
  });
});
