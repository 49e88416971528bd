// The run's discount documents and the variables Flock sends are valid against the pinned Admin
// schema (2026-10), deprecated fields (customerSelection) rejected.
import { getOperationAST, parse } from "graphql";
import { getVariableValues } from "graphql/execution/values";
import { describe, expect, it } from "vitest";
import { loadAdminSchema } from "~/sandbox/shopify-admin/schema.server";
import { validateAdminDocument } from "~/sandbox/shopify-admin/validate";
import {
  CODE_DISCOUNT_BY_CODE,
  DISCOUNT_CODE_BASIC_CREATE,
  DISCOUNT_CODE_DEACTIVATE,
  discountCreateVariables,
  minorToDecimal,
} from "./discount-documents";
import type { NewStepCode } from "./discount-port";

const schema = loadAdminSchema();
const code = (discount: NewStepCode["discount"]): NewStepCode => ({
  shop: "s.myshopify.com",
  code: "BACK2-ABCDEF12",
  title: "Flock cart recovery",
  discount,
  customerGid: "gid://shopify/Customer/1",
  startsAt: new Date("2026-12-07T15:00:00Z"),
  endsAt: new Date("2026-12-09T15:00:00Z"),
  currency: "USD",
});
const coerce = (document: string, variables: Record<string, unknown>) =>
  getVariableValues(schema, getOperationAST(parse(document))?.variableDefinitions ?? [], variables);

describe("discount code documents (2026-10)", () => {
  it.each(Object.entries({ DISCOUNT_CODE_BASIC_CREATE, DISCOUNT_CODE_DEACTIVATE, CODE_DISCOUNT_BY_CODE }))(
    "%s is valid",
    (_name, source) => {
      expect(validateAdminDocument(schema, source)).toEqual([]);
    },
  );

  it.each([
    { description: "10 percent", discount: { kind: "percent" as const, value: 10, expiresInHours: 48 }, value: { percentage: 0.1 } },
    {
      description: "$5.00 off",
      discount: { kind: "amount" as const, value: 500, expiresInHours: 24 },
      value: { discountAmount: { amount: "5.00", appliesOnEachItem: false } },
    },
  ])("sends a single-use code for one customer, $description, that the schema accepts", ({ discount, value }) => {
    const variables = discountCreateVariables(code(discount));
    expect(coerce(DISCOUNT_CODE_BASIC_CREATE, variables).errors).toBeUndefined();
    expect(variables.basicCodeDiscount).toMatchObject({
      usageLimit: 1,
      appliesOncePerCustomer: true,
      context: { customers: { add: ["gid://shopify/Customer/1"] } },
      customerGets: { value },
      endsAt: "2026-12-09T15:00:00.000Z",
    });
  });

  it("refuses the deprecated customerSelection", () => {
    const old = `mutation { discountCodeBasicCreate(basicCodeDiscount: { code: "X", customerSelection: { all: true } }) { userErrors { message } } }`;
    expect(validateAdminDocument(schema, old).join(" ")).toMatch(/customerSelection/);
  });

  it.each([
    [500, "USD", "5.00"],
    [1299, "EUR", "12.99"],
    [500, "JPY", "500"],
    [1500, "KWD", "1.500"],
  ])("%i minor %s is %s", (minor, currency, expected) => {
    expect(minorToDecimal(minor, currency)).toBe(expected);
  });
});
