/**
 * Public holidays (date-holidays, type "public", observed substitutes included) as local dates.
 * Read once per country, region and year, then cached: the data never changes while we run.
 */
import Holidays from "date-holidays";

const cache = new Map<string, ReadonlySet<string>>();

function holidaysOf(country: string, region: string | null, year: number): ReadonlySet<string> {
  const key = `${country}|${region ?? ""}|${year}`;
  let dates = cache.get(key);
  if (!dates) {
    const calendar = region === null ? new Holidays(country) : new Holidays(country, region);
    const list = calendar.getHolidays(year) || [];
    dates = new Set(list.filter((h) => h.type === "public").map((h) => h.date.slice(0, 10)));
    cache.set(key, dates);
  }
  return dates;
}

/** Whether the local date `isoDay` ("YYYY-MM-DD") is a public holiday in the country (and region). */
export function isPublicHoliday(country: string, region: string | null, isoDay: string): boolean {
  return holidaysOf(country, region, Number(isoDay.slice(0, 4))).has(isoDay);
}
