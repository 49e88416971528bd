// Runs against the database with a controllable clock: the full timeline, one run however many
// checkout webhooks arrive, late webhooks, cancellation races, quiet-hour rows cancelled, the US
// one-SMS rule, code replacement and uninstall mid-run. Every time is given to the tick.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { FakeDiscountIssuer } from "./discount-port";
import { SequenceConfig } from "./steps";
import {
  createCustomer,
  createShop,
  enableAutomation,
  outboxOf,
  placeOrder,
  runsOf,
  tickDeps,
  upsertCheckout,
} from "./test-support/fixtures";

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => {
  await testDb.drop();
});

const HOUR = 3_600_000;
// Monday 2026-12-07 10:00 in New York.
const T0 = new Date("2026-12-07T15:00:00Z");
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

/** A storefront sign-up by the customer that offered cart reminders, ticked or (`declined`) left unticked. */
function storefrontSignUp(
  db: TestDb["db"],
  shop: string,
  customer: { id: number; phone: string | null },
  id: string,
  createdAt: Date,
  declined: boolean,
) {
  return db.optInRequest.create({
    data: {
      id,
      shop,
      phone: customer.phone,
      customerId: customer.id,
      state: "CONFIRMED",
      source: "block",
      consentText: "Text me",
      cartReminders: !declined,
      cartRemindersDeclined: declined,
      createdAt,
    },
  });
}

async function setUp(config?: SequenceConfig) {
  const db = testDb.db;
  const shop = await createShop(db);
  await enableAutomation(db, shop, at(-1), config);
  const customer = await createCustomer(db, shop);
  return { db, shop, customer };
}

describe("the full timeline", () => {
  it("texts at 1 h, emails with a code at 12 h, emails with a bigger code at 24 h that replaces the first, then finishes", async () => {
    const { db, shop, customer } = await setUp();
    await upsertCheckout(db, shop, customer, "tok-full", T0);
    const { tick, discounts, wakes } = tickDeps(db);

    // (the tick covers every shop in this file's database: assertions read this shop's rows)
    await tick(at(0.5));
    expect(await runsOf(db, shop)).toEqual([]);
    await tick(at(1));
    expect(await runsOf(db, shop)).toHaveLength(1);
    const [sms] = await outboxOf(db, shop);
    expect(sms).toMatchObject({
      idempotencyKey: "checkout:tok-full:0",
      channel: "SMS",
      recipient: customer.phone,
      status: "QUEUED",
      deadline: at(12),
    });
    // the recovery URL goes out as a tracked short link that leads back to the checkout
    const code = /https:\/\/flock\.test\/l\/([0-9A-Za-z]{12})/.exec(sms?.body ?? "")?.[1];
    expect(code).toBeDefined();
    expect(await db.shortLink.findUnique({ where: { code: code ?? "" }, select: { url: true, outboxMessageId: true } })).toEqual({
      url: `https://${shop}/checkouts/tok-full/recover?key=k&utm_source=flock&utm_medium=sms&utm_campaign=abandoned-checkout`,
      outboxMessageId: (await db.outboxMessage.findFirstOrThrow({ where: { shop, idempotencyKey: "checkout:tok-full:0" } })).id,
    });
    expect(sms?.body).toContain("Reply STOP to opt out");
    expect(wakes.map((w) => w.name)).toContain("messaging.dispatch");

    // the same tick again changes nothing
    await tick(at(1));
    expect(await runsOf(db, shop)).toHaveLength(1);
    expect(await outboxOf(db, shop)).toHaveLength(1);
    await tick(at(12));
    expect(await outboxOf(db, shop)).toHaveLength(2);
    await tick(at(24));

    const rows = await outboxOf(db, shop);
    expect(rows.map((r) => [r.idempotencyKey, r.channel])).toEqual([
      ["checkout:tok-full:0", "SMS"],
      ["checkout:tok-full:1", "EMAIL"],
      ["checkout:tok-full:2", "EMAIL"],
    ]);
    const [first, second] = discounts.created;
    expect(first).toMatchObject({ customerGid: customer.gid, discount: { kind: "percent", value: 10 }, endsAt: at(12 + 48) });
    expect(second).toMatchObject({ discount: { kind: "percent", value: 15 } });
    expect(rows[1]?.body).toContain(first?.code);
    expect(rows[2]?.body).toContain(second?.code);
    expect(first?.code).not.toEqual(second?.code);
    // the 24 h code deactivated the 12 h one
    expect(discounts.deactivated).toEqual(["gid://shopify/DiscountCodeNode/1"]);

    await tick(at(47));
    expect((await runsOf(db, shop))[0]).toMatchObject({ status: "active", nextStep: 3 });
    await tick(at(48));
    expect((await runsOf(db, shop))[0]).toMatchObject({ status: "finished", discountCode: second?.code });
  });
});

describe("checkout webhooks arriving twice, late and out of order", () => {
  it("starts one run per checkout however many updates arrive, and later steps follow the last update", async () => {
    const { db, shop, customer } = await setUp();
    const { tick } = tickDeps(db);
    await upsertCheckout(db, shop, customer, "tok-dup", T0);
    await upsertCheckout(db, shop, customer, "tok-dup", T0);
    await tick(at(1));
    // the customer came back and left again at 2 h: the same row, a newer updated_at
    await upsertCheckout(db, shop, customer, "tok-dup", at(2));
    await tick(at(2));
    await tick(at(3));
    expect(await runsOf(db, shop)).toHaveLength(1);
    expect((await outboxOf(db, shop)).map((r) => r.idempotencyKey)).toEqual(["checkout:tok-dup:0"]);
    // step 2 is due 12 h after the last update, not the first
    await tick(at(13));
    expect(await outboxOf(db, shop)).toHaveLength(1);
    await tick(at(14));
    expect(await outboxOf(db, shop)).toHaveLength(2);
  });

  it("skips the steps whose window passed when the webhook arrives 13 hours late", async () => {
    const { db, shop, customer } = await setUp();
    const { tick } = tickDeps(db);
    await upsertCheckout(db, shop, customer, "tok-late", T0);
    await tick(at(13));
    expect((await outboxOf(db, shop)).map((r) => r.idempotencyKey)).toEqual(["checkout:tok-late:1"]);
    const [run] = await runsOf(db, shop);
    expect(JSON.parse(run?.stepLog ?? "[]")).toMatchObject([
      { step: 0, outcome: "skipped", reason: "late" },
      { step: 1, outcome: "enqueued" },
    ]);
  });

  it("starts runs only for checkouts abandoned after the automation was switched on (at -1 h)", async () => {
    const { db, shop, customer } = await setUp();
    const { tick } = tickDeps(db);
    // abandoned at -2 h (updated -3 h): before the switch-on, never messaged
    await upsertCheckout(db, shop, customer, "tok-old", at(-3));
    // updated at -1.5 h, abandoned at -0.5 h: after it
    await upsertCheckout(db, shop, customer, "tok-recent", at(-1.5));
    await tick(at(1));
    expect((await runsOf(db, shop)).map((r) => r.id.split(":")[1])).toEqual(["tok-recent"]);
  });
});

describe("cancellation", () => {
  it("an order a second before the step is due cancels it and the rest", async () => {
    const { db, shop, customer } = await setUp();
    const { tick } = tickDeps(db);
    await upsertCheckout(db, shop, customer, "tok-race", T0);
    await tick(at(1));
    await placeOrder(db, shop, customer, new Date(at(12).getTime() - 1000));
    await tick(at(12));
    expect((await runsOf(db, shop))[0]).toMatchObject({ status: "cancelled", cancelReason: "purchased" });
    await tick(at(24));
    expect((await outboxOf(db, shop)).map((r) => r.idempotencyKey)).toEqual(["checkout:tok-race:0"]);
  });

  it("the checkout's own order (recovery) cancels before the run even starts", async () => {
    const { db, shop, customer } = await setUp();
    const { tick } = tickDeps(db);
    await upsertCheckout(db, shop, customer, "tok-bought", T0);
    await placeOrder(db, shop, customer, at(0.5), "tok-bought");
    await tick(at(1));
    expect(await runsOf(db, shop)).toEqual([]);
  });

  it("skips a text waiting out quiet hours when the customer buys before morning", async () => {
    const { db, shop, customer } = await setUp();
    const { tick } = tickDeps(db);
    const night = new Date("2026-12-08T04:00:00Z"); // 23:00 New York: the text is due at midnight
    await upsertCheckout(db, shop, customer, "tok-night", night);
    await tick(new Date(night.getTime() + HOUR));
    // the dispatcher would put it back until 08:00; the customer buys at 07:00
    await db.outboxMessage.updateMany({ where: { shop }, data: { notBefore: new Date("2026-12-08T13:00:00Z") } });
    await placeOrder(db, shop, customer, new Date("2026-12-08T12:00:00Z"));
    await tick(new Date("2026-12-08T12:00:30Z"));
    expect(await outboxOf(db, shop)).toMatchObject([
      { idempotencyKey: "checkout:tok-night:0", status: "SKIPPED", skipReason: "cancelled" },
    ]);
  });

  it("uninstalling mid-run cancels the remaining steps", async () => {
    const { db, shop, customer } = await setUp();
    const { tick } = tickDeps(db);
    await upsertCheckout(db, shop, customer, "tok-uninstall", T0);
    await tick(at(1));
    await db.shop.update({ where: { shop }, data: { uninstalledAt: at(5), sendingPaused: true } });
    await tick(at(12));
    expect((await runsOf(db, shop))[0]).toMatchObject({ status: "cancelled", cancelReason: "shop_uninstalled" });
    expect(await outboxOf(db, shop)).toHaveLength(1);
  });

  it("starts no run for a customer whose latest storefront sign-up left cart reminders unticked; a later sign-up with them ticked does", async () => {
    const { db, shop, customer } = await setUp();
    const signUp = (id: string, createdAt: Date, declined: boolean) => storefrontSignUp(db, shop, customer, id, createdAt, declined);
    await signUp(`${shop}-1`, at(-48), false);
    await signUp(`${shop}-2`, at(-24), true);
    await upsertCheckout(db, shop, customer, "tok-declined", T0);
    const { tick } = tickDeps(db);
    await tick(at(1));
    expect(await runsOf(db, shop)).toEqual([]);
    expect(await outboxOf(db, shop)).toEqual([]);
    // WHEN they sign up again, ticking the box, and abandon another checkout
    await signUp(`${shop}-3`, at(1.5), false);
    await upsertCheckout(db, shop, customer, "tok-wanted", at(2));
    await tick(at(3));
    // (their latest choice counts: the earlier checkout, still in its window, now starts too)
    expect((await runsOf(db, shop)).map((r) => r.id.slice(r.id.lastIndexOf(":") + 1)).sort()).toEqual(["tok-declined", "tok-wanted"]);
  });

  it("a sign-up during the run that leaves cart reminders unticked cancels its remaining steps", async () => {
    const { db, shop, customer } = await setUp();
    const { tick } = tickDeps(db);
    await upsertCheckout(db, shop, customer, "tok-changed-mind", T0);
    await tick(at(1));
    expect(await outboxOf(db, shop)).toHaveLength(1);
    // WHEN they sign up on the storefront at 1.5 h and leave the cart-reminders box unticked
    await storefrontSignUp(db, shop, customer, `${shop}-declined`, at(1.5), true);
    await tick(at(12));
    // THEN the run stops there, saying why, and the 12 h email never goes
    expect((await runsOf(db, shop))[0]).toMatchObject({ status: "cancelled", cancelReason: "reminders_declined" });
    expect(await outboxOf(db, shop)).toHaveLength(1);
  });

  it("switching the automation off or opting out cancels", async () => {
    const { db, shop, customer } = await setUp();
    const other = await createCustomer(db, shop);
    const { tick } = tickDeps(db);
    await upsertCheckout(db, shop, customer, "tok-off", T0);
    await upsertCheckout(db, shop, other, "tok-stop", T0);
    await tick(at(1));
    await db.customer.update({ where: { id: other.id }, data: { smsMarketingState: "UNSUBSCRIBED", emailMarketingState: "UNSUBSCRIBED" } });
    await tick(at(2));
    await db.automation.updateMany({ where: { shop }, data: { enabled: false } });
    await tick(at(3));
    const runs = await runsOf(db, shop);
    expect(runs.map((r) => [r.id.split(":")[1], r.cancelReason]).sort()).toEqual([
      ["tok-off", "automation_off"],
      ["tok-stop", "opted_out"],
    ]);
  });
});

describe("US carrier rules and codes", () => {
  const twoTexts = SequenceConfig.parse({
    triggerMinutes: 60,
    steps: [
      { delayMinutes: 60, channel: "sms", message: "Your cart: {{ checkout_url }}" },
      {
        delayMinutes: 180,
        channel: "sms",
        message: "Still there? {{ checkout_url }}",
        discount: { kind: "amount", value: 500, expiresInHours: 24 },
      },
    ],
  });

  it("sends a US number one text per abandonment; the second SMS step goes by email", async () => {
    const { db, shop, customer } = await setUp(twoTexts);
    const { tick } = tickDeps(db);
    await upsertCheckout(db, shop, customer, "tok-us", T0);
    await tick(at(1));
    await tick(at(3));
    const rows = await outboxOf(db, shop);
    expect(rows.map((r) => [r.channel, r.recipient])).toEqual([
      ["SMS", customer.phone],
      ["EMAIL", customer.email],
    ]);
    expect(JSON.parse((await runsOf(db, shop))[0]?.stepLog ?? "[]")[1]).toMatchObject({
      channel: "email",
      reason: "us_one_sms_per_abandonment",
    });
  });

  it("skips the second text without email consent, and texts a Canadian number twice", async () => {
    const { db, shop } = await setUp(twoTexts);
    const us = await createCustomer(db, shop, { emailMarketingState: "NOT_SUBSCRIBED" });
    const ca = await createCustomer(db, shop, { phone: "+14165550123" });
    const { tick } = tickDeps(db);
    await upsertCheckout(db, shop, us, "tok-us2", T0);
    await upsertCheckout(db, shop, ca, "tok-ca", T0);
    await tick(at(1));
    await tick(at(3));
    expect((await outboxOf(db, shop)).map((r) => [r.idempotencyKey, r.channel])).toEqual([
      ["checkout:tok-ca:0", "SMS"],
      ["checkout:tok-ca:1", "SMS"],
      ["checkout:tok-us2:0", "SMS"],
    ]);
  });

  it("records the Admin API's userErrors and does not send a step whose code was refused", async () => {
    const { db, shop, customer } = await setUp(twoTexts);
    const { tick } = tickDeps(db, new FakeDiscountIssuer(() => ["Customer is invalid"]));
    await upsertCheckout(db, shop, customer, "tok-refused", T0);
    await tick(at(1));
    await tick(at(3));
    expect(await outboxOf(db, shop)).toHaveLength(1);
    expect(JSON.parse((await runsOf(db, shop))[0]?.stepLog ?? "[]")[1]).toMatchObject({
      outcome: "skipped",
      reason: "discount_refused: Customer is invalid",
    });
  });
});

describe("the tick's own schedule", () => {
  it("moves the follow-up tick forward to the next due step, never closer than a second", async () => {
    const { pullTickForward } = await import("./tick.server");
    const { db, shop, customer } = await setUp();
    await upsertCheckout(db, shop, customer, "tok-sched", T0);
    await tickDeps(db).tick(at(1));
    const calls: string[] = [];
    const queue = {
      enqueue: async (_name: string, _payload: unknown, options?: { runAt?: Date; uniqueKey?: string }) => {
        calls.push(`enqueue ${options?.uniqueKey} ${options?.runAt?.toISOString()}`);
        return "job";
      },
      cancel: async (key: string) => {
        calls.push(`cancel ${key}`);
        return 1;
      },
    };
    // (other shops' runs in this file's database are due later than this one's 12 h step, or done)
    const due = await db.automationRun.findFirstOrThrow({
      where: { status: "active" },
      orderBy: { nextDueAt: "asc" },
      select: { nextDueAt: true },
    });
    const now = new Date(due.nextDueAt!.getTime() - 10_000);
    expect(await pullTickForward(db, queue, now, new Date(now.getTime() + 30_000), 1)).toEqual(due.nextDueAt);
    expect(calls).toEqual(["cancel automations.tick:1", `enqueue automations.tick:1 ${due.nextDueAt!.toISOString()}`]);
    calls.length = 0;
    expect(await pullTickForward(db, queue, now, new Date(now.getTime() + 5_000), 1)).toEqual(new Date(now.getTime() + 5_000));
    expect(calls).toEqual([]);
  });

  it("a quick tick between full ones moves and checks only the due runs; the full tick starts and checks the rest", async () => {
    const { isFullTick, runTick } = await import("./tick.server");
    const { db, shop, customer } = await setUp();
    const buyer = await createCustomer(db, shop);
    const late = await createCustomer(db, shop);
    const { deps } = tickDeps(db);
    await upsertCheckout(db, shop, customer, "tok-due", T0);
    await upsertCheckout(db, shop, buyer, "tok-buyer", T0);
    await runTick(deps, at(1));
    await upsertCheckout(db, shop, late, "tok-late", at(1));
    await placeOrder(db, shop, buyer, at(2));
    const status = async () =>
      Object.fromEntries(
        (await runsOf(db, shop)).map((r) => [r.id.split(":")[1], `${r.status}${r.cancelReason ? ` ${r.cancelReason}` : ""}`]),
      );

    await runTick(deps, at(2.5), { full: false });
    expect(await status()).toEqual({ "tok-due": "active", "tok-buyer": "active" });
    await runTick(deps, at(2.5));
    expect(await status()).toEqual({ "tok-due": "active", "tok-buyer": "cancelled purchased", "tok-late": "active" });

    await placeOrder(db, shop, customer, new Date(at(12).getTime() - 1000));
    await runTick(deps, at(12), { full: false });
    expect((await status())["tok-due"]).toBe("cancelled purchased");
    expect((await outboxOf(db, shop)).map((r) => r.idempotencyKey).sort()).toEqual([
      "checkout:tok-buyer:0",
      "checkout:tok-due:0",
      "checkout:tok-late:0",
    ]);

    expect(isFullTick(at(1), undefined, 30_000)).toBe(true);
    expect(isFullTick(new Date(at(1).getTime() + 29_999), at(1).getTime(), 30_000)).toBe(false);
    expect(isFullTick(new Date(at(1).getTime() + 30_000), at(1).getTime(), 30_000)).toBe(true);
  });
});
