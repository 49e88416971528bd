/** A customer record with neutral defaults, for table-driven evaluator tests. */
import type { CustomerRecord } from "./facts";

export function buildRecord(overrides: Partial<CustomerRecord> = {}): CustomerRecord {
  return {
    id: 1,
    amountSpent: 0,
    orderCount: 0,
    averageOrderValue: null,
    createdAt: Date.UTC(2025, 0, 1) / 1000,
    firstOrderAt: null,
    lastOrderAt: null,
    lastAbandonedAt: null,
    accountState: "DISABLED",
    emailState: "NOT_SUBSCRIBED",
    smsState: "NOT_SUBSCRIBED",
    emailDomain: null,
    language: null,
    country: null,
    region: null,
    city: null,
    tags: [],
    purchases: [],
    orders: [],
    checkouts: [],
    messages: [],
    segmentIds: [],
    ...overrides,
  };
}

/** Seconds of an ISO instant. */
export const at = (iso: string): number => Math.floor(Date.parse(iso) / 1000);
