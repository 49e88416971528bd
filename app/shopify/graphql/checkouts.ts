// Abandoned checkouts. The GraphQL object has no `token`; it is the path segment of
// `abandonedCheckoutUrl` (`…/checkouts/<token>/recover?key=…`), which is how rows from this
// query and from checkouts/* webhooks meet (see mappers/checkout.ts).
// https://shopify.dev/docs/api/admin-graphql/2026-10/objects/AbandonedCheckout
export const CHECKOUTS_BULK_QUERY = `#graphql
  {
    abandonedCheckouts {
      edges {
        node {
          id
          abandonedCheckoutUrl
          customer {
            id
            defaultEmailAddress { emailAddress }
            defaultPhoneNumber { phoneNumber }
          }
          totalPriceSet { shopMoney { amount currencyCode } }
          createdAt
          updatedAt
          completedAt
        }
      }
    }
  }
`;
