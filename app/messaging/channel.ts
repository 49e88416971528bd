// What the sending code sees of a provider: one call per message (SMS) or per batch (email),
// and a result that says what may happen next. The adapters in ./channels turn SDK answers and
// network failures into these four cases; nothing else reads provider errors.

/**
 * - `sent`: the provider accepted it; `providerId` is its message id (Twilio SM…, SendGrid X-Message-Id).
 * - `retryable`: nothing was sent (rate limit, provider outage, connection refused); try again after `retryAfterSeconds` when given.
 * - `permanent`: the provider refused it for good (invalid number, opted out 21610, unverified sender, bad credentials).
 * - `unknown`: the request may have taken effect (timeout or connection dropped after it left): reconcile before any retry.
 */
export type SendResult =
  | { kind: "sent"; providerId: string }
  | { kind: "retryable"; reason: string; retryAfterSeconds: number | null }
  | { kind: "permanent"; code: string; reason: string }
  | { kind: "unknown"; reason: string };

export const sent = (providerId: string): SendResult => ({ kind: "sent", providerId });
export const retryable = (reason: string, retryAfterSeconds: number | null = null): SendResult => ({
  kind: "retryable",
  reason,
  retryAfterSeconds,
});
export const permanent = (code: string, reason: string): SendResult => ({ kind: "permanent", code, reason });
export const unknown = (reason: string): SendResult => ({ kind: "unknown", reason });

export interface SmsMessage {
  /** E.164. */
  to: string;
  body: string;
  /** Where the provider posts delivery statuses for this message. */
  statusCallback?: string;
  /**
   * How long the provider may hold the message in its queue before giving up on it (Twilio's
   * ValidityPeriod, 1–36,000 s): a text held back by a carrier must not land in quiet hours.
   */
  validityPeriodSeconds?: number;
}

export interface SmsChannel {
  sendSms(message: SmsMessage): Promise<SendResult>;
}

/** A message the provider holds a record of, for reconciling an attempt whose outcome is unknown. */
export interface SentSmsRecord {
  providerId: string;
  to: string;
  body: string;
}

export interface SmsLookup {
  /** Outbound messages to `to` created at or after `since` (Twilio's list, filtered by To and DateSent). */
  findSent(to: string, since: Date): Promise<SentSmsRecord[]>;
}

export interface EmailAddress {
  email: string;
  name?: string;
}

export interface EmailRecipient extends EmailAddress {
  /** Echoed back on every Event Webhook event for this recipient (outbox id, campaign id…). */
  customArgs?: Record<string, string>;
  /** This recipient's own subject (SendGrid `personalizations[].subject`), over the message's. */
  subject?: string;
  /** This recipient's own headers (List-Unsubscribe with their link), over the message's. */
  headers?: Record<string, string>;
  /**
   * Tag → value, replaced by the provider in this recipient's subject and content (SendGrid
   * `substitutions`, at most 10,000 bytes per recipient): one request carries one template and
   * each person's values. The tags are written out in full (no wrapper is added).
   */
  substitutions?: Record<string, string>;
}

export interface EmailMessage {
  from: EmailAddress;
  replyTo?: EmailAddress;
  subject: string;
  text: string;
  html?: string;
  recipients: EmailRecipient[];
  headers?: Record<string, string>;
  categories?: string[];
  customArgs?: Record<string, string>;
  /** SendGrid unsubscribe group (ASM): its unsubscribe link and List-Unsubscribe. */
  unsubscribeGroupId?: number;
}

/** One provider request: which recipients it carried and what became of it. */
export interface EmailBatchResult {
  recipients: string[];
  result: SendResult;
}

export interface EmailChannel {
  /** Sends in requests of at most 1,000 recipients (SendGrid's personalization limit), one result per request. */
  sendEmail(message: EmailMessage): Promise<EmailBatchResult[]>;
}
