// The merchant's side of the automation: created off with the defaults, switched on (stamping
// enabledAt), an invalid sequence refused with each problem named and nothing written, stats.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attributeShop } from "~/messaging/attribution/attribute-shop.server";
import { followShortLink } from "~/messaging/links/follow.server";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import {
  checkoutAutomationStats,
  loadCheckoutAutomation,
  saveCheckoutSequence,
  setCheckoutAutomationEnabled,
} from "./automation-store.server";
import { DEFAULT_SEQUENCE } from "./steps";
import { createCustomer, createShop, outboxOf, placeOrder, tickDeps, upsertCheckout } from "./test-support/fixtures";

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => {
  await testDb.drop();
});

const T0 = new Date("2026-12-07T15:00:00Z");
const at = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);

describe("the checkout automation store", () => {
  it("starts off with the default sequence and stamps enabledAt when switched on", async () => {
    const db = testDb.db;
    const shop = await createShop(db);
    expect(await loadCheckoutAutomation(db, shop)).toMatchObject({ enabled: false, enabledAt: null, config: DEFAULT_SEQUENCE });
    await setCheckoutAutomationEnabled(db, shop, true, T0);
    expect(await loadCheckoutAutomation(db, shop)).toMatchObject({ enabled: true, enabledAt: T0 });
    expect(await db.automation.count({ where: { shop } })).toBe(1);
  });

  it("refuses an invalid sequence, naming the step and field, and keeps the stored one", async () => {
    const db = testDb.db;
    const shop = await createShop(db);
    const result = await saveCheckoutSequence(db, shop, {
      triggerMinutes: 60,
      steps: [
        { delayMinutes: 90, channel: "sms", message: "a" },
        { delayMinutes: 80, channel: "email", subject: "", message: "{{ nope }}" },
      ],
    });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toEqual(
      expect.arrayContaining([
        "steps.1.delayMinutes: Step 2 must come after step 1",
        "steps.1.subject: Step 2: an email needs a subject",
        expect.stringMatching(/^steps\.1\.message: Step 2 message, line 1 column \d+:/),
      ]),
    );
    expect((await loadCheckoutAutomation(db, shop)).config).toEqual(DEFAULT_SEQUENCE);
  });

  it("counts runs, messages per step and recovered checkouts", async () => {
    const db = testDb.db;
    const shop = await createShop(db);
    await setCheckoutAutomationEnabled(db, shop, true, at(-1));
    const [buyer, other] = [await createCustomer(db, shop), await createCustomer(db, shop)];
    await upsertCheckout(db, shop, buyer, "tok-a", T0);
    await upsertCheckout(db, shop, other, "tok-b", T0);
    const { tick } = tickDeps(db);
    await tick(at(1));
    await placeOrder(db, shop, buyer, at(2));
    await tick(at(12));
    expect(await outboxOf(db, shop)).toHaveLength(3);
    const stats = await checkoutAutomationStats(db, shop, 3);
    expect(stats).toMatchObject({ runs: 2, active: 1, recovered: 1, cancelled: { purchased: 1 } });
    // the buyer's text was still queued (no dispatcher here): the purchase skipped it
    expect(stats.steps).toEqual([
      { step: 0, enqueued: 2, sent: 0, skipped: 1, clicked: 0, orders: 0, revenue: 0 },
      { step: 1, enqueued: 1, sent: 0, skipped: 0, clicked: 0, orders: 0, revenue: 0 },
      { step: 2, enqueued: 0, sent: 0, skipped: 0, clicked: 0, orders: 0, revenue: 0 },
    ]);
  });

  it("credits a step with the clicks on its recovery link and the orders attributed to it", async () => {
    // GIVEN a sent first text whose recovery link the shopper follows, and an order an hour later
    const db = testDb.db;
    const shop = await createShop(db);
    await setCheckoutAutomationEnabled(db, shop, true, at(-1));
    const shopper = await createCustomer(db, shop);
    await upsertCheckout(db, shop, shopper, "tok-c", T0);
    await tickDeps(db).tick(at(1));
    const text = await db.outboxMessage.findFirstOrThrow({ where: { shop, idempotencyKey: "checkout:tok-c:0" }, select: { id: true } });
    await db.outboxMessage.update({ where: { id: text.id }, data: { status: "DELIVERED", sentAt: at(1) } });
    const link = await db.shortLink.findFirstOrThrow({ where: { shop, outboxMessageId: text.id }, select: { code: true } });
    expect(await followShortLink(db, link.code, { method: "GET", userAgent: "Mozilla/5.0 (iPhone)" }, at(1.5))).toMatchObject({
      found: true,
      firstClick: true,
    });
    await placeOrder(db, shop, shopper, at(2.5));

    // WHEN attribution runs
    await attributeShop(db, shop, at(3));

    // THEN the first step has the click, the order and its revenue; the others nothing
    const stats = await checkoutAutomationStats(db, shop, 3);
    expect(stats.currency).toBe("USD");
    expect(stats.steps.map((s) => [s.step, s.clicked, s.orders, s.revenue])).toEqual([
      [0, 1, 1, 4200],
      [1, 0, 0, 0],
      [2, 0, 0, 0],
    ]);
  });
});
