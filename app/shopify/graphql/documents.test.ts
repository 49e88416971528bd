// Every GraphQL document Flock sends is valid against the pinned Admin schema (2026-10), with
// deprecated fields rejected; bulk queries are validated as the inner query of
// bulkOperationRunQuery too, since Shopify checks that string only when the mutation runs.
import { describe, expect, it } from "vitest";
import { loadAdminSchema } from "~/sandbox/shopify-admin/schema.server";
import { validateAdminDocument } from "~/sandbox/shopify-admin/validate";
import { BULK_OPERATION_QUERY, BULK_OPERATION_RUN_QUERY } from "./bulk-operations";
import { CHECKOUTS_BULK_QUERY } from "./checkouts";
import { COLLECTIONS_BULK_QUERY } from "./collections";
import { CUSTOMERS_BULK_QUERY } from "./customers";
import { CUSTOMERS_PAGE_QUERY } from "./customers-page";
import { ORDERS_BULK_QUERY } from "./orders";
import { PRODUCTS_BULK_QUERY } from "./products";
import { SHOP_SETTINGS_QUERY } from "./shop";

const OPERATIONS = { SHOP_SETTINGS_QUERY, BULK_OPERATION_QUERY, CUSTOMERS_PAGE_QUERY };
const BULK_QUERIES = { CUSTOMERS_BULK_QUERY, ORDERS_BULK_QUERY, PRODUCTS_BULK_QUERY, COLLECTIONS_BULK_QUERY, CHECKOUTS_BULK_QUERY };

describe("Admin GraphQL documents (2026-10, no deprecated fields)", () => {
  const schema = loadAdminSchema();

  it.each(Object.entries(OPERATIONS))("%s is valid", (_name, source) => {
    expect(validateAdminDocument(schema, source)).toEqual([]);
  });

  it.each(Object.entries(BULK_QUERIES))("%s is valid as the query of bulkOperationRunQuery", (_name, query) => {
    expect(validateAdminDocument(schema, BULK_OPERATION_RUN_QUERY, { query })).toEqual([]);
    expect(validateAdminDocument(schema, query)).toEqual([]);
  });

  it("rejects a deprecated field, so the check above has teeth", () => {
    const errors = validateAdminDocument(schema, BULK_OPERATION_RUN_QUERY, { query: "{ customers { edges { node { id email } } } }" });
    expect(errors.join("\n")).toMatch(/email.*deprecated/i);
  });
});
