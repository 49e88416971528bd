// Collections. `ruleSet` is deprecated in 2026-10 in favour of `sources`: a collection fed by
// rule sources is what the admin calls a smart collection.
// https://shopify.dev/docs/api/admin-graphql/2026-10/objects/Collection
export const COLLECTIONS_BULK_QUERY = `#graphql
  {
    collections {
      edges {
        node {
          id
          title
          handle
          sources { id }
          updatedAt
        }
      }
    }
  }
`;
