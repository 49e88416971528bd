/**
 * What the upload page shows of a static import (pure): the counts, and the first rows of
 * each outcome with their CSV line numbers, so a 100,000-line report stays a small payload.
 */
export const SUMMARY_ROWS = 10;

export interface ImportSummary {
  segment: { id: string; name: string; memberCount: number };
  counts: { matched: number; unmatched: number; invalid: number };
  matched: { row: number; value: string }[];
  unmatched: { row: number; value: string }[];
  invalid: { row: number; text: string; reason: string }[];
}

interface ImportReport {
  segment: { id: string; name: string; memberCount: number };
  matched: readonly { row: number; value: string }[];
  unmatched: readonly { row: number; value: string }[];
  invalid: readonly { row: number; text: string; reason: string }[];
}

export function summariseImport(report: ImportReport, rows = SUMMARY_ROWS): ImportSummary {
  return {
    segment: { id: report.segment.id, name: report.segment.name, memberCount: report.segment.memberCount },
    counts: { matched: report.matched.length, unmatched: report.unmatched.length, invalid: report.invalid.length },
    matched: report.matched.slice(0, rows).map(({ row, value }) => ({ row, value })),
    unmatched: report.unmatched.slice(0, rows).map(({ row, value }) => ({ row, value })),
    invalid: report.invalid.slice(0, rows).map(({ row, text, reason }) => ({ row, text, reason })),
  };
}
