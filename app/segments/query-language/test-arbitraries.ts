/**
 * fast-check generators for valid, canonical rule trees: every clause uses an
 * operator and value type its filter accepts, and connectives are already
 * flattened, so `parse(print(tree))` must give the tree back exactly.
 */
import fc from "fast-check";
import { listFilters, type ConditionSpec, type FilterSpec, type OperatorName, type ValueKind } from "./filters";
import type { Clause, DateValue, FunctionArg, MatchParam, ParamCondition, SegmentQuery, Value } from "./tree";
import { printSegmentQuery } from "./printer";
import { compareDecimal, daysInMonth } from "./values";

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

const digits = (min: number, max: number): fc.Arbitrary<string> =>
  fc
    .integer({ min, max })
    .chain((len) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: len, maxLength: len }))
    .map((ds) => ds.join(""));

const naturalText = fc.oneof(
  fc.constant("0"),
  fc.tuple(fc.integer({ min: 1, max: 9 }), digits(0, 18)).map(([a, b]) => `${a}${b}`),
);
const decimalText = (signed: boolean): fc.Arbitrary<string> =>
  fc
    .tuple(signed ? fc.boolean() : fc.constant(false), naturalText, fc.option(digits(1, 4), { nil: undefined }))
    .map(([negative, whole, fraction]) => `${negative ? "-" : ""}${whole}${fraction === undefined ? "" : `.${fraction}`}`);

export const dateValue: fc.Arbitrary<DateValue> = fc.oneof(
  fc
    .tuple(
      fc.integer({ min: 1900, max: 2099 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 31 }),
      fc.option(fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 })), {
        nil: undefined,
      }),
    )
    .map(([y, m, d, t]): DateValue => {
      const date = `${pad(y, 4)}-${pad(m)}-${pad(Math.min(d, daysInMonth(y, m)))}`;
      return t === undefined ? { kind: "absolute", date } : { kind: "absolute", date, time: `${pad(t[0])}:${pad(t[1])}:${pad(t[2])}` };
    }),
  fc.record({
    kind: fc.constant("relative" as const),
    amount: fc.integer({ min: -9999, max: 9999 }).map((n) => (n === 0 ? 0 : n)),
    unit: fc.constantFrom("h" as const, "d" as const, "w" as const, "m" as const, "y" as const),
  }),
  fc.constant({ kind: "today" as const }),
  fc.constant({ kind: "yesterday" as const }),
);

const text = fc.string({
  maxLength: 12,
  unit: fc.oneof(
    fc.constantFrom("'", "\\", " ", "é", "\n"),
    fc.string({ minLength: 1, maxLength: 1 }).map((s) => s),
  ),
});

export function valueOf(kind: ValueKind, spec: ConditionSpec): fc.Arbitrary<Value> {
  switch (kind) {
    case "money":
    case "number":
      if (spec.min !== undefined || spec.max !== undefined) {
        return fc.integer({ min: Number(spec.min ?? 0), max: Number(spec.max ?? 1000) }).map((n) => ({ type: "number", value: String(n) }));
      }
      return decimalText(true).map((value) => ({ type: "number", value }));
    case "integer":
      return fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((n) => ({ type: "number", value: n.toString() }));
    case "id":
      return fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((n) => ({ type: "id", value: n.toString() }));
    case "flock_id":
      return fc.oneof(
        fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((n): Value => ({ type: "id", value: n.toString() })),
        fc.string({ minLength: 1, maxLength: 12 }).map((value): Value => ({ type: "string", value })),
      );
    case "string":
      return text.map((value) => ({ type: "string", value }));
    case "enum":
      return fc.constantFrom(...(spec.enumValues ?? ["X"])).map((value) => ({ type: "string", value }));
    case "boolean":
      return fc.boolean().map((value) => ({ type: "boolean", value }));
    case "date":
      return dateValue.map((value) => ({ type: "date", value }));
    case "coordinates":
      return fc.tuple(fc.integer({ min: -90, max: 90 }), fc.integer({ min: -180, max: 180 }), digits(0, 3)).map(([lat, lng, f]) => ({
        type: "coordinates",
        latitude: String(lat),
        longitude: f && Math.abs(lng) < 180 ? `${lng}.${f}` : String(lng),
      }));
    case "any":
      return fc.oneof(
        valueOf("number", { valueType: "number", operators: [] }),
        valueOf("string", spec),
        valueOf("boolean", spec),
        valueOf("date", spec),
      );
  }
}

/** BETWEEN bounds must not be reversed, so comparable bounds are put in order. */
function betweenOf(spec: ConditionSpec): fc.Arbitrary<ParamCondition> {
  return fc.tuple(valueOf(spec.valueType, spec), valueOf(spec.valueType, spec)).map(([a, b]): ParamCondition => {
    return isAfter(a, b) ? { op: "between", from: b, to: a } : { op: "between", from: a, to: b };
  });
}

function isAfter(a: Value, b: Value): boolean {
  if (a.type === "number" && b.type === "number") return compareDecimal(a.value, b.value) > 0;
  if (a.type === "date" && b.type === "date" && a.value.kind === "absolute" && b.value.kind === "absolute") {
    return `${a.value.date}T${a.value.time ?? "00:00:00"}` > `${b.value.date}T${b.value.time ?? "00:00:00"}`;
  }
  return false;
}

function conditionOf(spec: ConditionSpec, operator: OperatorName): fc.Arbitrary<ParamCondition> {
  const value = valueOf(spec.valueType, spec);
  switch (operator) {
    case "=":
    case "!=":
    case ">":
    case ">=":
    case "<":
    case "<=":
      return value.map((v) => ({ op: "compare", operator, value: v }));
    case "BETWEEN":
      return betweenOf(spec);
    case "CONTAINS":
    case "NOT CONTAINS":
      return value.map((v) => ({ op: "contains", negated: operator === "NOT CONTAINS", value: v }));
    case "IS NULL":
    case "IS NOT NULL":
      return fc.constant({ op: "null", negated: operator === "IS NOT NULL" });
    case "IN":
    case "NOT IN":
      return fc.array(value, { minLength: 1, maxLength: 4 }).map((values) => ({ op: "in", negated: operator === "NOT IN", values }));
    case "MATCHES":
    case "NOT MATCHES":
      throw new Error("MATCHES is generated by clauseOf");
  }
}

function paramsOf(spec: FilterSpec): fc.Arbitrary<MatchParam[]> {
  const entries = Object.entries(spec.params ?? {});
  return fc
    .subarray(entries)
    .chain((chosen) =>
      fc.tuple(
        ...chosen.map(([name, param]) =>
          fc
            .constantFrom(...param.operators)
            .chain((op) => conditionOf(param, op))
            .map((condition): MatchParam => ({ name, condition })),
        ),
      ),
    )
    .map((params) => [...params]);
}

function clauseOf(spec: FilterSpec): fc.Arbitrary<Clause> {
  const forms: fc.Arbitrary<Clause>[] = [];
  for (const operator of spec.operators) {
    if (operator === "MATCHES" || operator === "NOT MATCHES") {
      forms.push(
        paramsOf(spec).map((params) => ({
          type: "clause",
          filter: spec.name,
          condition: { op: "matches", negated: operator === "NOT MATCHES", params },
        })),
      );
    } else {
      forms.push(conditionOf(spec, operator).map((condition) => ({ type: "clause", filter: spec.name, condition })));
    }
  }
  const call = spec.legacyCall;
  if (call) {
    const argEntries = Object.entries(call.args);
    const args: fc.Arbitrary<FunctionArg[]> = fc
      .subarray(
        argEntries.filter(([n]) => n !== ""),
        { minLength: 1 },
      )
      .chain((chosen) =>
        fc
          .tuple(
            ...chosen.map(([name, kind]) =>
              valueOf(kind, { valueType: kind, operators: [] }).map((value): FunctionArg => ({ name, value })),
            ),
          )
          .map((a) => [...a]),
      );
    const result = call.result;
    forms.push(
      fc
        .tuple(
          args,
          fc.constantFrom(...result.operators).chain((op) => conditionOf(result, op)),
        )
        .map(([a, condition]) => ({ type: "clause", filter: spec.name, args: a, condition })),
    );
  }
  return fc.oneof(...forms);
}

const metafieldSpec: FilterSpec = {
  name: "metafields.custom.vip",
  origin: "shopify",
  evaluable: false,
  description: "",
  valueType: "any",
  operators: ["=", "!=", ">", "<", "IS NULL", "CONTAINS"],
  docs: "",
};

export const clause: fc.Arbitrary<Clause> = fc.constantFrom(...listFilters(), metafieldSpec).chain(clauseOf);

/** Canonical trees: connectives alternate and have at least two children. */
export const segmentQuery: fc.Arbitrary<SegmentQuery> = fc.letrec<{ and: SegmentQuery; or: SegmentQuery; node: SegmentQuery }>((tie) => ({
  node: fc.oneof({ depthSize: "small", withCrossShrink: true }, clause, tie("and"), tie("or")),
  and: fc
    .array(fc.oneof({ depthSize: "small" }, clause, tie("or")), { minLength: 2, maxLength: 4 })
    .map((children) => ({ type: "and", children })),
  or: fc
    .array(fc.oneof({ depthSize: "small" }, clause, tie("and")), { minLength: 2, maxLength: 4 })
    .map((children) => ({ type: "or", children })),
})).node;

/**
 * A generated query's canonical text after 1 to `maxEdits` random edits: delete, duplicate, or
 * insert one of `fragments` at a position. Some results still parse, most do not.
 */
export function editedQueryText(fragments: readonly string[], maxEdits: number): fc.Arbitrary<string> {
  return fc
    .tuple(
      segmentQuery.map(printSegmentQuery),
      fc.array(fc.tuple(fc.nat(), fc.nat({ max: 2 }), fc.constantFrom(...fragments), fc.nat({ max: 6 })), {
        minLength: 1,
        maxLength: maxEdits,
      }),
    )
    .map(([text, edits]) =>
      edits.reduce((acc, [at, kind, fragment, length]) => {
        const i = acc.length === 0 ? 0 : at % (acc.length + 1);
        if (kind === 0) return acc.slice(0, i) + acc.slice(i + length);
        if (kind === 1) return acc.slice(0, i) + acc.slice(i, i + length) + acc.slice(i);
        return `${acc.slice(0, i)}${fragment}${acc.slice(i)}`;
      }, text),
    );
}
