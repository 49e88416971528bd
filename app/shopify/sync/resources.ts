// PURE: the five bulk-imported resources: their bulk query and how a JSONL line becomes a
// statement. Lines with `__parentId` are children (line items, product→collection links).
import { CHECKOUTS_BULK_QUERY } from "~/shopify/graphql/checkouts";
import { COLLECTIONS_BULK_QUERY } from "~/shopify/graphql/collections";
import { CUSTOMERS_BULK_QUERY } from "~/shopify/graphql/customers";
import { ORDERS_BULK_QUERY } from "~/shopify/graphql/orders";
import { PRODUCTS_BULK_QUERY } from "~/shopify/graphql/products";
import { mapCollectionLink, mapCollectionNode, mapProductNode } from "~/shopify/mappers/catalog";
import { mapCheckoutNode } from "~/shopify/mappers/checkout";
import { mapCustomerNode } from "~/shopify/mappers/customer";
import type { Json } from "~/shopify/mappers/fields";
import { mapLineItemNode, mapOrderNode } from "~/shopify/mappers/order";
import type { Dialect, Statement } from "../../db/sql-runner.server";
import {
  linkCollectionProduct,
  upsertCheckout,
  upsertCollection,
  upsertCustomer,
  upsertLineItem,
  upsertOrder,
  upsertProduct,
} from "./upserts";

export const SYNC_RESOURCES = ["collections", "products", "customers", "orders", "checkouts"] as const;
export type SyncResource = (typeof SYNC_RESOURCES)[number];

export interface ResourceImport {
  query: string;
  parent(dialect: Dialect, shop: string, line: Json): Statement;
  /** Present when the query has a nested connection, whose lines carry `__parentId`. */
  child?: (dialect: Dialect, shop: string, line: Json) => Statement;
}

export const RESOURCE_IMPORTS: Readonly<Record<SyncResource, ResourceImport>> = {
  collections: { query: COLLECTIONS_BULK_QUERY, parent: (d, shop, line) => upsertCollection(d, shop, mapCollectionNode(line)) },
  products: {
    query: PRODUCTS_BULK_QUERY,
    parent: (d, shop, line) => upsertProduct(d, shop, mapProductNode(line)),
    child: (d, shop, line) => linkCollectionProduct(d, shop, mapCollectionLink(line)),
  },
  customers: { query: CUSTOMERS_BULK_QUERY, parent: (d, shop, line) => upsertCustomer(d, shop, mapCustomerNode(line)) },
  orders: {
    query: ORDERS_BULK_QUERY,
    parent: (d, shop, line) => upsertOrder(d, shop, mapOrderNode(line)),
    child: (d, shop, line) => upsertLineItem(d, shop, mapLineItemNode(line)),
  },
  checkouts: { query: CHECKOUTS_BULK_QUERY, parent: (d, shop, line) => upsertCheckout(d, shop, mapCheckoutNode(line)) },
};

export function isSyncResource(value: string): value is SyncResource {
  return (SYNC_RESOURCES as readonly string[]).includes(value);
}
