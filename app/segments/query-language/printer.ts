/**
 * Canonical text for a tree: upper-case keywords, single spaces, parentheses
 * only where precedence needs them (an OR group inside an AND). Printing and
 * re-parsing yields the same tree, so stored queries can be normalised.
 */
import type { Clause, Condition, FunctionArg, MatchParam, SegmentQuery } from "./tree";
import { formatValue } from "./values";

export function printSegmentQuery(tree: SegmentQuery): string {
  switch (tree.type) {
    case "clause":
      return printClause(tree);
    case "or":
      return tree.children.map(printSegmentQuery).join(" OR ");
    case "and":
      return tree.children.map((child) => (child.type === "or" ? `(${printSegmentQuery(child)})` : printSegmentQuery(child))).join(" AND ");
  }
}

function printClause(clause: Clause): string {
  const head = clause.args === undefined ? clause.filter : `${clause.filter}(${clause.args.map(printArg).join(", ")})`;
  return `${head} ${printCondition(clause.condition)}`;
}

function printArg(arg: FunctionArg): string {
  return arg.name === undefined ? formatValue(arg.value) : `${arg.name}: ${formatValue(arg.value)}`;
}

function printParam(param: MatchParam): string {
  return `${param.name} ${printCondition(param.condition)}`;
}

export function printCondition(condition: Condition): string {
  switch (condition.op) {
    case "compare":
      return `${condition.operator} ${formatValue(condition.value)}`;
    case "between":
      return `BETWEEN ${formatValue(condition.from)} AND ${formatValue(condition.to)}`;
    case "contains":
      return `${condition.negated ? "NOT CONTAINS" : "CONTAINS"} ${formatValue(condition.value)}`;
    case "null":
      return condition.negated ? "IS NOT NULL" : "IS NULL";
    case "in":
      return `${condition.negated ? "NOT IN" : "IN"} (${condition.values.map(formatValue).join(", ")})`;
    case "matches":
      return `${condition.negated ? "NOT MATCHES" : "MATCHES"} (${condition.params.map(printParam).join(", ")})`;
  }
}
