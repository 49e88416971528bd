// Products with the collections they belong to (child lines `{ id, __parentId }`).
// https://shopify.dev/docs/api/admin-graphql/2026-10/objects/Product
export const PRODUCTS_BULK_QUERY = `#graphql
  {
    products {
      edges {
        node {
          id
          title
          handle
          status
          vendor
          productType
          tags
          updatedAt
          collections {
            edges {
              node { id }
            }
          }
        }
      }
    }
  }
`;
