/** A campaign's progress from its outbox rows' statuses (PURE). */

export interface StatusCounts {
  queued: number;
  sending: number;
  sent: number;
  delivered: number;
  failed: number;
  skipped: number;
  unknown: number;
}

export interface Progress extends StatusCounts {
  total: number;
  /** Rows no longer waiting: handed to the provider, failed or skipped. */
  done: number;
  remaining: number;
  percent: number;
  /** When the last row should have gone, or null when nothing remains. */
  eta: string | null;
}

export const EMPTY_COUNTS: StatusCounts = { queued: 0, sending: 0, sent: 0, delivered: 0, failed: 0, skipped: 0, unknown: 0 };

/** Outbox status (as stored) → the counter it adds to. */
export function countsOf(groups: readonly { status: string; count: number }[]): StatusCounts {
  const counts = { ...EMPTY_COUNTS };
  for (const { status, count } of groups) {
    switch (status) {
      case "QUEUED":
        counts.queued += count;
        break;
      case "SENDING":
        counts.sending += count;
        break;
      case "SENT":
        counts.sent += count;
        break;
      case "DELIVERED":
        counts.delivered += count;
        break;
      case "FAILED":
      case "UNDELIVERED":
        counts.failed += count;
        break;
      case "SKIPPED":
        counts.skipped += count;
        break;
      case "UNKNOWN":
        counts.unknown += count;
        break;
      default:
        counts.unknown += count;
    }
  }
  return counts;
}

/**
 * Remaining rows go at `perSecond` from `now`, but none before `latestDue` (a row waiting for a
 * recipient's local time or quiet hours).
 */
export function progressOf(counts: StatusCounts, now: Date, perSecond: number, latestDue: Date | null): Progress {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const remaining = counts.queued + counts.sending;
  const done = total - remaining;
  const paced = now.getTime() + Math.ceil((remaining / Math.max(perSecond, 1)) * 1000);
  const eta = remaining === 0 ? null : new Date(Math.max(paced, latestDue?.getTime() ?? 0)).toISOString();
  return { ...counts, total, done, remaining, percent: total === 0 ? 0 : Math.floor((done / total) * 100), eta };
}
