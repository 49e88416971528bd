/** Facts about a rule tree the service needs (pure). */
import { clausesOf, type SegmentQuery, type Value } from "./query-language/tree";

function valuesOf(tree: SegmentQuery): Value[] {
  const out: Value[] = [];
  for (const clause of clausesOf(tree)) {
    for (const arg of clause.args ?? []) out.push(arg.value);
    const conditions = clause.condition.op === "matches" ? clause.condition.params.map((p) => p.condition) : [clause.condition];
    for (const c of conditions) {
      if (c.op === "compare" || c.op === "contains") out.push(c.value);
      else if (c.op === "between") out.push(c.from, c.to);
      else if (c.op === "in") out.push(...c.values);
    }
  }
  return out;
}

/** Whether membership can change with the clock alone (relative dates, today, percentiles do not count). */
export function usesRelativeDates(tree: SegmentQuery): boolean {
  return valuesOf(tree).some((v) => v.type === "date" && v.value.kind !== "absolute");
}

/** Ids of the Flock segments the rule reads through `segment_member`. */
export function referencedSegments(tree: SegmentQuery): string[] {
  const out = new Set<string>();
  for (const clause of clausesOf(tree)) {
    if (clause.filter !== "segment_member" || clause.condition.op !== "matches") continue;
    for (const p of clause.condition.params) {
      if (p.name !== "id") continue;
      const c = p.condition;
      const vs = c.op === "compare" ? [c.value] : c.op === "in" ? c.values : [];
      for (const v of vs) if (v.type === "string" || v.type === "id") out.add(v.value);
    }
  }
  return [...out];
}

export function usesOrders(tree: SegmentQuery): boolean {
  return clausesOf(tree).some((c) => c.filter === "orders_placed");
}

/** Orders items so that every segment comes after the segments it reads; cycles keep their input order. */
export function dependencyOrder<T extends { id: string; refs: readonly string[] }>(items: readonly T[]): T[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: T[] = [];
  const visit = (item: T): void => {
    if (done.has(item.id) || visiting.has(item.id)) return;
    visiting.add(item.id);
    for (const ref of item.refs) {
      const dep = byId.get(ref);
      if (dep) visit(dep);
    }
    visiting.delete(item.id);
    done.add(item.id);
    out.push(item);
  };
  items.forEach(visit);
  return out;
}
