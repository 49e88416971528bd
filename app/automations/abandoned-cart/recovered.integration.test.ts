// The dispatcher's last check for abandoned-checkout steps: a text already in the outbox (say,
// waiting out quiet hours) is not sent once its checkout was bought, even before the tick's next
// full pass cancels the run. Driven through the real dispatcher with the production hook.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "~/messaging/dispatch/clock";
import { dispatchShop } from "~/messaging/dispatch/dispatcher.server";
import { fakeDeps } from "~/messaging/dispatch/test-support/dispatch-fixtures";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { checkoutTokenOf, recoveredCheckoutRows } from "./recovered.server";
import { createCustomer, createShop, enableAutomation, placeOrder, tickDeps, upsertCheckout } from "./test-support/fixtures";

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => testDb?.drop());

const HOUR = 3_600_000;
// 10:00 in New York on a Monday: every step below is inside the allowed hours.
const T0 = new Date("2026-12-07T15:00:00Z");
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

async function firstStepQueued(token: string) {
  const db = testDb.db;
  const shop = await createShop(db);
  await enableAutomation(db, shop, at(-1));
  const customer = await createCustomer(db, shop);
  await upsertCheckout(db, shop, customer, token, T0);
  await tickDeps(db).tick(at(1));
  const row = await db.outboxMessage.findFirstOrThrow({
    where: { shop, idempotencyKey: `checkout:${token}:0` },
    select: { id: true, status: true },
  });
  expect(row.status).toBe("QUEUED");
  return { db, shop, customer, row };
}

function dispatcher(clock: ManualClock) {
  const db = testDb.db;
  return fakeDeps(db, clock, { cancelledBySource: (shop, rows) => recoveredCheckoutRows(db, shop, rows) });
}

describe("recovered checkouts at dispatch time", () => {
  it("skips a queued step as cancelled when the customer ordered after leaving the checkout", async () => {
    const { db, shop, customer, row } = await firstStepQueued("tok-bought");
    // WHEN the order lands a minute later, before any tick has seen it
    await placeOrder(db, shop, customer, new Date(at(1).getTime() + 60_000));
    const clock = new ManualClock(new Date(at(1).getTime() + 90_000));
    const { deps, sms } = dispatcher(clock);
    await dispatchShop(deps, shop);
    // THEN nothing is sent and the row says why
    expect(sms.sent).toEqual([]);
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: row.id }, select: { status: true, skipReason: true } })).toEqual({
      status: "SKIPPED",
      skipReason: "cancelled",
    });
  });

  it("sends the step when nothing was bought", async () => {
    const { db, shop, row } = await firstStepQueued("tok-open");
    const clock = new ManualClock(new Date(at(1).getTime() + 90_000));
    const { deps, sms } = dispatcher(clock);
    await dispatchShop(deps, shop);
    expect(sms.sent).toHaveLength(1);
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id: row.id }, select: { status: true } })).status).toBe("SENT");
  });

  it("reads the token from checkout keys only", () => {
    expect(checkoutTokenOf("checkout:abc123:2")).toBe("abc123");
    expect(checkoutTokenOf("campaign:c1:7")).toBeNull();
  });
});
