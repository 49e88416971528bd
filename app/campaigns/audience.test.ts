import { describe, expect, it } from "vitest";
import { inIdOrder, trimmedAddress, type Audience } from "./audience.server";

const audience = (ids: number[]): Audience => ({
  id: ids,
  address: ids.map((id) => `+1212555${String(id).padStart(4, "0")}`),
  phone: ids.map((id) => `+1212555${String(id).padStart(4, "0")}`),
  firstName: ids.map((id) => `Pat${id}`),
  lastName: ids.map(() => null),
  countryCode: ids.map((id) => (id % 2 === 0 ? "US" : "CA")),
  provinceCode: ids.map(() => null),
  marketingState: ids.map((id) => (id === 3 ? "UNSUBSCRIBED" : "SUBSCRIBED")),
});

describe("inIdOrder", () => {
  it("keeps an audience whose ids ascend as it is", () => {
    const given = audience([1, 2, 5]);
    expect(inIdOrder(given)).toBe(given);
  });

  it("reorders every column together when the database gave the ids out of order", () => {
    // GIVEN members 5, 1, 3 in that order, WHEN put in id order
    const sorted = inIdOrder(audience([5, 1, 3]));
    // THEN each member's values stay with its id
    expect(sorted).toEqual(audience([1, 3, 5]));
  });
});

describe("trimmedAddress", () => {
  it.each([
    [" +12125550123 ", "+12125550123"],
    ["   ", null],
    ["", null],
    [null, null],
  ])("%j → %j", (stored, expected) => {
    expect(trimmedAddress(stored)).toBe(expected);
  });
});
