/**
 * Where an outbox row stands, and how provider callbacks move it. PURE.
 *
 * Providers deliver status callbacks and events late, twice and out of order (Twilio posts
 * `sent` and `delivered` from different systems; SendGrid batches events per minute). A row
 * therefore only ever moves forward: each state has a rank and a callback applies only when it
 * ranks higher than where the row is. Taking the highest rank is commutative and idempotent, so
 * any interleaving of the same callbacks ends in the same state as in-order delivery.
 *
 * Among the outcomes, failure outranks delivery: a SendGrid bounce can follow `delivered` when
 * the receiving server accepts first and rejects later, and the later word is the true one.
 */
export const OUTBOX_STATES = ["queued", "sending", "unknown", "sent", "delivered", "undelivered", "failed", "skipped"] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** Why a row was skipped instead of sent. */
export const SKIP_REASONS = [
  "no_consent",
  "suppressed",
  "capped",
  "quiet_hours_deadline",
  "invalid_address",
  "paused",
  "cancelled",
  "no_open_window",
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

const RANK: Record<OutboxState, number> = {
  queued: 0,
  sending: 1,
  // The attempt left and its outcome is not known; a provider record or callback settles it.
  unknown: 2,
  sent: 3,
  delivered: 4,
  undelivered: 5,
  failed: 6,
  // Decided before any attempt; nothing a provider says can follow it.
  skipped: 7,
};

export function stateRank(state: OutboxState): number {
  return RANK[state];
}

/** The states a row with this state may still move to (the ones ranked higher). */
export function statesAbove(state: OutboxState): OutboxState[] {
  return OUTBOX_STATES.filter((candidate) => RANK[candidate] > RANK[state]);
}

/** The state after `incoming` is applied to a row in `current`: never backwards. */
export function advance(current: OutboxState, incoming: OutboxState): OutboxState {
  return RANK[incoming] > RANK[current] ? incoming : current;
}

/** Twilio's status words and the outbox state each means. */
const TWILIO_STATES: Readonly<Record<string, OutboxState>> = {
  accepted: "sending",
  scheduled: "sending",
  queued: "sending",
  sending: "sending",
  sent: "sent",
  delivered: "delivered",
  read: "delivered",
  undelivered: "undelivered",
  failed: "failed",
  canceled: "failed",
};

/** Every status word Twilio's status callbacks carry that moves a row. */
export const TWILIO_STATUS_WORDS: readonly string[] = Object.keys(TWILIO_STATES);

/** A provider's own status word as an outbox state, or null for words that say nothing new. */
export function stateFromTwilioStatus(status: string): OutboxState | null {
  return Object.hasOwn(TWILIO_STATES, status) ? (TWILIO_STATES[status] ?? null) : null;
}

/** A SendGrid Event Webhook event as an outbox state, or null for engagement and deferrals. */
export function stateFromSendGridEvent(event: string): OutboxState | null {
  switch (event) {
    case "processed":
      return "sent";
    case "delivered":
      return "delivered";
    case "bounce":
      return "undelivered";
    case "dropped":
      return "failed";
    default:
      // deferred (the receiver will be retried), open, click, unsubscribe, spamreport …
      return null;
  }
}

/**
 * A QUEUED row parked with this `notBefore` is held, not due (a paused campaign's rows): the
 * dispatcher never claims it and schedules no wake-up for it.
 */
export const HELD_NOT_BEFORE = new Date(Date.UTC(9999, 0, 1));
