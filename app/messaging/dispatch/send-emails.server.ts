// The email half of a dispatcher batch: rows to provider requests, answers to outcomes.
import type { EmailMessage, SendResult } from "../channel";
import { batchEmails, TEXT_ONLY, type BatchRecipient, type BatchTemplate } from "../email/batch";
import type { AttemptOutcome, ClaimedMessage } from "../outbox/outbox-store.server";
import type { RowEmail } from "./campaign-email.server";
import type { DispatchDeps, DispatchOptions } from "./dispatcher.server";
import { campaignIdOf, outcomeOf, type RetryPolicy } from "./policy";

export type Settled = { message: ClaimedMessage; outcome: AttemptOutcome };

/**
 * Email rows in as few requests as the provider allows (1,000 recipients each). Rows whose HTML
 * part `emailParts` can build (campaign emails) share their campaign's template, each recipient's
 * own values as substitutions; other rows of one campaign share a request with their own text as
 * a substitution; the rest are grouped by identical subject and body, as one message.
 */
export async function sendEmails(deps: DispatchDeps, shop: string, rows: ClaimedMessage[], opts: DispatchOptions): Promise<Settled[]> {
  if (rows.length === 0) return [];
  const sender = deps.email;
  if (!sender)
    return rows.map((message) => ({
      message,
      outcome: outcomeOf(
        { kind: "retryable", reason: "Email is not set up for this shop", retryAfterSeconds: 3600 },
        message.attempts,
        deps.clock.now(),
        opts.retry,
      ),
    }));
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
  const settled: Settled[] = [];
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
      const results = await sender.channel.sendEmail(message);
      // Each request carried the next `recipients.length` rows of the batch, in order.
      let offset = 0;
      for (const result of results) {
        for (const row of batch.refs.slice(offset, offset + result.recipients.length)) {
          settled.push({ message: row, outcome: emailOutcome(result.result, row, deps.clock.now(), opts.retry) });
        }
        offset += result.recipients.length;
      }
      for (const row of batch.refs.slice(offset))
        settled.push({ message: row, outcome: { kind: "unknown", error: "The channel returned no result for this recipient" } });
    }
  }
  return settled;
}

function emailOutcome(result: SendResult, row: ClaimedMessage, now: Date, retry: RetryPolicy): AttemptOutcome {
  return outcomeOf(result, row.attempts, now, retry);
}
