import { describe, expect, it } from "vitest";
import { loadAdminSchema } from "./schema.server";
import { validateAdminDocument } from "./validate";

const schema = loadAdminSchema();

// The customer fields Flock syncs, spelled as 2026-10 wants them.
const FLOCK_CUSTOMERS = `#graphql
  query Customers($after: String, $query: String) {
    customers(first: 250, after: $after, query: $query, sortKey: UPDATED_AT) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id firstName lastName tags locale state verifiedEmail note numberOfOrders createdAt updatedAt
        defaultEmailAddress { emailAddress marketingState marketingOptInLevel marketingUpdatedAt }
        defaultPhoneNumber { phoneNumber smsMarketingConsent { state optInLevel updatedAt collectedFrom } }
        defaultAddress { address1 address2 city province provinceCode country countryCodeV2 zip }
        amountSpent { amount currencyCode }
      }
    }
  }`;

describe("validateAdminDocument", () => {
  it.each([
    { description: "Flock's customer page query", source: FLOCK_CUSTOMERS },
    {
      description: "orders with line items and the checkout token",
      source: "{ orders(first: 5) { nodes { id checkoutToken lineItems(first: 5) { nodes { id quantity product { id } } } } } }",
    },
    {
      description: "a bulk query whose inner document is valid",
      source:
        'mutation { bulkOperationRunQuery(query: "{ products { edges { node { id } } } }") { bulkOperation { id } userErrors { field message } } }',
    },
  ])("accepts $description", ({ source }) => {
    expect(validateAdminDocument(schema, source)).toEqual([]);
  });

  it.each([
    {
      description: "Customer.email (deprecated in 2026-10)",
      source: "{ customers(first: 1) { nodes { email } } }",
      pattern: /Customer\.email is deprecated/,
    },
    {
      description: "emailMarketingConsent",
      source: "{ customers(first: 1) { nodes { emailMarketingConsent { marketingState } } } }",
      pattern: /deprecated/,
    },
    {
      description: "smsMarketingConsent",
      source: "{ customers(first: 1) { nodes { smsMarketingConsent { marketingState } } } }",
      pattern: /deprecated/,
    },
    {
      description: "CustomerPhoneNumber.marketingState",
      source: "{ customers(first: 1) { nodes { defaultPhoneNumber { marketingState } } } }",
      pattern: /deprecated/,
    },
    { description: "currentBulkOperation", source: "{ currentBulkOperation { id } }", pattern: /deprecated/ },
    { description: "an unknown field", source: "{ shop { nope } }", pattern: /Cannot query field "nope" on type "Shop"\..*\(1:10\)/ },
    { description: "a syntax error", source: "{ shop { id }", pattern: /Syntax Error/ },
    { description: "a wrong argument type", source: '{ customers(first: "ten") { nodes { id } } }', pattern: /Int cannot represent/ },
  ])("rejects $description", ({ source, pattern }) => {
    const errors = validateAdminDocument(schema, source);
    expect(errors.join("\n")).toMatch(pattern);
  });

  it("validates the inner query of bulkOperationRunQuery, literal or variable", () => {
    // GIVEN a bulk mutation whose inner query selects a deprecated field
    const literal = 'mutation { bulkOperationRunQuery(query: "{ customers { edges { node { id email } } } }") { userErrors { message } } }';
    const byVariable = "mutation Run($q: String!) { bulkOperationRunQuery(query: $q) { userErrors { message } } }";
    // WHEN validated  THEN the inner error is reported with where it came from
    expect(validateAdminDocument(schema, literal)).toEqual([
      expect.stringMatching(/^bulkOperationRunQuery\(query:\) at 1:12: The field Customer\.email is deprecated/),
    ]);
    expect(validateAdminDocument(schema, byVariable, { q: "{ customers { edges { node { idd } } } }" })).toEqual([
      expect.stringMatching(/\(\$q\): Cannot query field "idd"/),
    ]);
    expect(validateAdminDocument(schema, byVariable, { q: "{ customers { edges { node { id } } } }" })).toEqual([]);
  });
});
