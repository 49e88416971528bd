import { describe, expect, it } from "vitest";
import { loadAdminSchema } from "~/sandbox/shopify-admin/schema.server";
import { validateAdminDocument } from "~/sandbox/shopify-admin/validate";
import {
  CHECKOUTS_PAGE_QUERY,
  COLLECTION_PRODUCTS_QUERY,
  COLLECTIONS_PAGE_QUERY,
  ORDERS_PAGE_QUERY,
  PRODUCTS_PAGE_QUERY,
} from "./reconcile-queries";

describe("reconciliation queries (Admin API 2026-10, no deprecated fields)", () => {
  const schema = loadAdminSchema();
  it.each(
    Object.entries({ ORDERS_PAGE_QUERY, PRODUCTS_PAGE_QUERY, COLLECTIONS_PAGE_QUERY, COLLECTION_PRODUCTS_QUERY, CHECKOUTS_PAGE_QUERY }),
  )("%s is valid", (_name, source) => {
    expect(validateAdminDocument(schema, source)).toEqual([]);
  });
});
