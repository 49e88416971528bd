/**
 * Warnings for values that match nothing in the shop (pure). A typo in a city key or a
 * product id that is not in the store gives 0 customers either way; the editor shows why,
 * with the shop's closest values and how many customers have each, so the merchant can tell
 * "nobody" from "misspelt". Warnings never change what a segment matches.
 */
import { matchParamsOf, setTest, UnsupportedConditionError, valueText } from "../engine/conditions";
import { languageMatches, sameText } from "../engine/evaluate";
import { foldLocation, sameCity, sameLocation } from "../engine/facts";
import type { Clause, SegmentQuery } from "../query-language/tree";

/** Customer fields whose values the shop's data can be checked against. */
export const VALUE_FIELDS = ["tag", "country", "region", "city", "emailDomain", "language"] as const;
export type ValueField = (typeof VALUE_FIELDS)[number];

export interface ValueVocabulary {
  /** Live customers per stored value of a field; asked only for the fields a query uses. */
  counts(field: ValueField): ReadonlyMap<string, number>;
  /** Numeric Shopify ids of the shop's products and collections. */
  productIds: ReadonlySet<string>;
  collectionIds: ReadonlySet<string>;
}

export interface ValueWarning {
  filter: string;
  value: string;
  message: string;
  /** The shop's nearest values, closest first (empty for products and collections). */
  closest: { value: string; customers: number }[];
}

interface FieldRule {
  field: ValueField;
  label: string;
  same: (fact: string, value: string) => boolean;
  fold: (text: string) => string;
}

const lower = (text: string): string => text.toLowerCase();
const FIELDS: Record<string, FieldRule> = {
  customer_tags: { field: "tag", label: "the tag", same: sameText, fold: lower },
  customer_countries: { field: "country", label: "the country", same: sameLocation, fold: foldLocation },
  customer_regions: { field: "region", label: "the region", same: sameLocation, fold: foldLocation },
  customer_cities: { field: "city", label: "the city", same: sameCity, fold: foldLocation },
  customer_email_domain: { field: "emailDomain", label: "the email domain", same: sameText, fold: lower },
  customer_language: { field: "language", label: "the language", same: languageMatches, fold: lower },
};

export const MAX_CLOSEST = 3;

/** One warning per value in the tree that no customer (or no product, no collection) has. */
export function valueWarnings(tree: SegmentQuery, vocabulary: ValueVocabulary): ValueWarning[] {
  const out: ValueWarning[] = [];
  const seen = new Set<string>();
  const add = (w: ValueWarning) => {
    const key = `${w.filter}\u0000${w.value.toLowerCase()}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(w);
  };
  visit(tree, (clause) => {
    for (const w of clauseWarnings(clause, vocabulary)) add(w);
  });
  return out;
}

function visit(tree: SegmentQuery, onClause: (clause: Clause) => void): void {
  if (tree.type === "clause") onClause(tree);
  else for (const child of tree.children) visit(child, onClause);
}

function clauseWarnings(clause: Clause, vocabulary: ValueVocabulary): ValueWarning[] {
  const rule = FIELDS[clause.filter];
  if (rule) return valuesOf(clause).flatMap((value) => fieldWarning(clause.filter, value, rule, vocabulary));
  if (clause.filter === "products_purchased") return idWarnings(clause, "product", vocabulary.productIds);
  if (clause.filter === "collections_purchased") return idWarnings(clause, "collection", vocabulary.collectionIds);
  return [];
}

function valuesOf(clause: Clause): string[] {
  const c = clause.condition;
  if (c.op === "contains") return [valueText(c.value)];
  if (c.op === "compare" && c.value.type === "string") return [c.value.value];
  if (c.op === "in") return c.values.map(valueText);
  return [];
}

function fieldWarning(filter: string, value: string, rule: FieldRule, vocabulary: ValueVocabulary): ValueWarning[] {
  const counts = vocabulary.counts(rule.field);
  for (const [fact, customers] of counts) if (customers > 0 && rule.same(fact, value)) return [];
  const closest = closestValues(value, counts, rule.fold);
  const hint =
    closest.length === 0
      ? ""
      : ` Closest: ${closest.map((c) => `'${c.value}' (${c.customers} ${c.customers === 1 ? "customer" : "customers"})`).join(", ")}.`;
  return [{ filter, value, message: `No customer has ${rule.label} '${value}' (${filter}).${hint}`, closest }];
}

function idWarnings(clause: Clause, kind: "product" | "collection", known: ReadonlySet<string>): ValueWarning[] {
  let ids: string[];
  try {
    ids = matchParamsOf(clause)
      .params.filter((p) => p.name === "id")
      .flatMap((p) => setTest(clause.filter, p.condition).values);
  } catch (error) {
    // A condition the evaluators reject is reported by them, not here.
    if (error instanceof UnsupportedConditionError) return [];
    throw error;
  }
  return ids
    .filter((id) => !known.has(id))
    .map((id) => ({ filter: clause.filter, value: id, message: `No ${kind} ${id} in this store.`, closest: [] }));
}

/**
 * The shop's values nearest to `value` (edit distance after folding), more customers first on
 * ties. Values within half the length (at least 3 edits) are offered; when none is that close,
 * the nearest few still show what the shop has.
 */
export function closestValues(
  value: string,
  counts: ReadonlyMap<string, number>,
  fold: (text: string) => string,
): { value: string; customers: number }[] {
  const target = fold(value);
  const ranked = [...counts]
    .filter(([, customers]) => customers > 0)
    .map(([fact, customers]) => ({ value: fact, customers, distance: editDistance(target, fold(fact)) }))
    .sort((a, b) => a.distance - b.distance || b.customers - a.customers || a.value.localeCompare(b.value));
  const near = ranked.filter((r) => r.distance <= Math.max(3, Math.floor(target.length / 2)));
  return (near.length > 0 ? near : ranked).slice(0, MAX_CLOSEST).map(({ value: v, customers }) => ({ value: v, customers }));
}

/** Levenshtein distance, two rows. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] as number;
}
