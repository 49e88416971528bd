// The customer page's row shape, shared by the query that builds it
// (app/segments/read-models/customer-queries.server.ts) and the cards that draw it (pure types only).

export interface CustomerProfile {
  id: number;
  name: string;
  email: string | null;
  phone: string | null;
  /** Formatted in the shop's currency. */
  amountSpent: string;
  orders: number;
  lastOrderAt: string | null;
  customerSince: string;
  tags: string[];
  location: string | null;
  emailConsent: string;
  smsConsent: string;
}

export interface SegmentOption {
  id: string;
  name: string;
}
