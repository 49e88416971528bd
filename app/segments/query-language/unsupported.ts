/**
 * Filters Flock parses (so merchants can paste Shopify segments) but cannot
 * evaluate. The segment engine refuses such trees, naming each filter.
 */
import { lookupFilter } from "./filters";
import { clausesOf, type SegmentQuery } from "./tree";

export interface UnsupportedFilter {
  filter: string;
  /** Set when the filter is evaluable but this parameter of it is not. */
  param?: string;
  /** Where the clause starts; 0 when the tree carries no positions. */
  line: number;
  column: number;
}

export function unsupportedFilters(tree: SegmentQuery): UnsupportedFilter[] {
  const out: UnsupportedFilter[] = [];
  for (const clause of clausesOf(tree)) {
    const spec = lookupFilter(clause.filter);
    const at = { line: clause.pos?.line ?? 0, column: clause.pos?.column ?? 0 };
    if (spec?.evaluable !== true) {
      out.push({ filter: clause.filter, ...at });
      continue;
    }
    const used = [...(clause.condition.op === "matches" ? clause.condition.params.map((p) => p.name) : []), ...(clause.args ?? []).map((a) => a.name)];
    const param = used.find((name) => name !== undefined && spec.unevaluableParams?.includes(name));
    if (param !== undefined) out.push({ filter: clause.filter, param, ...at });
  }
  return out;
}

/** A merchant-facing sentence for the first unsupported filter, or undefined when all are supported. */
export function unsupportedFilterMessage(tree: SegmentQuery): string | undefined {
  const [first, ...rest] = unsupportedFilters(tree);
  if (!first) return undefined;
  const where = first.line > 0 ? ` at ${first.line}:${first.column}` : "";
  const more = rest.length > 0 ? ` (and ${rest.length} more unsupported clause${rest.length === 1 ? "" : "s"})` : "";
  const what = first.param === undefined ? `the filter '${first.filter}'` : `'${first.filter}' with '${first.param}'`;
  return `Flock cannot evaluate ${what}${where} yet${more} — it only works inside Shopify`;
}
