import { describe, expect, it } from "vitest";
import { demoShop, generateCatalog, generateCustomers } from "./generate";
import { ONLINE_STORE_APP, POINT_OF_SALE_APP, RETAIL_LOCATIONS } from "./generate-orders";
import type { CustomerChunk } from "./types";

const NOW = new Date("2026-11-23T12:00:00.000Z");
const DAY = 86_400_000;

function take(seed: number, customers: number, from = 0): CustomerChunk[] {
  return [...generateCustomers({ seed, customers, now: NOW, from }, generateCatalog(seed, NOW))];
}

describe("generateCustomers determinism", () => {
  it("gives the same first 200 chunks for the same seed", () => {
    // GIVEN two runs with one seed  WHEN generated  THEN identical, Dates included
    expect(take(7, 200)).toEqual(take(7, 200));
  });

  it("gives a different store for a different seed", () => {
    const a = take(7, 200);
    const b = take(8, 200);
    const differing = a.filter((chunk, i) => JSON.stringify(chunk) !== JSON.stringify(b[i]));
    expect(differing.length).toBeGreaterThan(190);
  });

  it("regenerates any customer alone (shards agree with a full run)", () => {
    expect(take(7, 10, 95)).toEqual(take(7, 105).slice(95));
  });

  it("keeps the catalog and demo shop stable", () => {
    expect(generateCatalog(7, NOW)).toEqual(generateCatalog(7, NOW));
    expect(generateCatalog(7, NOW).products.length).toBeGreaterThan(20);
    expect(demoShop("x.myshopify.com").shop).toBe("x.myshopify.com");
  });
});

describe("a generated store's mix", () => {
  const chunks = take(20261123, 4000);
  const customers = chunks.map((c) => c.customer);
  const orders = chunks.flatMap((c) => c.orders);
  const lines = orders.flatMap((o) => o.lineItems);
  const checkouts = chunks.flatMap((c) => c.checkouts);

  it("has about 5 orders per customer and 2.4 line items per order (the 1M / 5M / 12M benchmark shape)", () => {
    expect(orders.length / customers.length).toBeGreaterThan(4.5);
    expect(orders.length / customers.length).toBeLessThan(5.5);
    expect(lines.length / orders.length).toBeGreaterThan(2.2);
    expect(lines.length / orders.length).toBeLessThan(2.6);
  });

  it("sells about one order in eight through Point of Sale at two shops, the rest online", () => {
    const pos = orders.filter((o) => o.sourceName === "pos");
    expect(pos.length / orders.length).toBeGreaterThan(0.09);
    expect(pos.length / orders.length).toBeLessThan(0.16);
    expect(new Set(pos.map((o) => o.locationGid))).toEqual(new Set(RETAIL_LOCATIONS));
    expect(new Set(pos.map((o) => o.appGid))).toEqual(new Set([POINT_OF_SALE_APP]));
    const online = orders.filter((o) => o.sourceName === "web");
    expect(online.length + pos.length).toBe(orders.length);
    expect(online.every((o) => o.appGid === ONLINE_STORE_APP && o.locationGid === null)).toBe(true);
  });

  it("has customers who never ordered and a long tail who ordered many times", () => {
    const counts = chunks.map((c) => c.orders.length);
    expect(counts.filter((n) => n === 0).length / counts.length).toBeGreaterThan(0.1);
    expect(Math.max(...counts)).toBeGreaterThan(30);
  });

  it("has every consent state for email and SMS, and none for missing contacts", () => {
    for (const state of ["SUBSCRIBED", "NOT_SUBSCRIBED", "UNSUBSCRIBED", "PENDING"]) {
      expect(
        customers.some((c) => c.emailState === state),
        `email ${state}`,
      ).toBe(true);
      expect(
        customers.some((c) => c.smsState === state),
        `sms ${state}`,
      ).toBe(true);
    }
    expect(customers.filter((c) => c.phone === null).every((c) => c.smsState === "NOT_SUBSCRIBED" && c.smsOptIn === null)).toBe(true);
    expect(customers.filter((c) => c.email === null).every((c) => c.emailState === "NOT_SUBSCRIBED")).toBe(true);
  });

  it("has cancelled, refunded and partially refunded orders", () => {
    expect(orders.some((o) => o.cancelledAt !== null && o.financialStatus === "VOIDED" && o.totalRefunded === o.totalPrice)).toBe(true);
    expect(orders.some((o) => o.financialStatus === "REFUNDED")).toBe(true);
    expect(orders.some((o) => o.financialStatus === "PARTIALLY_REFUNDED" && o.totalRefunded < o.totalPrice)).toBe(true);
  });

  it("has recovered checkouts whose order exists, and checkouts from the last 24 hours", () => {
    const orderGids = new Set(orders.map((o) => o.gid));
    const recovered = checkouts.filter((k) => k.recoveredOrderGid !== null);
    expect(recovered.length).toBeGreaterThan(0);
    expect(recovered.every((k) => orderGids.has(k.recoveredOrderGid ?? "") && k.completedAt !== null)).toBe(true);
    expect(checkouts.filter((k) => NOW.getTime() - k.createdAt.getTime() < DAY).length).toBeGreaterThan(5);
  });

  it("gives every customer a unique phone and every record a unique GID and checkout token", () => {
    const phones = customers.flatMap((c) => (c.phone ? [c.phone] : []));
    expect(new Set(phones).size).toBe(phones.length);
    expect(new Set(checkouts.map((k) => k.token)).size).toBe(checkouts.length);
    for (const [kind, gids] of [
      ["Customer", customers],
      ["Order", orders],
      ["LineItem", lines],
      ["AbandonedCheckout", checkouts],
    ] as const) {
      const all = gids.map((r) => r.gid);
      expect(new Set(all).size, kind).toBe(all.length);
      expect(
        all.every((g) => new RegExp(`^gid://shopify/${kind}/[1-9][0-9]*$`).test(g)),
        kind,
      ).toBe(true);
    }
  });

  it("spreads orders over three years, with November and December above the average month", () => {
    const byMonth = new Map<string, number>();
    for (const o of orders)
      byMonth.set(o.processedAt.toISOString().slice(0, 7), (byMonth.get(o.processedAt.toISOString().slice(0, 7)) ?? 0) + 1);
    const count = (month: string) => byMonth.get(month) ?? 0;
    // Every year of the history has a real share of the orders (the store grew, so fewer early).
    for (const year of ["2024", "2025", "2026"]) {
      const inYear = [...byMonth].filter(([m]) => m.startsWith(year)).reduce((s, [, n]) => s + n, 0);
      expect(inYear / orders.length, year).toBeGreaterThan(0.1);
    }
    const average2025 = [...byMonth].filter(([m]) => m.startsWith("2025")).reduce((s, [, n]) => s + n, 0) / 12;
    expect(count("2025-11")).toBeGreaterThan(average2025);
    expect(count("2025-12")).toBeGreaterThan(average2025);
    // The holiday peak beats the growth trend: December sells more than the months after it.
    expect(count("2025-12")).toBeGreaterThan(count("2026-01"));
    expect(count("2025-12")).toBeGreaterThan(count("2026-03"));
    expect(orders.every((o) => o.processedAt <= NOW && o.updatedAt <= NOW)).toBe(true);
  });
});

describe("GIDs past 2^53", () => {
  it("stay exact: built from digits, never through a JS number", () => {
    // GIVEN customer indexes so large that their order ids exceed Number.MAX_SAFE_INTEGER
    const from = 2 ** 53 / 2 ** 10;
    const chunks = take(3, 4, from);
    const ids = (kind: string, gids: string[]) => gids.map((g) => BigInt(g.replace(`gid://shopify/${kind}/`, "")));
    const customerIds = ids(
      "Customer",
      chunks.map((c) => c.customer.gid),
    );
    // THEN consecutive customers get consecutive ids (doubles this large are 2 apart at best)
    expect(customerIds.map((id) => id - (customerIds[0] ?? 0n))).toEqual([0n, 1n, 2n, 3n]);
    const orderIds = ids(
      "Order",
      chunks.flatMap((c) => c.orders.map((o) => o.gid)),
    );
    expect(orderIds.length).toBeGreaterThan(0);
    expect(orderIds.every((id) => id > BigInt(Number.MAX_SAFE_INTEGER))).toBe(true);
    expect(new Set(orderIds).size).toBe(orderIds.length);
  });
});
