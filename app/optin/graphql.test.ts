// The opt-in flow's documents and variables are valid against the pinned Admin schema (2026-10).
import { getOperationAST, parse } from "graphql";
import { getVariableValues } from "graphql/execution/values";
import { describe, expect, it } from "vitest";
import { loadAdminSchema } from "~/sandbox/shopify-admin/schema.server";
import { validateAdminDocument } from "~/sandbox/shopify-admin/validate";
import { CUSTOMER_BY_CONTACT, CUSTOMER_CREATE, customerCreateInput, customerSearchQuery } from "./graphql";

describe("opt-in Admin documents (2026-10, no deprecated fields)", () => {
  const schema = loadAdminSchema();
  const coerce = (document: string, variables: Record<string, unknown>) => {
    const coerced = getVariableValues(schema, getOperationAST(parse(document))?.variableDefinitions ?? [], variables);
    return "errors" in coerced ? (coerced.errors ?? []).map((e) => e.message) : [];
  };

  it.each([
    ["CUSTOMER_CREATE", CUSTOMER_CREATE],
    ["CUSTOMER_BY_CONTACT", CUSTOMER_BY_CONTACT],
  ])("%s is valid", (_name, document) => {
    expect(validateAdminDocument(schema, document)).toEqual([]);
  });

  it.each([
    { phone: "+12135550100", email: null, locale: "en" },
    { phone: null, email: "ana@example.com", locale: "es" },
  ])("customerCreate accepts the input for %j", (contact) => {
    expect(coerce(CUSTOMER_CREATE, customerCreateInput(contact))).toEqual([]);
  });

  it("a misspelt input field is refused, so the check has teeth", () => {
    expect(coerce(CUSTOMER_CREATE, { input: { phoneNumber: "+12135550100" } }).join()).toMatch(/phoneNumber/);
  });

  it("quotes the search value", () => {
    expect(customerSearchQuery({ phone: "+12135550100", email: null })).toBe('phone:"+12135550100"');
    expect(customerSearchQuery({ phone: null, email: 'a"b@example.com' })).toBe('email:"a\\"b@example.com"');
  });
});
