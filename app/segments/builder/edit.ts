/**
 * Edits the builder makes to its model (pure, immutable): add, remove and replace nodes,
 * switch a group's connective, and fresh rows for a chosen filter with valid defaults.
 */
import { lookupFilter, type OperatorName } from "../query-language";
import { defaultLiteral } from "./literal";
import { valueCountFor, type BuilderGroup, type BuilderNode, type BuilderRow, type IdSource, type ParamRow } from "./model";

/** The model with the node `id` replaced by `update(node)` (or removed when it returns null). */
export function updateNode(group: BuilderGroup, id: string, update: (node: BuilderNode) => BuilderNode | null): BuilderGroup {
  const children: BuilderNode[] = [];
  for (const child of group.children) {
    if (child.id === id) {
      const next = update(child);
      if (next !== null) children.push(next);
    } else {
      children.push(child.kind === "group" ? updateNode(child, id, update) : child);
    }
  }
  return { ...group, children };
}

export function removeNode(model: BuilderGroup, id: string): BuilderGroup {
  return updateNode(model, id, () => null);
}

/** Appends `node` to the group `groupId` (the root when it is the root's id). */
export function appendTo(model: BuilderGroup, groupId: string, node: BuilderNode): BuilderGroup {
  if (model.id === groupId) return { ...model, children: [...model.children, node] };
  return updateNode(model, groupId, (g) => (g.kind === "group" ? appendTo(g, groupId, node) : g));
}

export function toggleConnective(model: BuilderGroup, groupId: string): BuilderGroup {
  const flip = (g: BuilderGroup): BuilderGroup => ({ ...g, connective: g.connective === "and" ? "or" : "and" });
  if (model.id === groupId) return flip(model);
  return updateNode(model, groupId, (g) => (g.kind === "group" ? flip(g) : g));
}

/** A new group for "Add group": the opposite connective of its parent, with one row. */
export function newGroup(parent: BuilderGroup, ids: IdSource, filter = "number_of_orders"): BuilderGroup {
  return { kind: "group", id: ids(), connective: parent.connective === "and" ? "or" : "and", children: [rowForFilter(filter, ids)] };
}

/** Values fitted to an operator: kept where they still apply, defaults where missing. */
export function valuesFor(operator: OperatorName, values: readonly string[], fallback: string): string[] {
  const n = valueCountFor(operator);
  if (operator === "IN" || operator === "NOT IN") return values.length > 0 ? [...values] : [fallback];
  return Array.from({ length: n }, (_, i) => values[i] ?? fallback);
}

/** ">=" reads best for amounts, counts and dates; otherwise the filter's first operator. */
function preferredOperator(operators: readonly OperatorName[]): OperatorName {
  return operators.includes(">=") ? ">=" : (operators[0] ?? "=");
}

/**
 * A row for `filter` with its first operator and a default value: a condition row, or a
 * MATCHES row (no parameters yet) for function-style filters such as orders_placed.
 */
export function rowForFilter(filter: string, ids: IdSource): BuilderRow {
  const spec = lookupFilter(filter);
  if (!spec) return { kind: "raw", id: ids(), text: filter };
  if (spec.operators.includes("MATCHES")) return { kind: "matches", id: ids(), filter, negated: false, params: [] };
  const operator = preferredOperator(spec.operators);
  return { kind: "condition", id: ids(), filter, operator, values: valuesFor(operator, [], defaultLiteral(spec)) };
}

/** A parameter row for a MATCHES filter, or undefined when the filter has no such parameter. */
export function paramRowFor(filter: string, name: string, ids: IdSource): ParamRow | undefined {
  const param = lookupFilter(filter)?.params?.[name];
  if (!param) return undefined;
  const operator = preferredOperator(param.operators);
  return { id: ids(), name, operator, values: valuesFor(operator, [], defaultLiteral(param)) };
}
