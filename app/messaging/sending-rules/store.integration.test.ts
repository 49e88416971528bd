// The SendingRules row on both databases: no row is the defaults, a save round-trips, a refused
// save writes nothing, and a corrupt row is reported (and refused for sending), not replaced.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { uniqueShop } from "../../../tests/factories/store";
import { fieldName, sendingRulesFields, sendingRulesValues } from "./form";
import { sendingRulesPageData, submitSendingRules } from "./page.server";
import { defaultSendingRules } from "./rules";
import { CorruptSendingRulesError, loadSendingRules, readSendingRules, saveSendingRules } from "./store.server";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

const defaultFields = () => sendingRulesFields(sendingRulesValues(defaultSendingRules()));

describe("sending rules storage", () => {
  it("gives the defaults for a shop without a row", async () => {
    expect(await readSendingRules(t.db, uniqueShop())).toEqual({ rules: defaultSendingRules(), stored: false, corrupt: null });
  });

  it("saves and reads back what the merchant chose", async () => {
    const shop = uniqueShop();
    const fields = {
      ...defaultFields(),
      [fieldName.from("sms", 1, 0)]: "10:00",
      [fieldName.to("sms", 1, 0)]: "20:00",
      [fieldName.enabled("email")]: "on",
      capPer24h: "2",
      capPer7d: "4",
      attributionClickHours: "48",
      attributionDeliveryHours: "6",
    };
    delete fields[fieldName.dayOn("sms", 0)];
    const saved = await saveSendingRules(t.db, shop, fields);
    expect(saved.ok).toBe(true);
    const read = await readSendingRules(t.db, shop);
    expect(read).toMatchObject({ stored: true, corrupt: null });
    expect(read.rules.quietHours.sms.weekly[1]).toEqual([[600, 1200]]);
    expect(read.rules.quietHours.sms.weekly[0]).toEqual([]);
    expect(read.rules.quietHours.email.enabled).toBe(true);
    expect(read.rules.frequencyCap).toEqual({ per24h: 2, per7d: 4 });
    expect(read.rules.attribution).toEqual({ clickHours: 48, deliveryHours: 6 });
    expect(await loadSendingRules(t.db, shop)).toEqual(read.rules);
  });

  it("writes nothing when a field is refused", async () => {
    const shop = uniqueShop();
    expect((await saveSendingRules(t.db, shop, { ...defaultFields(), capPer24h: "2" })).ok).toBe(true);
    const refused = await saveSendingRules(t.db, shop, { ...defaultFields(), capPer24h: "3", [fieldName.from("sms", 2, 0)]: "06:00" });
    expect(refused).toEqual({ ok: false, errors: { [fieldName.from("sms", 2, 0)]: expect.stringContaining("starts before 08:00") } });
    const read = await readSendingRules(t.db, shop);
    expect(read.rules.frequencyCap.per24h).toBe(2);
    expect(read.rules.quietHours.sms.weekly[2]).toEqual([[480, 1260]]);
  });

  it("reports a corrupt row naming the column and field, and refuses it for sending", async () => {
    const shop = uniqueShop();
    await t.db.sendingRules.create({
      data: { shop, quietHours: "{not json", frequencyCap: JSON.stringify({ per24h: -1, per7d: 3 }), attributionClickHours: 72 },
    });
    const read = await readSendingRules(t.db, shop);
    expect(read.stored).toBe(true);
    expect(read.corrupt).toMatch(/^quietHours is not JSON \(.+\); frequencyCap\.per24h: Too small: expected number to be >=0$/);
    // What could be read is kept; the unreadable parts show the defaults until the merchant saves.
    expect(read.rules.attribution.clickHours).toBe(72);
    expect(read.rules.frequencyCap).toEqual(defaultSendingRules().frequencyCap);
    await expect(loadSendingRules(t.db, shop)).rejects.toThrow(CorruptSendingRulesError);
    await expect(loadSendingRules(t.db, shop)).rejects.toThrow(`Sending rules of ${shop} cannot be read: quietHours is not JSON`);
    // The row is not rewritten by reading it.
    expect((await t.db.sendingRules.findUniqueOrThrow({ where: { shop } })).quietHours).toBe("{not json");
  });

  it("the page shows a corrupt row's problem over the defaults, and a refused save says nothing was saved", async () => {
    const shop = uniqueShop();
    await t.db.shop.create({ data: { shop, name: "Corrupt", ianaTimezone: "Europe/Paris", countryCode: "FR" } });
    await t.db.sendingRules.create({ data: { shop, frequencyCap: "{}" } });
    const page = await sendingRulesPageData(t.db, shop);
    expect(page).toMatchObject({ shopTimeZone: "Europe/Paris", shopCountry: "FR", values: { capPer24h: "1", capPer7d: "3" } });
    expect(page.corrupt).toMatch(/^frequencyCap\.per24h: .+; frequencyCap\.per7d: /);
    const refused = await submitSendingRules(t.db, shop, { ...defaultFields(), capPer24h: "x", capPer7d: "0" });
    expect(refused).toMatchObject({ ok: false, message: "Nothing was saved: 2 fields need fixing (marked below)." });
    expect((await t.db.sendingRules.findUniqueOrThrow({ where: { shop } })).frequencyCap).toBe("{}");
    expect(await submitSendingRules(t.db, shop, defaultFields())).toEqual({ ok: true, message: "Sending rules saved" });
    expect((await sendingRulesPageData(t.db, shop)).corrupt).toBeNull();
  });
});
