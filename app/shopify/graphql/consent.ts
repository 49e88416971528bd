// Consent changes Flock makes (STOP, START, an unsubscribe link, a SendGrid unsubscribe) written
// back to the customer in Shopify, so the admin, Shopify Email and other apps see the same state.
// https://shopify.dev/docs/api/admin-graphql/2026-10/mutations/customerSmsMarketingConsentUpdate
// https://shopify.dev/docs/api/admin-graphql/2026-10/mutations/customerEmailMarketingConsentUpdate
export const CUSTOMER_SMS_CONSENT_UPDATE = `#graphql
  mutation CustomerSmsConsentUpdate($input: CustomerSmsMarketingConsentUpdateInput!) {
    customerSmsMarketingConsentUpdate(input: $input) {
      customer {
        id
        defaultPhoneNumber {
          smsMarketingConsent {
            state
            updatedAt
          }
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export const CUSTOMER_EMAIL_CONSENT_UPDATE = `#graphql
  mutation CustomerEmailConsentUpdate($input: CustomerEmailMarketingConsentUpdateInput!) {
    customerEmailMarketingConsentUpdate(input: $input) {
      customer {
        id
        defaultEmailAddress {
          marketingState
          marketingUpdatedAt
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

export interface ConsentUpdate {
  channel: "SMS" | "EMAIL";
  customerGid: string;
  /** Shopify accepts SUBSCRIBED, UNSUBSCRIBED and PENDING as input. */
  state: "SUBSCRIBED" | "UNSUBSCRIBED" | "PENDING";
  at: Date;
  /** CONFIRMED_OPT_IN after a double opt-in (app/optin); SINGLE_OPT_IN otherwise. */
  optInLevel?: "SINGLE_OPT_IN" | "CONFIRMED_OPT_IN";
}

/** The mutation, its variables and the payload field for one consent change. PURE. */
export function consentUpdateRequest(update: ConsentUpdate): { document: string; field: string; variables: Record<string, unknown> } {
  const consent = {
    marketingState: update.state,
    // Confirmed only where the double opt-in flow recorded the shopper's confirming reply.
    marketingOptInLevel: update.optInLevel ?? "SINGLE_OPT_IN",
    consentUpdatedAt: update.at.toISOString(),
  };
  return update.channel === "SMS"
    ? {
        document: CUSTOMER_SMS_CONSENT_UPDATE,
        field: "customerSmsMarketingConsentUpdate",
        variables: { input: { customerId: update.customerGid, smsMarketingConsent: consent } },
      }
    : {
        document: CUSTOMER_EMAIL_CONSENT_UPDATE,
        field: "customerEmailMarketingConsentUpdate",
        variables: { input: { customerId: update.customerGid, emailMarketingConsent: consent } },
      };
}
