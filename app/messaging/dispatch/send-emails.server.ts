// The email half of a dispatcher batch: rows to provider requests, answers to outcomes.
import type { EmailMessage, SendResult } from "../channel";
import { batchEmails, TEXT_ONLY, type BatchRecipient, type BatchTemplate } from "../email/batch";
import type { AttemptOutcome, ClaimedMessage } from "../outbox/outbox-store.server";
import type { RowEmail } from "./campaign-email.server";
import type { DispatchDeps, DispatchOptions } from "./dispatcher.server";
import { campaignIdOf, outcomeOf, type RetryPolicy } from "./policy";

export type Settled = { message: ClaimedMessage; outcome: AttemptOutcome };

/** A batch's email rows as provider requests, built ahead of sending. */
export interface EmailRequests {
  /** Rows settled without a request (no email channel for the shop). */
  settled: Settled[];
  /** In order; each request's `refs` are its recipients' rows, one per recipient. */
  requests: { message: EmailMessage; refs: ClaimedMessage[] }[];
}

const NO_EMAILS: EmailRequests = { settled: [], requests: [] };

/**
 * Email rows in as few requests as the provider allows (1,000 recipients each). Rows whose HTML
 * part `emailParts` can build (campaign emails) share their campaign's template, each recipient's
 * own values as substitutions; other rows of one campaign share a request with their own text as
 * a substitution; the rest are grouped by identical subject and body, as one message. Nothing is
 * sent here: the dispatcher builds a batch's requests while the previous batch's are in flight.
 */
export async function buildEmailRequests(
  deps: DispatchDeps,
  shop: string,
  rows: ClaimedMessage[],
  opts: DispatchOptions,
): Promise<EmailRequests> {
  if (rows.length === 0) return NO_EMAILS;
  const sender = deps.email;
  if (!sender)
    return {
      requests: [],
      settled: rows.map((message) => ({
        message,
        outcome: outcomeOf(
          { kind: "retryable", reason: "Email is not set up for this shop", retryAfterSeconds: 3600 },
          message.attempts,
          deps.clock.now(),
          opts.retry,
        ),
      })),
    };
  const parts = deps.emailParts ? await deps.emailParts(shop, rows) : new Map<string, RowEmail>();
  const groups = new Map<string, { template: BatchTemplate; recipients: BatchRecipient<ClaimedMessage>[] }>();
  for (const row of rows) {
    const part = parts.get(row.id);
    const campaignId = campaignIdOf(row.idempotencyKey);
    const key = part ? part.templateKey : campaignId ? `text:${campaignId}` : `same:${row.subject ?? ""}\u0000${row.body}`;
    const group = groups.get(key) ?? { template: part ? part.template : TEXT_ONLY, recipients: [] };
    groups.set(key, group);
    group.recipients.push({
      ref: row,
      to: { email: row.recipient, customArgs: { flock_outbox_id: row.id, shop: row.shop } },
      subject: part ? part.subject : (row.subject ?? ""),
      html: part ? part.html : [],
      text: part ? part.text : [row.body],
      headers: part ? part.headers : {},
    });
  }
  const requests: EmailRequests["requests"] = [];
  for (const group of groups.values()) {
    for (const batch of batchEmails(group.template, group.recipients)) {
      const message: EmailMessage = {
        from: sender.from,
        ...(sender.replyTo ? { replyTo: sender.replyTo } : {}),
        subject: batch.subject,
        text: batch.text,
        ...(batch.html !== undefined ? { html: batch.html } : {}),
        recipients: batch.recipients,
        ...(sender.unsubscribeGroupId !== undefined ? { unsubscribeGroupId: sender.unsubscribeGroupId } : {}),
      };
      requests.push({ message, refs: batch.refs });
    }
  }
  return { settled: [], requests };
}

/** The built requests one after another through the shop's email channel, each row's outcome from its request's answer. */
export async function sendEmailRequests(deps: DispatchDeps, built: EmailRequests, opts: DispatchOptions): Promise<Settled[]> {
  const settled: Settled[] = [...built.settled];
  const sender = deps.email;
  if (!sender || built.requests.length === 0) return settled;
  for (const { message, refs } of built.requests) {
    const results = await sender.channel.sendEmail(message);
    // Each request carried the next `recipients.length` rows of the batch, in order.
    let offset = 0;
    for (const result of results) {
      const now = deps.clock.now();
      const end = Math.min(offset + result.recipients.length, refs.length);
      for (let i = offset; i < end; i++) {
        const row = refs[i] as ClaimedMessage;
        settled.push({ message: row, outcome: emailOutcome(result.result, row, now, opts.retry) });
      }
      offset += result.recipients.length;
    }
    for (let i = offset; i < refs.length; i++)
      settled.push({
        message: refs[i] as ClaimedMessage,
        outcome: { kind: "unknown", error: "The channel returned no result for this recipient" },
      });
  }
  return settled;
}

function emailOutcome(result: SendResult, row: ClaimedMessage, now: Date, retry: RetryPolicy): AttemptOutcome {
  return outcomeOf(result, row.attempts, now, retry);
}
