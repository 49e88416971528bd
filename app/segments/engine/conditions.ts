/**
 * Turning query-language conditions into plain numbers, strings and dates both
 * evaluators share (pure). Date semantics follow Shopify: a day value covers the
 * whole local day in the shop's time zone, a value with a time (or an hour
 * offset) is an instant. A missing fact fails every comparison except `!=`, which
 * keeps it: "Excluding values with !=, NOT IN, or NOT CONTAINS doesn't remove rows
 * where the field is NULL" (shopify.dev/docs/api/shopifyql/latest/syntax/where, the
 * WHERE clause the segment query language is a subset of). IS NULL matches it.
 */
import type { ShopClock, ResolvedDate } from "./clock";
import type { Clause, ComparisonOperator, Condition, MatchParam, ParamCondition, Value } from "../query-language/tree";

export type RangeOp = ComparisonOperator | "between";

export interface NumberTest {
  op: RangeOp;
  a: number;
  /** Upper bound, for BETWEEN. */
  b: number;
}

export interface DateTest {
  op: RangeOp;
  a: ResolvedDate;
  b: ResolvedDate;
}

export class UnsupportedConditionError extends Error {
  constructor(filter: string, detail: string) {
    super(`Filter '${filter}': ${detail}`);
    this.name = "UnsupportedConditionError";
  }
}

/** Decimal text → minor units without a trip through binary floating point (`0.29` → 29). */
export function decimalToMinor(text: string, digits: number): number {
  const negative = text.startsWith("-");
  const body = negative ? text.slice(1) : text;
  const [whole = "0", fraction = ""] = body.split(".");
  const padded = fraction.padEnd(digits, "0");
  const shifted = `${whole}${padded.slice(0, digits)}.${padded.slice(digits) || "0"}`;
  const n = Number(shifted);
  return negative ? -n : n;
}

export function valueText(value: Value): string {
  switch (value.type) {
    case "number":
    case "id":
    case "string":
      return value.value;
    case "boolean":
      return String(value.value);
    case "date":
      return value.value.kind === "absolute" ? value.value.date : value.value.kind;
    case "coordinates":
      return `(${value.latitude}, ${value.longitude})`;
  }
}

function numberOf(value: Value, money: number | undefined): number {
  if (value.type !== "number" && value.type !== "id") return Number.NaN;
  return money === undefined ? Number(value.value) : decimalToMinor(value.value, money);
}

/** A numeric test from a compare or BETWEEN condition; `moneyDigits` converts money to minor units. */
export function numberTest(filter: string, condition: Condition | ParamCondition, moneyDigits?: number): NumberTest {
  if (condition.op === "compare") {
    const a = numberOf(condition.value, moneyDigits);
    return { op: condition.operator, a, b: a };
  }
  if (condition.op === "between") {
    return { op: "between", a: numberOf(condition.from, moneyDigits), b: numberOf(condition.to, moneyDigits) };
  }
  throw new UnsupportedConditionError(filter, `operator ${condition.op} does not apply to a number`);
}

export function testNumber(x: number | null, t: NumberTest): boolean {
  if (x === null || Number.isNaN(x)) return t.op === "!=";
  switch (t.op) {
    case "=":
      return x === t.a;
    case "!=":
      return x !== t.a;
    case ">":
      return x > t.a;
    case ">=":
      return x >= t.a;
    case "<":
      return x < t.a;
    case "<=":
      return x <= t.a;
    case "between":
      return x >= t.a && x <= t.b;
  }
}

function dateOf(filter: string, value: Value, clock: ShopClock, now: Date): ResolvedDate {
  if (value.type !== "date") throw new UnsupportedConditionError(filter, `expected a date, found ${value.type}`);
  return clock.resolve(value.value, now);
}

export function dateTest(filter: string, condition: Condition | ParamCondition, clock: ShopClock, now: Date): DateTest {
  if (condition.op === "compare") {
    const a = dateOf(filter, condition.value, clock, now);
    return { op: condition.operator, a, b: a };
  }
  if (condition.op === "between") {
    return { op: "between", a: dateOf(filter, condition.from, clock, now), b: dateOf(filter, condition.to, clock, now) };
  }
  throw new UnsupportedConditionError(filter, `operator ${condition.op} does not apply to a date`);
}

/**
 * A date test as a half-open range of seconds `[from, to)`, negated for `!=`.
 * `> d` starts after the whole day d; `<= d` ends with it.
 */
export function secondRange(t: DateTest, clock: ShopClock): { from: number; to: number; negate: boolean } {
  const a = clock.span(t.a);
  const b = clock.span(t.b);
  switch (t.op) {
    case "=":
      return { from: a.from, to: a.to, negate: false };
    case "!=":
      return { from: a.from, to: a.to, negate: true };
    case ">":
      return { from: a.to, to: Infinity, negate: false };
    case ">=":
      return { from: a.from, to: Infinity, negate: false };
    case "<":
      return { from: -Infinity, to: a.from, negate: false };
    case "<=":
      return { from: -Infinity, to: a.to, negate: false };
    case "between":
      return { from: a.from, to: b.to, negate: false };
  }
}

/** Membership tests (`=`, `!=`, IN, NOT IN) as a list of accepted texts plus a polarity. */
export function setTest(filter: string, condition: Condition | ParamCondition): { values: string[]; negated: boolean } {
  if (condition.op === "compare" && (condition.operator === "=" || condition.operator === "!=")) {
    return { values: [valueText(condition.value)], negated: condition.operator === "!=" };
  }
  if (condition.op === "in") return { values: condition.values.map(valueText), negated: condition.negated };
  throw new UnsupportedConditionError(filter, `operator ${condition.op} does not apply here`);
}

/** The MATCHES parameters of a clause; the deprecated call form `f(id: 1, date: -30d) = true` becomes `f MATCHES (id = 1, date >= -30d)`. */
export function matchParamsOf(clause: Clause): { negated: boolean; params: readonly MatchParam[] } {
  const c = clause.condition;
  if (c.op === "matches") return { negated: c.negated, params: c.params };
  if (clause.args !== undefined && c.op === "compare" && c.value.type === "boolean") {
    const wantsMatch = c.value.value === (c.operator === "=");
    const params: MatchParam[] = clause.args.map((arg) => ({
      name: arg.name ?? "",
      condition: { op: "compare", operator: arg.value.type === "date" ? ">=" : "=", value: arg.value },
    }));
    return { negated: !wantsMatch, params };
  }
  throw new UnsupportedConditionError(clause.filter, `expected MATCHES, found ${c.op}`);
}

export function paramNamed(params: readonly MatchParam[], name: string): ParamCondition | undefined {
  return params.find((p) => p.name === name)?.condition;
}

/** Day values compare local calendar days; anything with a time compares seconds. */
export function dateMatches(at: number, t: DateTest, clock: ShopClock): boolean {
  if (t.a.precision === "day" && t.b.precision === "day") {
    const day = clock.dayOfSecond(at);
    const a = t.a.day;
    switch (t.op) {
      case "=":
        return day === a;
      case "!=":
        return day !== a;
      case ">":
        return day > a;
      case ">=":
        return day >= a;
      case "<":
        return day < a;
      case "<=":
        return day <= a;
      case "between":
        return day >= a && day <= t.b.day;
    }
  }
  const r = secondRange(t, clock);
  return (at >= r.from && at < r.to) !== r.negate;
}
