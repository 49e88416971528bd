/**
 * The builder's view of the filter catalogue (pure): which filters it offers, grouped by
 * category, and which values come from the shop's data (tags, locations, products).
 */
import { listFilters, lookupFilter, type FilterSpec } from "../query-language";

export type SuggestSource = "tag" | "country" | "region" | "city" | "product" | "collection";

const CATEGORIES: readonly { title: string; filters: readonly string[] }[] = [
  {
    title: "Orders and spending",
    filters: [
      "number_of_orders",
      "amount_spent",
      "average_order_value",
      "amount_spent_percentile",
      "first_order_date",
      "last_order_date",
      "orders_placed",
    ],
  },
  { title: "Products", filters: ["products_purchased", "collections_purchased"] },
  { title: "Checkouts", filters: ["abandoned_checkouts", "abandoned_checkout_date"] },
  {
    title: "Customer",
    filters: ["customer_tags", "customer_added_date", "customer_email_domain", "customer_language", "customer_account_status"],
  },
  { title: "Location", filters: ["customer_countries", "customer_regions", "customer_cities"] },
  { title: "Marketing", filters: ["email_subscription_status", "sms_subscription_status", "messages"] },
  { title: "Segments", filters: ["segment_member"] },
];

export interface FilterGroup {
  title: string;
  filters: FilterSpec[];
}

/**
 * Filters Flock can evaluate, by category (anything uncategorised under "Other"). A filter
 * already in the query is offered even when Flock cannot evaluate it, so the row can show it.
 */
export function filterGroups(current?: string): FilterGroup[] {
  const evaluable = listFilters().filter((f) => f.evaluable);
  const placed = new Set<string>();
  const groups: FilterGroup[] = CATEGORIES.map((c) => ({
    title: c.title,
    filters: c.filters.flatMap((name) => {
      const spec = evaluable.find((f) => f.name === name);
      if (spec) placed.add(name);
      return spec ? [spec] : [];
    }),
  }));
  const rest = evaluable.filter((f) => !placed.has(f.name));
  const extra = current !== undefined && !placed.has(current) && !rest.some((f) => f.name === current) ? lookupFilter(current) : undefined;
  if (rest.length > 0 || extra) groups.push({ title: "Other", filters: [...rest, ...(extra ? [extra] : [])] });
  return groups.filter((g) => g.filters.length > 0);
}

/** Where a value's suggestions come from: `param` is the MATCHES parameter, if any. */
export function suggestSourceFor(filter: string, param?: string): SuggestSource | undefined {
  if (param === undefined) {
    const byFilter: Record<string, SuggestSource> = {
      customer_tags: "tag",
      customer_countries: "country",
      customer_regions: "region",
      customer_cities: "city",
    };
    return byFilter[filter];
  }
  if (param !== "id") return undefined;
  if (filter === "products_purchased") return "product";
  if (filter === "collections_purchased") return "collection";
  return undefined;
}

/** A short human label for a filter name: `number_of_orders` → "Number of orders". */
export function filterLabel(name: string): string {
  const words = name.replace(/[._]/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
