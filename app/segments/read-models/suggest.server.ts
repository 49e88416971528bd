/**
 * Autocomplete for the builder's value inputs, from the shop's synced data: customer tags,
 * countries, regions and cities (in the keys the filters compare with, e.g. 'US-NY'), and
 * products and collections (their numeric Shopify ids). Every query names the shop and is
 * limited; matching ignores case the same way on SQLite and PostgreSQL (LOWER … LIKE).
 */
import { z } from "zod";
import { loadClientModule, type Db } from "~/db/db.server";
import { cityKey, regionKey, shopifyIdOf } from "../engine/facts";

export const SuggestKind = z.enum(["tag", "country", "region", "city", "product", "collection"]);
export type SuggestKind = z.infer<typeof SuggestKind>;

export interface Suggestion {
  /** What the filter compares with: a tag, 'US', 'US-NY', 'US-NY-NewYork', or a numeric id. */
  value: string;
  label: string;
}

export const MAX_SUGGESTIONS = 20;
/** Distinct rows read before filtering and de-duplicating in memory (tags are comma-joined per customer). */
const SCAN_LIMIT = 500;

/** `%q%` for LIKE, with LIKE's own wildcards escaped so `50%` means the text "50%". */
function containsPattern(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// Both generated clients share one schema; their `Prisma.sql` builds the same parameterised query.
const { Prisma } = loadClientModule("sqlite");
const LIVE = Prisma.sql`"deletedAt" IS NULL AND "redactedAt" IS NULL`;

function matches(q: string, ...texts: (string | null | undefined)[]): boolean {
  const needle = q.trim().toLowerCase();
  return texts.some((t) => t !== null && t !== undefined && t.toLowerCase().includes(needle));
}

function firstDistinct(items: Suggestion[]): Suggestion[] {
  const seen = new Set<string>();
  const out: Suggestion[] = [];
  for (const item of items) {
    const key = item.value.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
  }
  return out.sort((a, b) => a.label.localeCompare(b.label)).slice(0, MAX_SUGGESTIONS);
}

const countryNames = new Intl.DisplayNames(["en"], { type: "region" });
function countryName(code: string): string {
  try {
    return countryNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Up to 20 values of `kind` in the shop containing `q` (any when `q` is empty), sorted by label. */
export async function suggestValues(db: Db, shop: string, kind: SuggestKind, q: string): Promise<Suggestion[]> {
  const like = containsPattern(q.trim());
  switch (kind) {
    case "tag": {
      const rows = await db.$queryRaw<{ tags: string }[]>(
        Prisma.sql`SELECT DISTINCT "tags" FROM "Customer" WHERE "shop" = ${shop} AND ${LIVE} AND "tags" <> '' AND LOWER("tags") LIKE ${like} ESCAPE '\\' LIMIT ${SCAN_LIMIT}`,
      );
      const tags = rows.flatMap((r) => r.tags.split(",").map((t) => t.trim())).filter((t) => t !== "" && matches(q, t));
      return firstDistinct(tags.map((t) => ({ value: t, label: t })));
    }
    case "country": {
      const rows = await db.$queryRaw<{ countryCode: string }[]>(
        Prisma.sql`SELECT DISTINCT "countryCode" FROM "Customer" WHERE "shop" = ${shop} AND ${LIVE} AND "countryCode" IS NOT NULL LIMIT ${SCAN_LIMIT}`,
      );
      return firstDistinct(
        rows
          .filter((r) => matches(q, r.countryCode, countryName(r.countryCode)))
          .map((r) => ({ value: r.countryCode, label: `${countryName(r.countryCode)} (${r.countryCode})` })),
      );
    }
    case "region": {
      const rows = await db.$queryRaw<{ countryCode: string; provinceCode: string }[]>(
        Prisma.sql`SELECT DISTINCT "countryCode", "provinceCode" FROM "Customer" WHERE "shop" = ${shop} AND ${LIVE} AND "countryCode" IS NOT NULL AND "provinceCode" IS NOT NULL LIMIT ${SCAN_LIMIT * 4}`,
      );
      const regions = rows.map((r) => ({
        value: regionKey(r.countryCode, r.provinceCode) ?? "",
        label: `${r.provinceCode}, ${countryName(r.countryCode)}`,
      }));
      return firstDistinct(regions.filter((r) => r.value !== "" && matches(q, r.value, r.label)));
    }
    case "city": {
      const rows = await db.$queryRaw<{ countryCode: string; provinceCode: string | null; city: string }[]>(
        Prisma.sql`SELECT DISTINCT "countryCode", "provinceCode", "city" FROM "Customer" WHERE "shop" = ${shop} AND ${LIVE} AND "countryCode" IS NOT NULL AND "city" IS NOT NULL AND LOWER("city") LIKE ${like} ESCAPE '\\' LIMIT ${SCAN_LIMIT}`,
      );
      const cities = rows.map((r) => ({
        value: cityKey(r.countryCode, r.provinceCode, r.city) ?? "",
        label: [r.city, r.provinceCode, r.countryCode].filter(Boolean).join(", "),
      }));
      return firstDistinct(cities.filter((c) => c.value !== ""));
    }
    case "product":
    case "collection": {
      const table = kind === "product" ? Prisma.sql`"Product"` : Prisma.sql`"Collection"`;
      // The input holds the chosen numeric id, so an id finds its own record (and shows its title).
      const gid = `gid://shopify/${kind === "product" ? "Product" : "Collection"}/${q.trim()}`;
      const rows = await db.$queryRaw<{ gid: string; title: string }[]>(
        Prisma.sql`SELECT "gid", "title" FROM ${table} WHERE "shop" = ${shop} AND "deletedAt" IS NULL AND (LOWER("title") LIKE ${like} ESCAPE '\\' OR "gid" = ${gid}) ORDER BY "title" LIMIT ${MAX_SUGGESTIONS}`,
      );
      return firstDistinct(rows.map((r) => ({ value: shopifyIdOf(r.gid), label: r.title })));
    }
  }
}
