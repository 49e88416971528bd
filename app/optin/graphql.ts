// The Admin GraphQL documents the opt-in flow sends (2026-10; validated in graphql.test.ts).
// https://shopify.dev/docs/api/admin-graphql/2026-10/mutations/customerCreate
export const CUSTOMER_CREATE = `#graphql
  mutation OptInCustomerCreate($input: CustomerInput!) {
    customerCreate(input: $input) {
      customer {
        id
        createdAt
        updatedAt
      }
      userErrors {
        field
        message
      }
    }
  }
`;

/** A customer Shopify already has (customerCreate said the phone or email is taken). */
export const CUSTOMER_BY_CONTACT = `#graphql
  query OptInCustomerByContact($query: String!) {
    customers(first: 1, query: $query) {
      nodes {
        id
        createdAt
        updatedAt
      }
    }
  }
`;

export interface CreatedCustomer {
  id: string;
  createdAt: string;
  updatedAt: string;
}

/** customerCreate's input for a sign-up: only what the shopper gave. PURE. */
export function customerCreateInput(contact: { phone: string | null; email: string | null; locale: string }): Record<string, unknown> {
  return {
    input: {
      ...(contact.phone ? { phone: contact.phone } : {}),
      ...(contact.email ? { email: contact.email } : {}),
      locale: contact.locale,
      tags: ["flock-signup"],
    },
  };
}

/** The customers search for the phone (preferred) or email; values quoted as Shopify's search syntax wants. */
export function customerSearchQuery(contact: { phone: string | null; email: string | null }): string {
  const quote = (value: string) => `"${value.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
  return contact.phone ? `phone:${quote(contact.phone)}` : `email:${quote(contact.email ?? "")}`;
}
