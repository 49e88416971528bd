// Paged customer read for reconciliation and small shops (cursor pagination through the
// admin client). https://shopify.dev/docs/api/usage/pagination-graphql
import { CUSTOMER_FIELDS } from "./customers";

export const CUSTOMERS_PAGE_QUERY = `#graphql
  query CustomersPage($first: Int!, $after: String, $query: String) {
    customers(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
      nodes {
        ${CUSTOMER_FIELDS}
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
