/**
 * Literal values: calendar checks, offsets, named dates and numeric ranges.
 * Nothing here reads the clock — relative dates stay symbolic.
 */
import type { DateValue, RelativeUnit, Value } from "./tree";

/**
 * Shopify's deprecated named dates. They are normalised to the offset Shopify
 * documents as their replacement, so `>= 30_days_ago` prints as `>= -30d`.
 */
export const DEPRECATED_NAMED_DATES: Readonly<Record<string, { amount: number; unit: RelativeUnit }>> = {
  "7_days_ago": { amount: -7, unit: "d" },
  "30_days_ago": { amount: -30, unit: "d" },
  "90_days_ago": { amount: -90, unit: "d" },
  "12_months_ago": { amount: -12, unit: "m" },
};

export const RELATIVE_UNITS: readonly RelativeUnit[] = ["h", "d", "w", "m", "y"];

/** Far beyond any sensible offset, small enough to stay an exact JS integer. */
export const MAX_OFFSET_AMOUNT = 100_000;

export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;
export const UINT64_MAX = 2n ** 64n - 1n;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** `undefined` when valid, otherwise why not (e.g. "February 2020 has 29 days"). */
export function checkCalendarDate(text: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return "dates are written yyyy-mm-dd";
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1) return "the year must be 0001 or later";
  if (month < 1 || month > 12) return `month ${match[2] ?? ""} does not exist`;
  const limit = daysInMonth(year, month);
  if (day < 1 || day > limit) return `${MONTH_NAMES[month - 1] ?? "that month"} ${year} has ${limit} days`;
  return undefined;
}

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** 24-hour clock with leading zeros, as Shopify requires. */
export function checkTime(text: string): string | undefined {
  const match = /^(\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!match) return "times are written HH:mm:ss";
  if (Number(match[1]) > 23) return "hours go from 00 to 23";
  if (Number(match[2]) > 59) return "minutes go from 00 to 59";
  if (Number(match[3]) > 59) return "seconds go from 00 to 59";
  return undefined;
}

export function isIntegerText(text: string): boolean {
  return /^-?\d+$/.test(text);
}

export function fitsInt64(text: string): boolean {
  if (!isIntegerText(text)) return false;
  const n = BigInt(text);
  return n >= INT64_MIN && n <= INT64_MAX;
}

export function fitsUint64(text: string): boolean {
  if (!/^\d+$/.test(text)) return false;
  return BigInt(text) <= UINT64_MAX;
}

/** Compares two decimal strings exactly (no float rounding). */
export function compareDecimal(a: string, b: string): number {
  const [aInt, aFrac] = splitDecimal(a);
  const [bInt, bFrac] = splitDecimal(b);
  const width = Math.max(aFrac.length, bFrac.length);
  const scaledA = BigInt(aInt + aFrac.padEnd(width, "0")) * (a.startsWith("-") ? -1n : 1n);
  const scaledB = BigInt(bInt + bFrac.padEnd(width, "0")) * (b.startsWith("-") ? -1n : 1n);
  return scaledA < scaledB ? -1 : scaledA > scaledB ? 1 : 0;
}

function splitDecimal(text: string): [string, string] {
  const unsigned = text.startsWith("-") ? text.slice(1) : text;
  const dot = unsigned.indexOf(".");
  return dot < 0 ? [unsigned, ""] : [unsigned.slice(0, dot), unsigned.slice(dot + 1)];
}

export function formatDateValue(date: DateValue): string {
  switch (date.kind) {
    case "absolute":
      return date.time === undefined ? date.date : `${date.date}T${date.time}`;
    case "relative":
      return `${date.amount < 0 ? "-" : "+"}${Math.abs(date.amount)}${date.unit}`;
    case "today":
      return "today";
    case "yesterday":
      return "yesterday";
  }
}

/** Shopify escapes `'` and `\` with a backslash inside single-quoted strings. */
export function quoteString(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

export function formatValue(value: Value): string {
  switch (value.type) {
    case "number":
    case "id":
      return value.value;
    case "string":
      return quoteString(value.value);
    case "boolean":
      return value.value ? "true" : "false";
    case "date":
      return formatDateValue(value.value);
    case "coordinates":
      return `(${value.latitude}, ${value.longitude})`;
  }
}

/** How a value is described in error messages ("got a number '100'"). */
export function describeValue(value: Value): string {
  switch (value.type) {
    case "number":
      return `a number '${value.value}'`;
    case "id":
      return `an id '${value.value}'`;
    case "string":
      return `a string ${quoteString(value.value)}`;
    case "boolean":
      return `the boolean '${String(value.value)}'`;
    case "date":
      return `a date '${formatDateValue(value.value)}'`;
    case "coordinates":
      return `coordinates '${formatValue(value)}'`;
  }
}
