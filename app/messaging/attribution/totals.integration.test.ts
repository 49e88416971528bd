// attributionTotals: orders and revenue by campaign, automation or runs, in the shop's currency.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../tests/setup/test-db";
import { attributeShop } from "./attribute-shop.server";
import { addCustomer, addEvent, addMessage, addOrder, createShop, hoursBefore, uniqueShop, type OrderOptions } from "./test-support";
import { attributionTotals } from "./totals.server";

const NOW = new Date("2026-11-20T15:00:00Z");
let t: TestDb;
let shop: string;
let runs: string[];

/** One customer per order, who clicked a message of `source` 2 h before ordering. */
async function orderAfterClick(source: { campaignId?: string; automationRunId?: string }, order: OrderOptions = {}, onShop = shop) {
  const customer = await addCustomer(t.db, onShop);
  const message = await addMessage(t.db, onShop, customer.id, "SMS", source);
  await addEvent(t.db, message, "clicked", hoursBefore(NOW, 3));
  await addOrder(t.db, onShop, customer.id, hoursBefore(NOW, 1), order);
}

beforeAll(async () => {
  t = await createTestDb();
  shop = uniqueShop();
  await createShop(t.db, shop, { currency: "EUR" });
  const automation = await t.db.automation.create({ data: { shop, kind: "ABANDONED_CHECKOUT", steps: "[]" }, select: { id: true } });
  runs = [];
  for (const token of ["t1", "t2", "t3"]) {
    runs.push(
      (
        await t.db.automationRun.create({
          data: { shop, automationId: automation.id, checkoutToken: token, status: "done", startedAt: NOW },
          select: { id: true },
        })
      ).id,
    );
  }
  await orderAfterClick({ campaignId: "spring" }, { currency: "EUR", totalPrice: 10_000n });
  await orderAfterClick({ campaignId: "spring" }, { currency: "EUR", totalPrice: 4_000n, totalRefunded: 1_500n });
  await orderAfterClick({ campaignId: "spring" }, { currency: "EUR", totalPrice: 7_000n, cancelledAt: NOW });
  await orderAfterClick({ campaignId: "spring" }, { currency: "USD", totalPrice: 900n });
  await orderAfterClick({ campaignId: "autumn" }, { currency: "EUR", totalPrice: 111n });
  await orderAfterClick({ automationRunId: runs[0] }, { currency: "EUR", totalPrice: 2_000n });
  await orderAfterClick({ automationRunId: runs[1] }, { currency: "EUR", totalPrice: 3_000n });
  await orderAfterClick({ automationRunId: runs[2] }, { currency: "EUR", totalPrice: 5_000n });
  await attributeShop(t.db, shop, NOW);
  // Another shop's orders for a campaign of the same id never count.
  const other = uniqueShop();
  await createShop(t.db, other, { currency: "EUR" });
  await orderAfterClick({ campaignId: "spring" }, { currency: "EUR", totalPrice: 99_999n }, other);
  await attributeShop(t.db, other, NOW);
});
afterAll(async () => t?.drop());

describe("attributionTotals", () => {
  it("by campaign: net of refunds, cancelled orders apart, other currencies not summed", async () => {
    expect(await attributionTotals(t.db, shop, { campaignId: "spring" })).toEqual({
      orders: 3,
      revenue: 12_500,
      currency: "EUR",
      cancelledOrders: 1,
      ordersInOtherCurrencies: 1,
    });
  });

  it("by automation: every run of it", async () => {
    const automation = await t.db.automation.findFirstOrThrow({ where: { shop }, select: { id: true } });
    expect(await attributionTotals(t.db, shop, { automationId: automation.id })).toMatchObject({ orders: 3, revenue: 10_000 });
  });

  it("by automation runs: only those runs", async () => {
    expect(await attributionTotals(t.db, shop, { automationRunIds: [runs[0] ?? "", runs[2] ?? ""] })).toMatchObject({
      orders: 2,
      revenue: 7_000,
    });
    expect(await attributionTotals(t.db, shop, { automationRunIds: [] })).toMatchObject({ orders: 0, revenue: 0 });
  });

  it("a campaign without attributed orders: zeros in the shop's currency", async () => {
    expect(await attributionTotals(t.db, shop, { campaignId: "none" })).toEqual({
      orders: 0,
      revenue: 0,
      currency: "EUR",
      cancelledOrders: 0,
      ordersInOtherCurrencies: 0,
    });
  });

  it("refuses a filter naming nothing, saying what it needs", async () => {
    await expect(attributionTotals(t.db, shop, {} as never)).rejects.toThrow(/exactly one of campaignId, automationId or automationRunIds/);
  });
});
