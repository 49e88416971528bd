// PURE: Product and Collection GraphQL nodes (bulk JSONL lines) → Flock's rows.
import { date, obj, optStr, str, stringList, type Json } from "./fields";

export interface ProductRow {
  gid: string;
  title: string;
  handle: string;
  status: string;
  vendor: string | null;
  productType: string | null;
  tags: string;
  shopifyUpdatedAt: Date;
}

export interface CollectionRow {
  gid: string;
  title: string;
  handle: string;
  kind: "SMART" | "CUSTOM";
  shopifyUpdatedAt: Date;
}

/** A product's membership in a collection: a `collections` child line of a product. */
export interface CollectionLinkRow {
  productGid: string;
  collectionGid: string;
}

export function mapProductNode(node: Json): ProductRow {
  return {
    gid: str(node, "id"),
    title: str(node, "title"),
    handle: str(node, "handle"),
    status: optStr(node, "status") ?? "ACTIVE",
    vendor: optStr(node, "vendor"),
    productType: optStr(node, "productType"),
    tags: stringList(node, "tags").join(", "),
    shopifyUpdatedAt: date(node, "updatedAt"),
  };
}

export function mapCollectionNode(node: Json): CollectionRow {
  const sources = node.sources;
  return {
    gid: str(node, "id"),
    title: str(node, "title"),
    handle: str(node, "handle"),
    // `sources` replaces the deprecated `ruleSet`: rule-fed collections are smart ones.
    kind: Array.isArray(sources) && sources.some((s) => obj(s) !== null) ? "SMART" : "CUSTOM",
    shopifyUpdatedAt: date(node, "updatedAt"),
  };
}

export function mapCollectionLink(line: Json): CollectionLinkRow {
  return { productGid: str(line, "__parentId"), collectionGid: str(line, "id") };
}
