/**
 * IANA zones a postal address can be in: by US state, Canadian province and Australian state
 * (Shopify's province codes), else by country. A region spanning zones lists them all, so quiet
 * hours hold in each. Sources: the IANA tz database zone.tab (2025b) and each state's statutory
 * time boundaries; zones covering only a small area (e.g. America/Menominee) are folded into
 * their main neighbour's list.
 */

const US: Readonly<Record<string, readonly string[]>> = {
  AL: ["America/Chicago"],
  AK: ["America/Anchorage", "America/Adak"],
  AZ: ["America/Phoenix"],
  AR: ["America/Chicago"],
  CA: ["America/Los_Angeles"],
  CO: ["America/Denver"],
  CT: ["America/New_York"],
  DE: ["America/New_York"],
  DC: ["America/New_York"],
  FL: ["America/New_York", "America/Chicago"],
  GA: ["America/New_York"],
  HI: ["Pacific/Honolulu"],
  ID: ["America/Boise", "America/Los_Angeles"],
  IL: ["America/Chicago"],
  IN: ["America/Indiana/Indianapolis", "America/Chicago"],
  IA: ["America/Chicago"],
  KS: ["America/Chicago", "America/Denver"],
  KY: ["America/New_York", "America/Chicago"],
  LA: ["America/Chicago"],
  ME: ["America/New_York"],
  MD: ["America/New_York"],
  MA: ["America/New_York"],
  MI: ["America/Detroit", "America/Chicago"],
  MN: ["America/Chicago"],
  MS: ["America/Chicago"],
  MO: ["America/Chicago"],
  MT: ["America/Denver"],
  NE: ["America/Chicago", "America/Denver"],
  NV: ["America/Los_Angeles"],
  NH: ["America/New_York"],
  NJ: ["America/New_York"],
  NM: ["America/Denver"],
  NY: ["America/New_York"],
  NC: ["America/New_York"],
  ND: ["America/Chicago", "America/Denver"],
  OH: ["America/New_York"],
  OK: ["America/Chicago"],
  OR: ["America/Los_Angeles", "America/Boise"],
  PA: ["America/New_York"],
  RI: ["America/New_York"],
  SC: ["America/New_York"],
  SD: ["America/Chicago", "America/Denver"],
  TN: ["America/Chicago", "America/New_York"],
  TX: ["America/Chicago", "America/Denver"],
  UT: ["America/Denver"],
  VT: ["America/New_York"],
  VA: ["America/New_York"],
  WA: ["America/Los_Angeles"],
  WV: ["America/New_York"],
  WI: ["America/Chicago"],
  WY: ["America/Denver"],
  PR: ["America/Puerto_Rico"],
};

const CA: Readonly<Record<string, readonly string[]>> = {
  AB: ["America/Edmonton"],
  BC: ["America/Vancouver"],
  MB: ["America/Winnipeg"],
  NB: ["America/Moncton"],
  NL: ["America/St_Johns"],
  NS: ["America/Halifax"],
  NT: ["America/Yellowknife"],
  NU: ["America/Iqaluit", "America/Winnipeg", "America/Edmonton"],
  ON: ["America/Toronto", "America/Winnipeg"],
  PE: ["America/Halifax"],
  QC: ["America/Toronto"],
  SK: ["America/Regina"],
  YT: ["America/Whitehorse"],
};

const AU: Readonly<Record<string, readonly string[]>> = {
  NSW: ["Australia/Sydney"],
  ACT: ["Australia/Sydney"],
  VIC: ["Australia/Melbourne"],
  QLD: ["Australia/Brisbane"],
  SA: ["Australia/Adelaide"],
  WA: ["Australia/Perth"],
  TAS: ["Australia/Hobart"],
  NT: ["Australia/Darwin"],
};

const COUNTRIES: Readonly<Record<string, readonly string[]>> = {
  GB: ["Europe/London"],
  IE: ["Europe/Dublin"],
  FR: ["Europe/Paris"],
  DE: ["Europe/Berlin"],
  ES: ["Europe/Madrid", "Atlantic/Canary"],
  IT: ["Europe/Rome"],
  NL: ["Europe/Amsterdam"],
  BE: ["Europe/Brussels"],
  PL: ["Europe/Warsaw"],
  TR: ["Europe/Istanbul"],
  CH: ["Europe/Zurich"],
  AT: ["Europe/Vienna"],
  SE: ["Europe/Stockholm"],
  NO: ["Europe/Oslo"],
  DK: ["Europe/Copenhagen"],
  FI: ["Europe/Helsinki"],
  PT: ["Europe/Lisbon", "Atlantic/Azores"],
  NZ: ["Pacific/Auckland"],
  JP: ["Asia/Tokyo"],
  IN: ["Asia/Kolkata"],
  PR: ["America/Puerto_Rico"],
};

const BY_COUNTRY: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = { US, CA, AU };

function union(table: Readonly<Record<string, readonly string[]>>): readonly string[] {
  return [...new Set(Object.values(table).flat())];
}

/** Zones for an address; empty when the country is unknown to this table. */
export function zonesForAddress(country: string | null, province: string | null): readonly string[] {
  if (country === null) return [];
  const code = country.toUpperCase();
  const regions = BY_COUNTRY[code];
  if (regions) {
    const zones = province === null ? undefined : regions[province.toUpperCase()];
    return zones ?? union(regions);
  }
  return COUNTRIES[code] ?? [];
}
