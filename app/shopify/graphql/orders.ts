// Orders with their line items. Line items are a nested connection, so in the JSONL they are
// separate lines carrying `__parentId` (the order's GID).
// https://shopify.dev/docs/api/usage/bulk-operations/queries#the-jsonl-data-format
export const ORDERS_BULK_QUERY = `#graphql
  {
    orders {
      edges {
        node {
          id
          name
          customer { id }
          currencyCode
          totalPriceSet { shopMoney { amount currencyCode } }
          subtotalPriceSet { shopMoney { amount currencyCode } }
          totalRefundedSet { shopMoney { amount currencyCode } }
          displayFinancialStatus
          displayFulfillmentStatus
          cancelledAt
          checkoutToken
          sourceName
          app { id }
          retailLocation { id }
          test
          processedAt
          createdAt
          updatedAt
          lineItems {
            edges {
              node {
                id
                title
                quantity
                product { id }
                variant { id }
                originalUnitPriceSet { shopMoney { amount currencyCode } }
              }
            }
          }
        }
      }
    }
  }
`;
