/**
 * The in-app filter reference (pure), generated from the filter catalogue so it cannot drift
 * from what the parser accepts: every filter with its operators, its MATCHES parameters and an
 * example clause built the way the visual builder builds a fresh row.
 */
import { listFilters, type ConditionSpec, type FilterSpec, type OperatorName } from "../query-language";
import { filterGroups } from "./catalogue";
import { paramRowFor, rowForFilter } from "./edit";
import { defaultLiteral } from "./literal";
import { idCounter, modelToText, type BuilderRow } from "./model";

export interface ReferenceParam {
  name: string;
  description: string;
  operators: readonly OperatorName[];
  values: string;
}

export interface ReferenceFilter {
  name: string;
  description: string;
  /** Whether Flock can evaluate it; the others parse (pasted from Shopify) but cannot be saved. */
  evaluable: boolean;
  operators: readonly OperatorName[];
  values: string;
  params: ReferenceParam[];
  example: string;
}

export interface ReferenceSection {
  title: string;
  filters: ReferenceFilter[];
}

const VALUE_WORDS: Record<ConditionSpec["valueType"], string> = {
  money: "an amount in the shop currency, e.g. 100 or 49.90",
  number: "a number",
  integer: "a whole number",
  id: "a numeric Shopify id",
  flock_id: "a Flock id",
  string: "text in quotes",
  enum: "one of the listed values",
  boolean: "true or false",
  date: "a date (2026-01-31), a relative day (-30d, -6h) or today",
  coordinates: "latitude and longitude",
  any: "any value",
};

function valuesText(spec: ConditionSpec): string {
  if (spec.valueType === "enum" && spec.enumValues) return spec.enumValues.map((v) => `'${v}'`).join(", ");
  const bounds =
    spec.min !== undefined || spec.max !== undefined
      ? ` (${[spec.min !== undefined ? `from ${spec.min}` : "", spec.max !== undefined ? `to ${spec.max}` : ""].filter(Boolean).join(" ")})`
      : "";
  return `${VALUE_WORDS[spec.valueType]}${bounds}`;
}

/** The builder starts id-like values empty (a picker fills them); an example needs one. */
const SAMPLE: Partial<Record<ConditionSpec["valueType"], string>> = {
  id: "1234567890",
  flock_id: "'segment-id'",
  coordinates: "(45.5017, -73.5673)",
  any: "'value'",
  string: "'value'",
};

function sample(spec: ConditionSpec | undefined, literal: string): string {
  return literal === "" || literal === "''" ? (spec ? (SAMPLE[spec.valueType] ?? literal) : literal) : literal;
}

/** A valid example clause: the builder's default row, with the first parameter for MATCHES filters. */
export function exampleClause(spec: FilterSpec): string {
  const ids = idCounter("ref");
  if (spec.requiresCall && spec.legacyCall) {
    const { args, result } = spec.legacyCall;
    const named = Object.entries(args)
      .filter(([name]) => name !== "")
      .map(([name, kind]) => `${name}: ${SAMPLE[kind] ?? "'value'"}`);
    return `${spec.name}(${named.join(", ")}) ${result.operators[0] ?? "="} ${sample(result, defaultLiteral(result))}`;
  }
  let row: BuilderRow = rowForFilter(spec.name, ids);
  if (row.kind === "condition") row = { ...row, values: row.values.map((v) => sample(spec, v)) };
  if (row.kind === "matches") {
    const first = Object.keys(spec.params ?? {})[0];
    const param = first === undefined ? undefined : paramRowFor(spec.name, first, ids);
    row = { ...row, params: param ? [{ ...param, values: param.values.map((v) => sample(spec.params?.[param.name], v)) }] : [] };
  }
  return modelToText({ kind: "group", id: ids(), connective: "and", children: [row] });
}

function referenceFilter(spec: FilterSpec): ReferenceFilter {
  return {
    name: spec.name,
    description: spec.description,
    evaluable: spec.evaluable,
    operators: spec.operators,
    values: spec.operators.includes("MATCHES") ? "parameters in parentheses (below)" : valuesText(spec),
    params: Object.entries(spec.params ?? {}).map(([name, p]) => ({
      name,
      description: p.description,
      operators: p.operators,
      values: valuesText(p),
    })),
    example: exampleClause(spec),
  };
}

/** Every filter: the builder's categories first, then what only parses (Shopify-only filters). */
export function filterReference(): ReferenceSection[] {
  const sections = filterGroups().map((g) => ({ title: g.title, filters: g.filters.map(referenceFilter) }));
  const unsupported = listFilters().filter((f) => !f.evaluable);
  if (unsupported.length > 0)
    sections.push({ title: "Shopify filters Flock cannot evaluate yet", filters: unsupported.map(referenceFilter) });
  return sections;
}
