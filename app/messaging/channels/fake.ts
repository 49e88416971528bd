// In-memory channels for domain tests: they record what was sent and answer with whatever
// result the test queued (sent by default), so tests assert behaviour, not SDK calls.
import { sent, type EmailBatchResult, type EmailChannel, type EmailMessage, type SendResult, type SmsChannel, type SmsMessage } from "../channel";

export class FakeSmsChannel implements SmsChannel {
  readonly sent: SmsMessage[] = [];
  private readonly queued: SendResult[] = [];
  private counter = 0;

  /** The next sends answer these results, in order. */
  willAnswer(...results: SendResult[]): this {
    this.queued.push(...results);
    return this;
  }

  async sendSms(message: SmsMessage): Promise<SendResult> {
    const result = this.queued.shift() ?? sent(`SM${(++this.counter).toString(16).padStart(32, "0")}`);
    if (result.kind === "sent" || result.kind === "unknown") this.sent.push(message);
    return result;
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
