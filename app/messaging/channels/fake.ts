// In-memory channels for domain tests: they record what was sent and answer with whatever
// result the test queued (sent by default), so tests assert behaviour, not SDK calls.
import {
  sent,
  type EmailBatchResult,
  type EmailChannel,
  type EmailMessage,
  type SendResult,
  type SentSmsRecord,
  type SmsChannel,
  type SmsLookup,
  type SmsMessage,
} from "../channel";

export class FakeSmsChannel implements SmsChannel, SmsLookup {
  readonly sent: SmsMessage[] = [];
  /** What the provider would hold a record of: every message that left, with when. */
  private readonly records: (SentSmsRecord & { at: Date | null })[] = [];

  /** `now` stamps the provider's records, as the test's clock; without it every record matches any `since`. */
  constructor(private readonly options: { now?: () => Date } = {}) {}
  private readonly queued: SendResult[] = [];
  private counter = 0;

  /** The next sends answer these results, in order. */
  willAnswer(...results: SendResult[]): this {
    this.queued.push(...results);
    return this;
  }

  async sendSms(message: SmsMessage): Promise<SendResult> {
    const result = this.queued.shift() ?? sent(`SM${(++this.counter).toString(16).padStart(32, "0")}`);
    if (result.kind === "sent" || result.kind === "unknown") {
      this.sent.push(message);
      const providerId = result.kind === "sent" ? result.providerId : `SM${(++this.counter).toString(16).padStart(32, "0")}`;
      this.records.push({ providerId, to: message.to, body: message.body, at: this.options.now?.() ?? null });
    }
    return result;
  }

  async findSent(to: string, since: Date): Promise<SentSmsRecord[]> {
    return this.records
      .filter((r) => r.to === to && (r.at === null || r.at >= since))
      .map(({ providerId, to: number, body }) => ({ providerId, to: number, body }));
  }
}

export class FakeEmailChannel implements EmailChannel {
  readonly sent: EmailMessage[] = [];
  private readonly queued: SendResult[] = [];
  private counter = 0;

  willAnswer(...results: SendResult[]): this {
    this.queued.push(...results);
    return this;
  }

  async sendEmail(message: EmailMessage): Promise<EmailBatchResult[]> {
    const result = this.queued.shift() ?? sent(`fake-${++this.counter}`);
    if (result.kind === "sent" || result.kind === "unknown") this.sent.push(message);
    return [{ recipients: message.recipients.map((r) => r.email), result }];
  }
}
