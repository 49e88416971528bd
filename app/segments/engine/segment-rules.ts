/** Facts about a rule tree the service needs, and the limits on what a merchant enters (pure). */
import { z } from "zod";
import { clausesOf, type SegmentQuery, type Value } from "../query-language/tree";

export const MAX_NAME_CHARS = 200;
/** Save, the live count and the preview all take a query up to this length. */
export const MAX_QUERY_CHARS = 20_000;

// PostgreSQL text cannot hold U+0000: refused here, it would otherwise fail the INSERT with a 500.
const withoutNul = (field: string) => [(s: string) => !s.includes("\u0000"), `${field} holds a NUL character`] as const;

/** A segment's name as typed: trimmed, 1–200 characters. Messages name the field. */
export const SegmentName = z
  .string({ message: "Name is missing" })
  .trim()
  .min(1, "Name is empty")
  .max(MAX_NAME_CHARS, `Name is longer than ${MAX_NAME_CHARS} characters`)
  .refine(...withoutNul("Name"));

/** A query's text as typed (positions in parse errors count from its first character, so it is not trimmed). */
export const SegmentQueryText = z
  .string({ message: "Query is missing" })
  .max(MAX_QUERY_CHARS, `Query is longer than ${MAX_QUERY_CHARS.toLocaleString("en-US")} characters`)
  .refine(...withoutNul("Query"));

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
