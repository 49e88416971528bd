// Paged customer read for reconciliation and small shops (cursor pagination through the
// admin client). https://shopify.dev/docs/api/usage/pagination-graphql
export const CUSTOMERS_PAGE_QUERY = `#graphql
  query CustomersPage($first: Int!, $after: String, $query: String) {
    customers(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
      nodes {
        id
        firstName
        lastName
        defaultEmailAddress { emailAddress marketingState marketingOptInLevel marketingUpdatedAt }
        defaultPhoneNumber { phoneNumber smsMarketingConsent { state optInLevel updatedAt } }
        defaultAddress { countryCodeV2 provinceCode city zip address1 address2 }
        tags
        locale
        state
        verifiedEmail
        note
        amountSpent { amount currencyCode }
        numberOfOrders
        createdAt
        updatedAt
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
