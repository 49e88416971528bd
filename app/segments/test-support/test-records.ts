/** A customer record with neutral defaults, for table-driven evaluator tests; and a parsed query. */
import type { CustomerRecord } from "../engine/facts";
import { parseSegmentQuery } from "../query-language/parser";
import type { SegmentQuery } from "../query-language/tree";

/** The tree of a query a test knows to be valid (throws with the parser's message otherwise). */
export function queryTree(query: string): SegmentQuery {
  const r = parseSegmentQuery(query);
  if (!r.ok) throw new Error(r.error.message);
  return r.tree;
}

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
