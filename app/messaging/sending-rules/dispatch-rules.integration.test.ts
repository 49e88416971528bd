// The stored sending rules reach the dispatcher as production builds it (`sendingRulesDeps` in
// dispatch/shop-deps.server.ts): a narrowed SMS window holds a text back until it opens, the
// stored cap decides a second message, and the shop's own country is assumed where nothing
// places a recipient. Fake channels and a manual clock (the dispatcher tests' harness).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { ManualClock } from "../dispatch/clock";
import { dispatchShop } from "../dispatch/dispatcher.server";
import { sendingRulesDeps } from "../dispatch/shop-deps.server";
import { createCustomer, createShop, enqueue, fakeDeps, smsRow } from "../dispatch/test-support/dispatch-fixtures";
import { fieldName, sendingRulesFields, sendingRulesValues, WEEKDAYS } from "./form";
import { defaultSendingRules } from "./rules";
import { saveSendingRules } from "./store.server";

let testDb: TestDb;
beforeAll(async () => {
  testDb = await createTestDb();
});
afterAll(async () => testDb?.drop());

const HOUR = 3_600_000;
// Monday 2026-12-07 in New York (UTC−5): 09:00 local is 14:00 UTC.
const NINE_NY = new Date("2026-12-07T14:00:00Z");
const TEN_NY = new Date("2026-12-07T15:00:00Z");
const row = (shop: string, idempotencyKey: string) => testDb.db.outboxMessage.findFirstOrThrow({ where: { shop, idempotencyKey } });

async function saveRules(shop: string, changes: Record<string, string>): Promise<void> {
  const saved = await saveSendingRules(testDb.db, shop, { ...sendingRulesFields(sendingRulesValues(defaultSendingRules())), ...changes });
  expect(saved).toMatchObject({ ok: true });
}

const smsEveryDay = (from: string, to: string) =>
  Object.fromEntries(
    WEEKDAYS.flatMap((_, day) => [
      [fieldName.from("sms", day, 0), from],
      [fieldName.to("sms", day, 0), to],
    ]),
  );

describe("stored sending rules in the dispatcher", () => {
  it("holds a text due at 09:00 the recipient's time until a stored 10:00–20:00 window opens", async () => {
    const db = testDb.db;
    const shop = await createShop(db);
    const person = await createCustomer(db, shop);
    // GIVEN the merchant narrowed texts to 10:00–20:00 and a row is due at 09:00 in New York
    await saveRules(shop, smsEveryDay("10:00", "20:00"));
    await enqueue(db, [smsRow(shop, person, NINE_NY)], NINE_NY);
    const clock = new ManualClock(NINE_NY);
    const { deps, sms } = fakeDeps(db, clock, await sendingRulesDeps(db, shop));

    // WHEN it is dispatched at 09:00 THEN it waits for 10:00 (the law alone would send it now)
    await dispatchShop(deps, shop);
    expect(sms.sent).toEqual([]);
    expect(await row(shop, `campaign:c1:${person.id}`)).toMatchObject({ status: "QUEUED", notBefore: TEN_NY, attempts: 0 });

    // WHEN the clock reaches 10:00 THEN it goes
    clock.set(TEN_NY);
    await dispatchShop(deps, shop);
    expect(sms.sent.map((m) => m.to)).toEqual([person.phone]);
  });

  it("defers a second blast and skips a second checkout step under a stored cap of 1 per 24 h; a cap of 2 lets it go", async () => {
    const db = testDb.db;
    const noon = new Date("2026-12-07T17:00:00Z");
    const [capped, loose] = [await createShop(db), await createShop(db)];
    await saveRules(capped, { capPer24h: "1", capPer7d: "3" });
    await saveRules(loose, { capPer24h: "2", capPer7d: "3" });
    const sentTo: Record<string, string[]> = {};
    for (const shop of [capped, loose]) {
      const person = await createCustomer(db, shop);
      // GIVEN the person got a blast an hour ago
      const earlier = new Date(noon.getTime() - HOUR);
      await enqueue(db, [smsRow(shop, person, earlier, { idempotencyKey: "campaign:first:1" })], earlier);
      await db.outboxMessage.updateMany({ where: { shop, idempotencyKey: "campaign:first:1" }, data: { status: "SENT", sentAt: earlier } });
      // WHEN a second blast and an abandoned-checkout step are due
      await enqueue(
        db,
        [
          smsRow(shop, person, noon, { idempotencyKey: "campaign:second:1" }),
          smsRow(shop, person, noon, { idempotencyKey: "checkout:tok:1", deadline: new Date(noon.getTime() + 2 * HOUR) }),
        ],
        noon,
      );
      const clock = new ManualClock(noon);
      const { deps, sms } = fakeDeps(db, clock, await sendingRulesDeps(db, shop));
      await dispatchShop(deps, shop);
      sentTo[shop] = sms.sent.map((m) => m.to);
      if (shop === capped) {
        // THEN under 1 per 24 h the blast waits until the first is a day old; the checkout step, whose window (its deadline: the next step) closes first, is skipped
        expect(await row(shop, "campaign:second:1")).toMatchObject({
          status: "QUEUED",
          notBefore: new Date(earlier.getTime() + 24 * HOUR),
        });
        expect(await row(shop, "checkout:tok:1")).toMatchObject({ status: "SKIPPED", skipReason: "capped" });
      }
    }
    expect(sentTo[capped]).toEqual([]);
    // AND under 2 per 24 h one of the two goes now (the other is the third in 24 h)
    expect(sentTo[loose]).toHaveLength(1);
  });

  it("assumes the shop's own country where nothing places a recipient, US only when the shop's is unknown", async () => {
    const db = testDb.db;
    const french = await createShop(db, { ianaTimezone: "Europe/Paris" });
    await db.shop.update({ where: { shop: french }, data: { countryCode: "FR" } });
    const unknown = await createShop(db);
    expect((await sendingRulesDeps(db, french)).quietHours("Europe/Paris")).toMatchObject({
      shopCountry: "FR",
      shopTimeZone: "Europe/Paris",
    });
    expect((await sendingRulesDeps(db, unknown)).quietHours("America/New_York")).toMatchObject({ shopCountry: "US" });
    // One settings object per zone: the quiet-hours policies are cached per settings object.
    const { quietHours } = await sendingRulesDeps(db, french);
    expect(quietHours("Europe/Paris")).toBe(quietHours("Europe/Paris"));
  });

  it("refuses to dispatch under a corrupt row rather than guess", async () => {
    const db = testDb.db;
    const shop = await createShop(db);
    await db.sendingRules.create({ data: { shop, frequencyCap: "[]" } });
    await expect(sendingRulesDeps(db, shop)).rejects.toThrow(/frequencyCap: Invalid input: expected object, received array/);
  });
});
