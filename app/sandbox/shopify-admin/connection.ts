// Relay connections the way Shopify pages them (https://shopify.dev/docs/api/usage/pagination-graphql):
// `first` or `last` is required and at most 250, cursors are opaque, `sortKey`/`reverse` order the
// items with the ID as tie-breaker, `query:` filters them. A page is found in one pass over the
// items keeping only the best `first + 1`, so memory stays bounded on a million-customer store. Pure.
import { GraphQLError } from "graphql";
import { compileSearch, type SearchSpec, type SearchWarning } from "./search-query";

export const MAX_PAGE_SIZE = 250;
type SortValue = string | number;

export interface ConnectionSpec<T> {
  /** Every item, in ascending ID order. */
  scan(): Iterable<T>;
  /** Optional fast path: items whose `idKey` is above `afterIdKey`, ascending; null = from the start. */
  scanAfter?(afterIdKey: string | null): Iterable<T>;
  /**
   * Optional index: a superset of the items that can match `query`, in ascending ID order, or
   * null to scan everything. The search is still applied to what it yields.
   */
  narrow?(query: string | null | undefined): Iterable<T> | null;
  id(item: T): string;
  /** Sort keys other than ID (RELEVANCE and unknown keys fall back to ID). */
  sortKeys?: Record<string, (item: T) => SortValue>;
  search?: SearchSpec<T>;
  view(item: T): object;
}

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  query?: string | null;
  sortKey?: string | null;
  reverse?: boolean | null;
}

interface Keyed<T> {
  item: T;
  key: [SortValue, string];
}

/** A connection field's value: paged for ordinary queries, read whole by bulk operations. */
export class ConnectionSource<T> {
  constructor(private readonly spec: ConnectionSpec<T>) {}

  page(args: ConnectionArgs, onWarnings?: (warnings: SearchWarning[]) => void) {
    const { first, last } = args;
    if (first == null && last == null) throw new GraphQLError("you must provide one of first or last");
    for (const [name, n] of [
      ["first", first],
      ["last", last],
    ] as const) {
      if (n != null && (n < 0 || n > MAX_PAGE_SIZE))
        throw new GraphQLError(`The argument \`${name}\` must be between 0 and ${MAX_PAGE_SIZE} (got ${n}).`);
    }
    const search = compileSearch(args.query, this.spec.search ?? { fields: {} });
    if (search.warnings.length > 0) onWarnings?.(search.warnings);
    const sortKey = args.sortKey && this.spec.sortKeys?.[args.sortKey] ? args.sortKey : "ID";
    const value = this.spec.sortKeys?.[sortKey] ?? (() => 0);
    const sign = args.reverse ? -1 : 1;
    const keyOf = (item: T): [SortValue, string] => [value(item), idKey(this.spec.id(item))];
    const cmp = (a: [SortValue, string], b: [SortValue, string]) =>
      sign * (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
    const after = args.after ? decodeCursor(args.after) : null;
    const before = args.before ? decodeCursor(args.before) : null;
    const take = (first ?? last) as number;
    const fromEnd = first == null;

    let kept: Keyed<T>[] = [];
    let inWindow = 0;
    let beforeWindow = false;
    let afterWindow = false;
    const scanAfter = sortKey === "ID" && !args.reverse && !fromEnd && !before ? this.spec.scanAfter : undefined;
    const fast = scanAfter !== undefined;
    const items = this.spec.narrow?.(args.query) ?? (scanAfter ? scanAfter.call(this.spec, after ? after[1] : null) : this.spec.scan());
    for (const item of items) {
      if (!search.matches(item)) continue;
      const key = keyOf(item);
      if (after && cmp(key, after) <= 0) {
        beforeWindow = true;
        continue;
      }
      if (before && cmp(key, before) >= 0) {
        afterWindow = true;
        continue;
      }
      inWindow += 1;
      insertBounded(kept, { item, key }, take + 1, fromEnd ? (a, b) => cmp(b.key, a.key) : (a, b) => cmp(a.key, b.key));
      if (fast && inWindow > take) break;
    }
    if (fromEnd) kept.reverse();
    const more = inWindow > take;
    kept = fromEnd ? kept.slice(Math.max(0, kept.length - take)) : kept.slice(0, take);
    const edges = kept.map((k) => ({ cursor: encodeCursor(k.key), node: this.spec.view(k.item) }));
    return {
      edges,
      nodes: edges.map((e) => e.node),
      pageInfo: {
        hasNextPage: fromEnd ? afterWindow || Boolean(before) : more || afterWindow,
        hasPreviousPage: fromEnd ? more || beforeWindow : beforeWindow || (fast ? Boolean(after) : false),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges[edges.length - 1]?.cursor ?? null,
      },
    };
  }

  /**
   * `customersCount`-style counts: capped at `limit` (default 10,000, null = uncapped) with
   * precision AT_LEAST when the cap was hit (https://shopify.dev/docs/api/admin-graphql/latest/objects/Count).
   */
  count(query: string | null | undefined, limit: number | null | undefined) {
    const search = compileSearch(query, this.spec.search ?? { fields: {} });
    let count = 0;
    for (const item of this.spec.narrow?.(query) ?? this.spec.scan()) {
      if (!search.matches(item)) continue;
      if (limit != null && count >= limit) return { count, precision: "AT_LEAST" };
      count += 1;
    }
    return { count, precision: "EXACT" };
  }

  /** Every matching item's view, for bulk operations (which ignore `first`, cursors and sorting). */
  *all(query?: string | null): Iterable<object> {
    const search = compileSearch(query, this.spec.search ?? { fields: {} });
    for (const item of this.spec.narrow?.(query) ?? this.spec.scan()) if (search.matches(item)) yield this.spec.view(item);
  }
}

/** Keeps `list` sorted by `order` and at most `limit` long. */
function insertBounded<V>(list: V[], value: V, limit: number, order: (a: V, b: V) => number): void {
  const lastValue = list[list.length - 1];
  if (list.length >= limit && lastValue !== undefined && order(value, lastValue) >= 0) return;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (order(list[mid] as V, value) <= 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, value);
  if (list.length > limit) list.pop();
}

/** The GID's numeric part, zero-padded so string order is numeric order (ids are 64-bit). */
export function idKey(gid: string): string {
  const query = gid.indexOf("?");
  const end = query < 0 ? gid.length : query;
  return gid.slice(gid.lastIndexOf("/", end) + 1, end).padStart(20, "0");
}

// Shopify's cursors are base64 JSON of the last row's id and sort value; clients treat them as opaque.
function encodeCursor(key: [SortValue, string]): string {
  return Buffer.from(JSON.stringify({ last_id: key[1].replace(/^0+(?=\d)/, ""), last_value: key[0] })).toString("base64");
}

function decodeCursor(cursor: string): [SortValue, string] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as { last_id?: unknown; last_value?: unknown };
    if (typeof parsed.last_id === "string" && (typeof parsed.last_value === "string" || typeof parsed.last_value === "number")) {
      return [parsed.last_value, parsed.last_id.padStart(20, "0")];
    }
  } catch {
    // fall through to the error below
  }
  throw new GraphQLError(`Invalid cursor for current pagination sort.`);
}
