// Bulk query operations. `groupObjects` is a required argument since 2026-01; false lets
// Shopify write child lines anywhere in the file (faster exports), so the importer stages them.
// https://shopify.dev/docs/api/usage/bulk-operations/queries
export const BULK_OPERATION_RUN_QUERY = `#graphql
  mutation BulkOperationRunQuery($query: String!) {
    bulkOperationRunQuery(query: $query, groupObjects: false) {
      bulkOperation { id status createdAt }
      userErrors { field message code }
    }
  }
`;

// `currentBulkOperation` is deprecated in 2026-10 (several operations may run at once):
// ask for the operation by id.
export const BULK_OPERATION_QUERY = `#graphql
  query BulkOperation($id: ID!) {
    bulkOperation(id: $id) {
      id
      status
      errorCode
      objectCount
      rootObjectCount
      fileSize
      url
      partialDataUrl
      createdAt
      completedAt
    }
  }
`;
