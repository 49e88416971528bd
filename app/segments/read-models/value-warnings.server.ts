/**
 * Value warnings for one shop: the query's values checked against the shop's facts index
 * (the one the live count or preview just used, so this reads no database in the editor's loop).
 */
import type { SegmentQuery } from "../query-language/tree";
import type { SegmentDeps } from "../segment-service.server";
import type { ShopIndex } from "../engine/shop-index";
import { valueWarnings, type ValueField, type ValueWarning } from "./value-warnings";

/** Warnings for the values of `tree` that no customer, product or collection of `shop` has. */
export async function shopValueWarnings(deps: SegmentDeps, shop: string, tree: SegmentQuery): Promise<ValueWarning[]> {
  return indexValueWarnings(deps.index.peek(shop) ?? (await deps.index.get(shop)), tree);
}

/** The same, against an index in hand. */
export function indexValueWarnings(index: ShopIndex, tree: SegmentQuery): ValueWarning[] {
  const counted = new Map<ValueField, Map<string, number>>();
  return valueWarnings(tree, {
    counts(field) {
      let counts = counted.get(field);
      if (!counts) counted.set(field, (counts = index.valueCounts(field)));
      return counts;
    },
    productIds: new Set(index.catalog.products.map((p) => p.shopifyId)),
    collectionIds: new Set(index.catalog.collections.keys()),
  });
}
