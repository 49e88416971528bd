// Paged reads for reconciliation: what changed since the watermark, newest last. Each has the
// fields the bulk import's mappers read (app/shopify/mappers), so rows meet in the same
// monotonic upserts. `query: "updated_at:>'…'"` is Shopify's search syntax.
// https://shopify.dev/docs/api/usage/search-syntax
// Validated against the 2026-10 schema (deprecated fields rejected) in reconcile-queries.test.ts.
export { CUSTOMERS_PAGE_QUERY } from "~/shopify/graphql/customers-page";

const MONEY = "shopMoney { amount currencyCode }";

export const ORDERS_PAGE_QUERY = `#graphql
  query ReconcileOrders($first: Int!, $after: String, $query: String) {
    orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
      nodes {
        id name customer { id } currencyCode
        totalPriceSet { ${MONEY} } subtotalPriceSet { ${MONEY} } totalRefundedSet { ${MONEY} }
        displayFinancialStatus displayFulfillmentStatus cancelledAt checkoutToken sourceName test processedAt createdAt updatedAt
        lineItems(first: 250) {
          nodes { id title quantity product { id } variant { id } originalUnitPriceSet { ${MONEY} } }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

export const PRODUCTS_PAGE_QUERY = `#graphql
  query ReconcileProducts($first: Int!, $after: String, $query: String) {
    products(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
      nodes { id title handle status vendor productType tags updatedAt }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

export const COLLECTIONS_PAGE_QUERY = `#graphql
  query ReconcileCollections($first: Int!, $after: String, $query: String) {
    collections(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
      nodes { id title handle sources { id } updatedAt }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

/** A collection's products now: smart collections change membership without any webhook. */
export const COLLECTION_PRODUCTS_QUERY = `#graphql
  query ReconcileCollectionProducts($id: ID!, $first: Int!, $after: String) {
    collection(id: $id) {
      products(first: $first, after: $after) {
        nodes { id }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`;

export const CHECKOUTS_PAGE_QUERY = `#graphql
  query ReconcileCheckouts($first: Int!, $after: String, $query: String) {
    abandonedCheckouts(first: $first, after: $after, query: $query) {
      nodes {
        id abandonedCheckoutUrl
        customer { id defaultEmailAddress { emailAddress } defaultPhoneNumber { phoneNumber } }
        totalPriceSet { ${MONEY} } createdAt updatedAt completedAt
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
