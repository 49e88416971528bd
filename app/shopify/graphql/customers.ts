// Customers for the bulk import. 2026-10 deprecates `Customer.email`, `phone`,
// `emailMarketingConsent` and `smsMarketingConsent`: the address and its consent live on
// `defaultEmailAddress` / `defaultPhoneNumber`.
// https://shopify.dev/docs/api/admin-graphql/2026-10/objects/Customer
/** The customer fields Flock keeps; the bulk export and the paged reconciliation read the same. */
export const CUSTOMER_FIELDS = `
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
`;

export const CUSTOMERS_BULK_QUERY = `#graphql
  {
    customers {
      edges {
        node {
          ${CUSTOMER_FIELDS}
        }
      }
    }
  }
`;
