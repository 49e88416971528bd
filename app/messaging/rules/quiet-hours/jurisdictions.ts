/**
 * When marketing SMS may reach a recipient, by law, in the recipient's local time. Each row cites
 * its source and the date it was checked; the merchant's calendar can only narrow these.
 *
 * Checked 2026-12-06 against state-by-state guides that cite the statutes (dropcowboy.com/
 * state-compliance, updated 2025-11-01; blog.clickpointsoftware.com telemarketing-calling-hours-by-
 * state, reviewed 2025-07; support.referrizer.com "TCPA quiet hours and state-specific rules for
 * text campaigns"). The statute sections below are as those guides cite them; where a row says
 * "unverified", no primary text was read. Telemarketing statutes that name "calls" are applied to
 * marketing texts, as the FCC (texts are calls under the TCPA) and the state "mini-TCPA" acts do.
 */

/** [start, end) in minutes after local midnight. */
export type Interval = readonly [number, number];
/** Index 0 = Sunday … 6 = Saturday; an empty list = no sending that day. */
export type WeeklyWindows = readonly (readonly Interval[])[];

export interface LegalRule {
  id: string;
  /** ISO 3166-1 alpha-2, and the state/province code for a regional rule. */
  country: string;
  region: string | null;
  weekly: WeeklyWindows;
  /** No sending on the public holidays of the rule's country (and region). */
  noHolidays: boolean;
  /** At most this many marketing messages per rolling 24 hours. */
  maxPer24h: number | null;
  source: string;
  checked: string;
}

const h = (hours: number): number => hours * 60;
const every = (start: number, end: number): WeeklyWindows => Array.from({ length: 7 }, () => [[h(start), h(end)] as const]);
const days = (sunday: readonly Interval[], weekdays: readonly Interval[], saturday: readonly Interval[]): WeeklyWindows => [
  sunday,
  weekdays,
  weekdays,
  weekdays,
  weekdays,
  weekdays,
  saturday,
];
const CHECKED = "2026-12-06";

export const LEGAL_RULES: readonly LegalRule[] = [
  {
    id: "US",
    country: "US",
    region: null,
    weekly: every(8, 21),
    noHolidays: false,
    maxPer24h: null,
    source: "TCPA, 47 CFR § 64.1200(c)(1): no solicitation before 8 a.m. or after 9 p.m. at the called party's location",
    checked: CHECKED,
  },
  {
    id: "US-FL",
    country: "US",
    region: "FL",
    weekly: every(8, 20),
    noHolidays: false,
    maxPer24h: 3,
    source:
      "Florida Telephone Solicitation Act, Fla. Stat. § 501.059(8)(a) (SB 1120, 2021; HB 761, 2023) and § 501.616(6): 8 a.m.–8 p.m., at most 3 per 24 h on the same subject",
    checked: CHECKED,
  },
  {
    id: "US-OK",
    country: "US",
    region: "OK",
    weekly: every(8, 20),
    noHolidays: false,
    maxPer24h: 3,
    source:
      "Oklahoma Telephone Solicitation Act of 2022, Okla. Stat. tit. 15, § 775C.4: 8 a.m.–8 p.m., at most 3 per 24 h on the same subject",
    checked: CHECKED,
  },
  {
    id: "US-MD",
    country: "US",
    region: "MD",
    weekly: every(8, 20),
    noHolidays: false,
    maxPer24h: 3,
    source: "Maryland Stop the Spam Calls Act (2023), Md. Code, Com. Law § 14-4503: 8 a.m.–8 p.m., at most 3 per 24 h on the same subject",
    checked: CHECKED,
  },
  {
    id: "US-WA",
    country: "US",
    region: "WA",
    weekly: every(8, 20),
    noHolidays: false,
    maxPer24h: null,
    source: "RCW 80.36.390: no telephone solicitation before 8 a.m. or after 8 p.m.",
    checked: CHECKED,
  },
  {
    id: "US-CT",
    country: "US",
    region: "CT",
    weekly: every(9, 20),
    noHolidays: false,
    maxPer24h: null,
    source: "Conn. Gen. Stat. § 42-288a as amended by P.A. 23-98 (effective 2023-10-01): 9 a.m.–8 p.m.",
    checked: CHECKED,
  },
  {
    id: "US-TX",
    country: "US",
    region: "TX",
    weekly: days([[h(12), h(21)]], [[h(9), h(21)]], [[h(9), h(21)]]),
    noHolidays: false,
    maxPer24h: null,
    source: "Tex. Bus. & Com. Code § 301.051: 9 a.m.–9 p.m. Monday–Saturday, noon–9 p.m. Sunday",
    checked: CHECKED,
  },
  {
    id: "US-AL",
    country: "US",
    region: "AL",
    weekly: days([], [[h(8), h(20)]], [[h(8), h(20)]]),
    noHolidays: true,
    maxPer24h: null,
    source:
      "Alabama telemarketing rules as cited by the guides above: 8 a.m.–8 p.m., no Sundays or state holidays (Ala. Code § 1-3-8 moves holidays; statute section unverified)",
    checked: CHECKED,
  },
  {
    id: "US-LA",
    country: "US",
    region: "LA",
    weekly: days([], [[h(8), h(20)]], [[h(8), h(20)]]),
    noHolidays: true,
    maxPer24h: null,
    source:
      "Louisiana Telephone Solicitation Relief Act, La. R.S. 45:844.11 et seq. and LPSC rules: 8 a.m.–8 p.m., no Sundays or legal holidays (section unverified)",
    checked: CHECKED,
  },
  {
    id: "US-MS",
    country: "US",
    region: "MS",
    weekly: days([], [[h(8), h(20)]], [[h(8), h(20)]]),
    noHolidays: true,
    maxPer24h: null,
    source:
      "Miss. Code Ann. § 77-3-729 as cited by the guides above: 8 a.m.–8 p.m., no Sundays; holidays excluded per clickpoint's table (dropcowboy lists holidays as allowed; the stricter reading is kept)",
    checked: CHECKED,
  },
  {
    id: "US-RI",
    country: "US",
    region: "RI",
    weekly: days([], [[h(9), h(18)]], [[h(10), h(17)]]),
    noHolidays: true,
    maxPer24h: null,
    source: "R.I. Gen. Laws § 5-61-3.4: 9 a.m.–6 p.m. weekdays, 10 a.m.–5 p.m. Saturdays, never Sundays or state holidays",
    checked: CHECKED,
  },
  {
    id: "CA",
    country: "CA",
    region: null,
    weekly: days([[h(10), h(18)]], [[h(9), 21 * 60 + 30]], [[h(10), h(18)]]),
    noHolidays: false,
    maxPer24h: null,
    source:
      "CRTC Unsolicited Telecommunications Rules, Part III (Telemarketing Rules): 9:00–21:30 weekdays, 10:00–18:00 weekends; written for telemarketing calls and applied to marketing SMS conservatively (CASL sets no hours)",
    checked: CHECKED,
  },
  {
    id: "FR",
    country: "FR",
    region: null,
    weekly: days(
      [],
      [
        [h(10), h(13)],
        [h(14), h(20)],
      ],
      [],
    ),
    noHolidays: true,
    maxPer24h: null,
    source:
      "Décret n° 2022-1313 du 13 octobre 2022 (Code de la consommation, D. 223-8): telephone prospecting Monday–Friday 10:00–13:00 and 14:00–20:00, never weekends or public holidays; written for calls and applied to marketing SMS conservatively (unverified whether it covers SMS)",
    checked: CHECKED,
  },
  {
    id: "DE",
    country: "DE",
    region: null,
    weekly: days([], [[h(8), h(20)]], [[h(8), h(20)]]),
    noHolidays: true,
    maxPer24h: null,
    source:
      "No statutory hours for marketing SMS in Germany (UWG § 7 requires consent only); Flock policy 08:00–20:00, no Sundays or public holidays (Sonn- und Feiertagsruhe)",
    checked: CHECKED,
  },
];

/** Countries without a row: Flock's floor, the TCPA's hours. */
export const DEFAULT_RULE: LegalRule = {
  id: "default",
  country: "",
  region: null,
  weekly: every(8, 21),
  noHolidays: false,
  maxPer24h: null,
  source: "Flock default where no law is on file: 08:00–21:00",
  checked: CHECKED,
};

function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const [as, ae] of a) {
    for (const [bs, be] of b) {
      const start = Math.max(as, bs);
      const end = Math.min(ae, be);
      if (start < end) out.push([start, end]);
    }
  }
  return out.sort((x, y) => x[0] - y[0]);
}

export function intersectWeekly(a: WeeklyWindows, b: WeeklyWindows): WeeklyWindows {
  return a.map((day, i) => intersect(day, b[i] ?? []));
}

/** A US recipient whose state is unknown: every US rule at once (RI's hours, no Sundays, …). */
export const US_UNKNOWN_STATE_RULE: LegalRule = (() => {
  const us = LEGAL_RULES.filter((rule) => rule.country === "US");
  return {
    id: "US-unknown-state",
    country: "US",
    region: null,
    weekly: us.reduce<WeeklyWindows>((weekly, rule) => intersectWeekly(weekly, rule.weekly), every(0, 24)),
    noHolidays: us.some((rule) => rule.noHolidays),
    maxPer24h: Math.min(...us.map((rule) => rule.maxPer24h ?? Infinity)),
    source: "Intersection of every US row: the state is unknown, so the most restrictive window applies",
    checked: CHECKED,
  };
})();

const BY_ID = new Map(LEGAL_RULES.map((rule) => [rule.id, rule]));

/** Where a recipient may be: countries and, for the US, states (empty set: state unknown). */
export interface Jurisdiction {
  countries: ReadonlySet<string>;
  usStates: ReadonlySet<string>;
}

/** Every rule that applies to a recipient who may be in any of the given places. */
export function legalRulesFor(jurisdiction: Jurisdiction): LegalRule[] {
  const rules: LegalRule[] = [];
  for (const country of jurisdiction.countries) {
    if (country === "US") {
      rules.push(BY_ID.get("US") as LegalRule);
      if (jurisdiction.usStates.size === 0) rules.push(US_UNKNOWN_STATE_RULE);
      for (const state of jurisdiction.usStates) {
        const rule = BY_ID.get(`US-${state}`);
        if (rule) rules.push(rule);
      }
    } else {
      rules.push(BY_ID.get(country) ?? DEFAULT_RULE);
    }
  }
  return rules.length > 0 ? rules : [DEFAULT_RULE];
}
