import { describe, expect, it } from "vitest";
import { lookupPhoneLocation, usStateFromGeocode } from "./phone-location";

describe("lookupPhoneLocation", () => {
  it.each([
    {
      description: "a New York area code",
      phone: "+12125550123",
      expected: { country: "US", region: "NY", timeZones: ["America/New_York"] },
    },
    { description: "a Miami area code", phone: "+13055550123", expected: { country: "US", region: "FL", timeZones: ["America/New_York"] } },
    { description: "a French mobile", phone: "+33612345678", expected: { country: "FR", region: null, timeZones: ["Europe/Paris"] } },
    { description: "not a phone number", phone: "+1", expected: null },
  ])("$description", async ({ phone, expected }) => {
    expect(await lookupPhoneLocation(phone)).toEqual(expected);
  });
});

describe("usStateFromGeocode", () => {
  it.each([
    ["Mountain View, CA", "CA"],
    ["Florida", "FL"],
    ["New York, NY", "NY"],
    ["Ontario", null],
    [null, null],
  ])("%s → %s", (description, expected) => {
    expect(usStateFromGeocode(description)).toBe(expected);
  });
});
