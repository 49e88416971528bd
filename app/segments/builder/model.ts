/**
 * The visual builder's model of a segment query (pure): groups joined by AND or OR,
 * holding rows of filter / operator / values. Values are kept as the literal text the
 * query language writes (`'US'`, `-30d`, `2`), so a row prints exactly what it holds and
 * a half-typed value is never rounded away; literal.ts converts them to and from inputs.
 * Clauses with no structured row (the deprecated call form) keep their clause text.
 */
import {
  parseSegmentQuery,
  printSegmentQuery,
  type Clause,
  type OperatorName,
  type ParamCondition,
  type SegmentQuery,
} from "../query-language";
import { formatValue } from "../query-language/values";

export type Connective = "and" | "or";

/** `filter operator value…`: one value for comparisons, two for BETWEEN, any number for IN, none for IS NULL. */
export interface ConditionRow {
  kind: "condition";
  id: string;
  filter: string;
  operator: OperatorName;
  values: string[];
}

/** One parameter inside `MATCHES (…)`, e.g. `date > -30d`. */
export interface ParamRow {
  id: string;
  name: string;
  operator: OperatorName;
  values: string[];
}

/** Function-style filters: `orders_placed MATCHES (count >= 2, date > -90d)`. */
export interface MatchesRow {
  kind: "matches";
  id: string;
  filter: string;
  negated: boolean;
  params: ParamRow[];
}

/** A clause the builder shows as text (it is never dropped). */
export interface RawRow {
  kind: "raw";
  id: string;
  text: string;
}

export type BuilderRow = ConditionRow | MatchesRow | RawRow;

export interface BuilderGroup {
  kind: "group";
  id: string;
  connective: Connective;
  children: BuilderNode[];
}

export type BuilderNode = BuilderRow | BuilderGroup;

/** Makes the ids React keys rows by; a counter, so the model stays deterministic in tests. */
export type IdSource = () => string;

export function idCounter(prefix = "n"): IdSource {
  let next = 0;
  return () => `${prefix}${next++}`;
}

/** The builder model of a parsed tree; the root is always a group. */
export function modelFromTree(tree: SegmentQuery | undefined, ids: IdSource): BuilderGroup {
  if (tree === undefined) return { kind: "group", id: ids(), connective: "and", children: [] };
  if (tree.type === "clause") return { kind: "group", id: ids(), connective: "and", children: [rowFromClause(tree, ids)] };
  return groupFromNode(tree, ids);
}

function groupFromNode(node: Exclude<SegmentQuery, Clause>, ids: IdSource): BuilderGroup {
  return {
    kind: "group",
    id: ids(),
    connective: node.type,
    children: node.children.map((child) => (child.type === "clause" ? rowFromClause(child, ids) : groupFromNode(child, ids))),
  };
}

function rowFromClause(clause: Clause, ids: IdSource): BuilderRow {
  if (clause.args !== undefined) return { kind: "raw", id: ids(), text: printSegmentQuery(clause) };
  const condition = clause.condition;
  if (condition.op === "matches") {
    return {
      kind: "matches",
      id: ids(),
      filter: clause.filter,
      negated: condition.negated,
      params: condition.params.map((p) => ({ id: ids(), name: p.name, ...operatorAndValues(p.condition) })),
    };
  }
  return { kind: "condition", id: ids(), filter: clause.filter, ...operatorAndValues(condition) };
}

function operatorAndValues(condition: ParamCondition): { operator: OperatorName; values: string[] } {
  switch (condition.op) {
    case "compare":
      return { operator: condition.operator, values: [formatValue(condition.value)] };
    case "between":
      return { operator: "BETWEEN", values: [formatValue(condition.from), formatValue(condition.to)] };
    case "contains":
      return { operator: condition.negated ? "NOT CONTAINS" : "CONTAINS", values: [formatValue(condition.value)] };
    case "null":
      return { operator: condition.negated ? "IS NOT NULL" : "IS NULL", values: [] };
    case "in":
      return { operator: condition.negated ? "NOT IN" : "IN", values: condition.values.map(formatValue) };
  }
}

/** `operator values` as the query language writes it; how many values an operator takes is fixed here. */
export function printOperatorAndValues(operator: OperatorName, values: readonly string[]): string {
  const v = (i: number) => values[i]?.trim() ?? "";
  switch (operator) {
    case "IS NULL":
    case "IS NOT NULL":
      return operator;
    case "BETWEEN":
      return `BETWEEN ${v(0)} AND ${v(1)}`;
    case "IN":
    case "NOT IN":
      return `${operator} (${values.map((x) => x.trim()).join(", ")})`;
    case "MATCHES":
    case "NOT MATCHES":
      return operator;
    default:
      return `${operator} ${v(0)}`.trimEnd();
  }
}

/** How many value inputs an operator needs (IN lists grow on demand, starting at one). */
export function valueCountFor(operator: OperatorName): number {
  if (operator === "IS NULL" || operator === "IS NOT NULL" || operator === "MATCHES" || operator === "NOT MATCHES") return 0;
  return operator === "BETWEEN" ? 2 : 1;
}

function printRow(row: BuilderRow): string {
  switch (row.kind) {
    case "raw":
      return row.text.trim();
    case "condition":
      return `${row.filter} ${printOperatorAndValues(row.operator, row.values)}`;
    case "matches":
      return `${row.filter} ${row.negated ? "NOT MATCHES" : "MATCHES"} (${row.params.map((p) => `${p.name} ${printOperatorAndValues(p.operator, p.values)}`).join(", ")})`;
  }
}

/** Text of a node, parenthesised when it is a group of more than one part; "" for an empty group. */
function printNode(node: BuilderNode, nested: boolean): string {
  if (node.kind !== "group") return printRow(node);
  const parts = node.children.map((child) => printNode(child, true)).filter((part) => part !== "");
  const joined = parts.join(node.connective === "and" ? " AND " : " OR ");
  return nested && parts.length > 1 ? `(${joined})` : joined;
}

/**
 * Query text of the model. When the text parses it is the canonical printer's output (the
 * same text a save stores); a row still being filled in gives the text as written, so the
 * Query tab and the count show exactly what is missing.
 */
export function modelToText(model: BuilderGroup): string {
  const text = printNode(model, false);
  if (text === "") return "";
  const parsed = parseSegmentQuery(text);
  return parsed.ok ? printSegmentQuery(parsed.tree) : text;
}

/** The model of query text, or the parse error when the text does not parse ("" is an empty model). */
export function modelFromText(
  text: string,
  ids: IdSource,
): { ok: true; model: BuilderGroup } | { ok: false; message: string; line: number; column: number } {
  if (text.trim() === "") return { ok: true, model: modelFromTree(undefined, ids) };
  const parsed = parseSegmentQuery(text);
  if (!parsed.ok) return { ok: false, message: parsed.error.message, line: parsed.error.line, column: parsed.error.column };
  return { ok: true, model: modelFromTree(parsed.tree, ids) };
}
