// Row shapes the segment pages show, shared by the queries that build them
// (segment-queries.server.ts) and the Polaris tables that draw them (pure types only).

export interface SegmentListRow {
  id: string;
  name: string;
  kind: "DYNAMIC" | "STATIC";
  memberCount: number;
  /** Set while a save's members are not all stored: the count is not the segment's yet. */
  evaluatingSince: Date | null;
  updatedAt: Date;
  origin: string | null;
}

export interface MemberRow {
  id: number;
  name: string;
  contact: string;
  amountSpent: string;
  orders: number;
  lastOrderAt: string | null;
}
