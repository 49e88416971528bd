// A stateful SendGrid v3 Mail Send: 202 with X-Message-Id, then Event Webhook batches
// (processed, then delivered, bounce or dropped per recipient) signed with ECDSA P-256; the
// engagement events (open, click, spamreport, unsubscribe, group_unsubscribe) on request from
// the sandbox page or a test. Prism sits in front (stand-in.server.ts). Kept in memory.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { checkMailSend, deliveredMail, type MailSendBody } from "./rules";
import { eventWebhookKeys, signEventBatch, type EventWebhookKeys } from "./sign";
import { json, readBody } from "../http-helpers";

export type SendGridFault =
  | { kind: "rate-limit"; retryAfterSeconds: number }
  | { kind: "server-error"; status: number }
  | { kind: "slow"; delayMs: number }
  | { kind: "drop" }
  | { kind: "accept-then-drop" };

export type EventKind =
  "processed" | "delivered" | "open" | "click" | "bounce" | "dropped" | "spamreport" | "unsubscribe" | "group_unsubscribe";

export interface StoredMail {
  messageId: string;
  receivedAt: Date;
  body: MailSendBody;
  /** Request headers as received, the API key masked. */
  requestHeaders: Record<string, string>;
  events: { event: EventKind; email: string; answer: number | string }[];
}

export interface SendGridFakeOptions {
  apiKeys: string[];
  verifiedSenders: string[];
  /** Where Event Webhook batches go (the account's event webhook URL); none means not sent. */
  eventWebhookUrl?: string;
  keys?: EventWebhookKeys;
  now?: () => Date;
  stepDelayMs?: number;
  fetch?: typeof fetch;
}

export class SendGridFake {
  readonly mails: StoredMail[] = [];
  readonly keys: EventWebhookKeys;
  private readonly faults: SendGridFault[] = [];
  private readonly pending = new Set<Promise<unknown>>();
  private readonly now: () => Date;
  private readonly stepDelayMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: SendGridFakeOptions) {
    this.keys = options.keys ?? eventWebhookKeys();
    this.now = options.now ?? (() => new Date());
    this.stepDelayMs = options.stepDelayMs ?? 300;
    this.fetchImpl = options.fetch ?? fetch;
  }

  injectFault(fault: SendGridFault): void {
    this.faults.push(fault);
  }

  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Posts one signed batch with `event` for a recipient of a stored mail. */
  async emit(messageId: string, email: string, event: EventKind, extra: Record<string, unknown> = {}): Promise<number | string> {
    const mail = this.mails.find((m) => m.messageId === messageId);
    if (!mail) throw new Error(`No mail ${messageId}`);
    return this.postBatch(mail, [{ email, event, extra }]);
  }

  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    void this.route(req, res).catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, { errors: [{ message: `internal error: ${String(error)}` }] });
    });
  };

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://sendgrid.local");
    const raw = await readBody(req);
    if (url.pathname.startsWith("/_sandbox/")) return this.control(req.method ?? "GET", url, raw, res);
    if (url.pathname !== "/v3/mail/send" || req.method !== "POST") return json(res, 404, { errors: [{ message: "not found" }] });
    const fault = this.faults.shift();
    if (fault?.kind === "drop") return void req.socket.destroy();
    if (fault?.kind === "rate-limit") {
      res.setHeader("Retry-After", String(fault.retryAfterSeconds));
      return json(res, 429, { errors: [{ message: "too many requests" }] });
    }
    if (fault?.kind === "server-error") return json(res, fault.status, { errors: [{ message: "internal error" }] });
    if (fault?.kind === "slow") await new Promise((resolve) => setTimeout(resolve, fault.delayMs));

    const auth = req.headers.authorization ?? "";
    if (!auth.startsWith("Bearer ") || !this.options.apiKeys.includes(auth.slice(7))) {
      return json(res, 401, { errors: [{ message: "The provided authorization grant is invalid, expired, or revoked" }] });
    }
    const body = JSON.parse(raw) as MailSendBody;
    const refused = checkMailSend(body, this.options.verifiedSenders);
    if (refused) return json(res, refused.status, { errors: refused.errors });
    // SendGrid's message ids are 22 characters of URL-safe base64.
    const messageId = randomBytes(16).toString("base64url").slice(0, 22);
    const requestHeaders = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, k === "authorization" ? "Bearer ••••" : String(v)]),
    );
    const mail: StoredMail = { messageId, receivedAt: this.now(), body, requestHeaders, events: [] };
    this.mails.push(mail);
    this.track(this.deliver(mail));
    if (fault?.kind === "accept-then-drop") return void req.socket.destroy();
    res.writeHead(202, { "x-message-id": messageId });
    res.end();
  }

  private async deliver(mail: StoredMail): Promise<void> {
    const recipients = (mail.body.personalizations ?? []).flatMap((p) => (p.to ?? []).map((to) => to.email));
    await new Promise((resolve) => setTimeout(resolve, this.stepDelayMs));
    await this.postBatch(
      mail,
      recipients.filter((email) => !email.includes("+dropped")).map((email) => ({ email, event: "processed" as const })),
    );
    await new Promise((resolve) => setTimeout(resolve, this.stepDelayMs));
    await this.postBatch(
      mail,
      recipients.map((email) => ({ email, event: finalEvent(email) })),
    );
  }

  private async postBatch(
    mail: StoredMail,
    items: { email: string; event: EventKind; extra?: Record<string, unknown> }[],
  ): Promise<number | string> {
    const url = this.options.eventWebhookUrl;
    if (!url || items.length === 0) return "no event webhook";
    const timestamp = String(Math.floor(this.now().getTime() / 1000));
    const events = items.map(({ email, event, extra }) => this.eventJson(mail, email, event, Number(timestamp), extra ?? {}));
    // SendGrid's batches end with CRLF, and the signature covers those bytes too.
    const rawBody = `${JSON.stringify(events)}\r\n`;
    let answer: number | string;
    try {
      const response = await this.fetchImpl(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-twilio-email-event-webhook-signature": signEventBatch(this.keys.privateKey, timestamp, rawBody),
          "x-twilio-email-event-webhook-timestamp": timestamp,
        },
        body: rawBody,
      });
      await response.arrayBuffer();
      answer = response.status;
    } catch (error) {
      answer = `not delivered: ${String(error)}`;
    }
    for (const item of items) mail.events.push({ event: item.event, email: item.email, answer });
    return answer;
  }

  private eventJson(
    mail: StoredMail,
    email: string,
    event: EventKind,
    timestamp: number,
    extra: Record<string, unknown>,
  ): Record<string, unknown> {
    const personalization = (mail.body.personalizations ?? []).find((p) => (p.to ?? []).some((to) => to.email === email));
    const base: Record<string, unknown> = {
      // Custom args arrive as top-level fields of each event, the personalization's over the message's.
      ...mail.body.custom_args,
      ...personalization?.custom_args,
      email,
      timestamp,
      event,
      "smtp-id": `<${mail.messageId}@ismtpd0001p1sandbox.sendgrid.net>`,
      sg_event_id: randomBytes(16).toString("base64url"),
      sg_message_id: `${mail.messageId}.filterdrecv-sandbox-1-0.0`,
    };
    if (mail.body.categories) base.category = mail.body.categories;
    if (mail.body.asm) base.asm_group_id = mail.body.asm.group_id;
    if (event === "delivered") base.response = "250 OK";
    if (event === "bounce")
      Object.assign(base, {
        reason: "550 5.1.1 The email account that you tried to reach does not exist.",
        status: "5.1.1",
        type: "bounce",
      });
    if (event === "dropped") base.reason = "Bounced Address";
    return { ...base, ...extra };
  }

  private async control(method: string, url: URL, raw: string, res: ServerResponse): Promise<void> {
    if (method === "GET" && url.pathname === "/_sandbox/mails") return json(res, 200, { mails: this.mails.map(withDeliveries) });
    const input = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    if (method === "POST" && url.pathname === "/_sandbox/events") {
      const answer = await this.emit(
        String(input.messageId),
        String(input.email),
        String(input.event) as EventKind,
        input.url ? { url: input.url } : {},
      );
      return json(res, 200, { answer });
    }
    if (method === "POST" && url.pathname === "/_sandbox/faults") {
      this.injectFault(input as SendGridFault);
      return json(res, 200, { ok: true });
    }
    json(res, 404, { error: `No sandbox route ${method} ${url.pathname}` });
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }
}

/** A stored request with what each personalization's recipients received (substitutions applied). */
function withDeliveries(mail: StoredMail): StoredMail & { deliveries: ReturnType<typeof deliveredMail>[] } {
  return { ...mail, deliveries: (mail.body.personalizations ?? []).map((_, i) => deliveredMail(mail.body, i)) };
}

/** Addresses with +bounce or +dropped in the local part end that way, everything else is delivered. */
function finalEvent(email: string): EventKind {
  if (email.includes("+bounce")) return "bounce";
  if (email.includes("+dropped")) return "dropped";
  return "delivered";
}
