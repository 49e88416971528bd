// Every GraphQL document Flock sends is valid against the pinned Admin schema (2026-10), with
// deprecated fields rejected; bulk queries are validated as the inner query of
// bulkOperationRunQuery too, since Shopify checks that string only when the mutation runs.
import { getOperationAST, parse } from "graphql";
import { getVariableValues } from "graphql/execution/values";
import { describe, expect, it } from "vitest";
import { loadAdminSchema } from "~/sandbox/shopify-admin/schema.server";
import { validateAdminDocument } from "~/sandbox/shopify-admin/validate";
import { BULK_OPERATION_QUERY, BULK_OPERATION_RUN_QUERY } from "./bulk-operations";
import { CHECKOUTS_BULK_QUERY } from "./checkouts";
import { COLLECTIONS_BULK_QUERY } from "./collections";
import { consentUpdateRequest, CUSTOMER_EMAIL_CONSENT_UPDATE, CUSTOMER_SMS_CONSENT_UPDATE } from "./consent";
import { CUSTOMERS_BULK_QUERY } from "./customers";
import { CUSTOMERS_PAGE_QUERY } from "./customers-page";
import { ORDERS_BULK_QUERY } from "./orders";
import { PRODUCTS_BULK_QUERY } from "./products";
import { SHOP_SETTINGS_QUERY } from "./shop";

const OPERATIONS = {
  SHOP_SETTINGS_QUERY,
  BULK_OPERATION_QUERY,
  CUSTOMERS_PAGE_QUERY,
  CUSTOMER_SMS_CONSENT_UPDATE,
  CUSTOMER_EMAIL_CONSENT_UPDATE,
};
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

  it.each([
    ["SMS", "UNSUBSCRIBED"],
    ["SMS", "SUBSCRIBED"],
    ["EMAIL", "UNSUBSCRIBED"],
    ["EMAIL", "SUBSCRIBED"],
  ] as const)("the %s consent write-back (%s) sends variables the schema accepts", (channel, state) => {
    const request = consentUpdateRequest({ channel, customerGid: "gid://shopify/Customer/1", state, at: new Date("2026-11-20T15:00:00Z") });
    expect(validateAdminDocument(schema, request.document)).toEqual([]);
    const operation = getOperationAST(parse(request.document));
    const coerced = getVariableValues(schema, operation?.variableDefinitions ?? [], request.variables);
    expect("errors" in coerced ? coerced.errors?.map((e) => e.message) : []).toEqual([]);
    expect(Object.keys(schema.getMutationType()?.getFields() ?? {})).toContain(request.field);
  });

  it("rejects a deprecated field, so the check above has teeth", () => {
    const errors = validateAdminDocument(schema, BULK_OPERATION_RUN_QUERY, { query: "{ customers { edges { node { id email } } } }" });
    expect(errors.join("\n")).toMatch(/email.*deprecated/i);
  });
});
