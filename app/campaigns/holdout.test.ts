import { describe, expect, it } from "vitest";
import { holdoutHash, isHeldOut } from "./holdout";

describe("holdout", () => {
  it("is deterministic per (campaign, customer) and differs between campaigns", () => {
    expect(holdoutHash("c1", 42)).toBe(holdoutHash("c1", 42));
    const a = Array.from({ length: 200 }, (_, i) => isHeldOut("c1", i, 10));
    const b = Array.from({ length: 200 }, (_, i) => isHeldOut("c2", i, 10));
    expect(a).not.toEqual(b);
  });

  it.each([0, 10, 25, 50])("holds out close to %i %% of 20,000 consecutive ids", (percent) => {
    const held = Array.from({ length: 20_000 }, (_, i) => isHeldOut("cmp_x", i + 1, percent)).filter(Boolean).length;
    expect(Math.abs(held / 200 - percent)).toBeLessThan(1);
  });
});
