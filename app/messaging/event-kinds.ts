/**
 * MessageEvent.kind is stored as the provider named it (`sms.delivered`, `email.open`,
 * `email.spamreport`, …; see app/messaging/webhooks/receive.server.ts) or as Flock's own
 * (`clicked` from /l/<code>). Segments speak one vocabulary for both channels (MESSAGE_EVENTS in
 * the query language); this is the one place that translates. Kinds that are not an event a
 * merchant segments on (inbound texts, queued, deferred, processing steps) map to null.
 */
const SEGMENT_EVENT: Readonly<Record<string, string>> = {
  // Twilio status callbacks (MessageStatus)
  "sms.sent": "sent",
  "sms.delivered": "delivered",
  "sms.undelivered": "failed",
  "sms.failed": "failed",
  // SendGrid Event Webhook (event)
  "email.processed": "sent",
  "email.delivered": "delivered",
  "email.open": "opened",
  "email.click": "clicked",
  "email.bounce": "bounced",
  "email.dropped": "failed",
  "email.spamreport": "marked_as_spam",
  "email.unsubscribe": "unsubscribed",
  "email.group_unsubscribe": "unsubscribed",
};

const OWN = new Set(["sent", "delivered", "opened", "clicked", "bounced", "failed", "unsubscribed", "marked_as_spam"]);

/** The segment event (`messages MATCHES (event = …)`) a stored kind stands for, or null. */
export function segmentEventOf(kind: string): string | null {
  return SEGMENT_EVENT[kind] ?? (OWN.has(kind) ? kind : null);
}

/** Every stored kind that stands for a segment event (the inverse of segmentEventOf). */
export function storedKindsOf(event: string): string[] {
  return [...Object.keys(SEGMENT_EVENT).filter((kind) => SEGMENT_EVENT[kind] === event), ...(OWN.has(event) ? [event] : [])];
}
