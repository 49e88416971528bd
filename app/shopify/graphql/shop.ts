// Shop settings Flock keeps locally (name, IANA time zone, currency, contact email, country).
// https://shopify.dev/docs/api/admin-graphql/2026-10/objects/Shop
export const SHOP_SETTINGS_QUERY = `#graphql
  query ShopSettings {
    shop {
      id
      name
      ianaTimezone
      currencyCode
      contactEmail
      myshopifyDomain
      shopAddress {
        countryCodeV2
      }
    }
  }
`;
