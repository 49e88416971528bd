/**
 * Filters Flock parses (so merchants can paste Shopify segments) but cannot
 * evaluate. The segment engine refuses such trees, naming each filter.
 */
import { lookupFilter } from "./filters";
import { clausesOf, type SegmentQuery } from "./tree";

export interface UnsupportedFilter {
  filter: string;
  /** Where the clause starts; 0 when the tree carries no positions. */
  line: number;
  column: number;
}

export function unsupportedFilters(tree: SegmentQuery): UnsupportedFilter[] {
  const out: UnsupportedFilter[] = [];
  for (const clause of clausesOf(tree)) {
    const spec = lookupFilter(clause.filter);
    if (spec?.evaluable === true) continue;
    out.push({ filter: clause.filter, line: clause.pos?.line ?? 0, column: clause.pos?.column ?? 0 });
  }
  return out;
}

/** A merchant-facing sentence for the first unsupported filter, or undefined when all are supported. */
export function unsupportedFilterMessage(tree: SegmentQuery): string | undefined {
  const [first, ...rest] = unsupportedFilters(tree);
  if (!first) return undefined;
  const where = first.line > 0 ? ` at ${first.line}:${first.column}` : "";
  const more = rest.length > 0 ? ` (and ${rest.length} more unsupported clause${rest.length === 1 ? "" : "s"})` : "";
  return `Flock cannot evaluate the filter '${first.filter}'${where} yet${more} — it only works inside Shopify`;
}
