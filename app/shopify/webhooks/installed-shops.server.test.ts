import { describe, expect, it } from "vitest";
import { createInstalledShops, type ShopLookup } from "./installed-shops.server";

function countingLookup(rows: Map<string, { uninstalledAt: Date | null }>): { lookup: ShopLookup; reads: string[] } {
  const reads: string[] = [];
  return { reads, lookup: async (shop) => (reads.push(shop), rows.get(shop) ?? null) };
}

describe("installed shops", () => {
  it("answers from one read per shop within the TTL, and reads again after it", async () => {
    // GIVEN one installed shop and a clock the test moves
    const rows = new Map([["a.myshopify.com", { uninstalledAt: null }]]);
    const { lookup, reads } = countingLookup(rows);
    let t = 0;
    const shops = createInstalledShops(lookup, { ttlMs: 1000, clock: () => t });
    // WHEN a burst of deliveries asks, for it and for an unknown shop
    const answers = await Promise.all([
      ...Array.from({ length: 50 }, () => shops.get("a.myshopify.com")),
      shops.get("b.myshopify.com"),
      shops.get("b.myshopify.com"),
    ]);
    // THEN each shop was read once
    expect(reads).toEqual(["a.myshopify.com", "b.myshopify.com"]);
    expect(answers[0]).toEqual({ installed: true, uninstalled: false });
    expect(answers[50]).toEqual({ installed: false, uninstalled: false });
    // AND once the TTL passed, a change is seen
    rows.delete("a.myshopify.com");
    t = 999;
    expect(await shops.get("a.myshopify.com")).toEqual({ installed: true, uninstalled: false });
    t = 1001;
    expect(await shops.get("a.myshopify.com")).toEqual({ installed: false, uninstalled: false });
  });

  it("reads fresh on request, and does not keep a failed read", async () => {
    const rows = new Map([["a.myshopify.com", { uninstalledAt: null as Date | null }]]);
    const { lookup, reads } = countingLookup(rows);
    const shops = createInstalledShops(lookup, { ttlMs: 60_000, clock: () => 0 });
    await shops.get("a.myshopify.com");
    rows.set("a.myshopify.com", { uninstalledAt: new Date("2026-11-23T00:00:00Z") });
    expect(await shops.fresh("a.myshopify.com")).toEqual({ installed: true, uninstalled: true });
    // AND the fresh answer is what the cache gives next
    expect(await shops.get("a.myshopify.com")).toEqual({ installed: true, uninstalled: true });
    expect(reads).toHaveLength(2);

    let fail = true;
    const flaky = createInstalledShops(
      async () => {
        if (fail) throw new Error("database down");
        return null;
      },
      { ttlMs: 60_000, clock: () => 0 },
    );
    await expect(flaky.get("x.myshopify.com")).rejects.toThrow("database down");
    fail = false;
    expect(await flaky.get("x.myshopify.com")).toEqual({ installed: false, uninstalled: false });
  });
});
