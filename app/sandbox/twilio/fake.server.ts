// A stateful Twilio Messages API: create, fetch and list (filtered by To, From and DateSent),
// status callbacks queued → sent → delivered/undelivered/failed and inbound messages, both
// posted form-encoded and signed with the account's auth token, opt-outs (21610) and injected
// faults. Prism sits in front of it (stand-in.server.ts); this file answers what the spec
// cannot express. Everything is kept in memory for the demo process and the sandbox page.
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { checkCreateMessage, messageSid, optOutKeyword, readCreateMessage, rfc2822, twilioError, type TwilioErrorBody } from "./rules";
import { signTwilioRequest } from "./signature";
import { json, readBody } from "../http-helpers";

export interface TwilioAccount {
  sid: string;
  authToken: string;
  /** API keys (SK…) that authenticate as this account. */
  apiKeys?: { sid: string; secret: string }[];
  /** Messaging Service SID → its sender numbers. */
  messagingServices?: Record<string, string[]>;
  /** Where inbound messages to this account's numbers are posted (the number's "A message comes in" URL). */
  inboundUrl?: string;
}

export type TwilioFault =
  | { kind: "rate-limit"; retryAfterSeconds: number }
  | { kind: "server-error"; status: number }
  | { kind: "slow"; delayMs: number }
  | { kind: "drop" }
  | { kind: "accept-then-drop" };

export type MessageStatus = "queued" | "sent" | "delivered" | "undelivered" | "failed" | "received";

export interface StoredMessage {
  sid: string;
  accountSid: string;
  direction: "outbound-api" | "inbound";
  from: string | null;
  to: string;
  body: string;
  mediaUrls: string[];
  messagingServiceSid: string | null;
  status: MessageStatus;
  errorCode: number | null;
  dateCreated: Date;
  dateSent: Date | null;
  dateUpdated: Date;
  statusCallback: string | null;
  /** Every webhook this message caused, with the app's answer. */
  webhooks: { status: MessageStatus; url: string; answer: number | string }[];
}

export interface TwilioFakeOptions {
  accounts: TwilioAccount[];
  now?: () => Date;
  /** Delay between status steps; 0 in tests that await `idle()`. */
  stepDelayMs?: number;
  fetch?: typeof fetch;
}

const API = "/2010-04-01/Accounts/";

export class TwilioFake {
  readonly messages: StoredMessage[] = [];
  private readonly accounts: Map<string, TwilioAccount>;
  private readonly optedOut = new Map<string, Set<string>>();
  private readonly outcomes = new Map<string, "undelivered" | "failed">();
  private readonly faults: TwilioFault[] = [];
  private readonly pending = new Set<Promise<unknown>>();
  private readonly now: () => Date;
  private readonly stepDelayMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(options: TwilioFakeOptions) {
    this.accounts = new Map(options.accounts.map((a) => [a.sid, a]));
    this.now = options.now ?? (() => new Date());
    this.stepDelayMs = options.stepDelayMs ?? 300;
    this.fetchImpl = options.fetch ?? fetch;
  }

  /** The next API request gets this fault (faults queue up in order). */
  injectFault(fault: TwilioFault): void {
    this.faults.push(fault);
  }

  /** As if the number texted STOP: sends to it are refused with 21610 until it texts START. */
  optOut(accountSid: string, number: string): void {
    this.optOutSet(accountSid).add(number);
  }

  /** Messages to `number` end undelivered (30003) or failed (30008) instead of delivered. */
  setOutcome(number: string, outcome: "undelivered" | "failed"): void {
    this.outcomes.set(number, outcome);
  }

  /** Resolves once every queued status step and webhook has run. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** A person texts `to` from `from`: stored, opt-out keywords applied, posted signed to the account's inbound URL. */
  async receiveInbound(accountSid: string, from: string, to: string, body: string): Promise<StoredMessage> {
    const account = this.accounts.get(accountSid);
    if (!account) throw new Error(`Unknown Twilio account ${accountSid}`);
    const at = this.now();
    const message: StoredMessage = {
      sid: messageSid(randomBytes(16).toString("hex")),
      accountSid,
      direction: "inbound",
      from,
      to,
      body,
      mediaUrls: [],
      messagingServiceSid: null,
      status: "received",
      errorCode: null,
      dateCreated: at,
      dateSent: at,
      dateUpdated: at,
      statusCallback: null,
      webhooks: [],
    };
    this.messages.push(message);
    const keyword = optOutKeyword(body);
    if (keyword === "stop") this.optOutSet(accountSid).add(from);
    if (keyword === "start") this.optOutSet(accountSid).delete(from);
    if (account.inboundUrl) {
      const params: Record<string, string> = {
        MessageSid: message.sid,
        SmsSid: message.sid,
        SmsMessageSid: message.sid,
        AccountSid: accountSid,
        From: from,
        To: to,
        Body: body,
        NumMedia: "0",
        NumSegments: "1",
        SmsStatus: "received",
        ApiVersion: "2010-04-01",
      };
      if (keyword === "stop" || keyword === "start") params.OptOutType = keyword.toUpperCase();
      await this.post(account, account.inboundUrl, params, message, "received");
    }
    return message;
  }

  /** Node request listener: the Twilio API plus the sandbox's /_sandbox control routes. */
  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    void this.route(req, res).catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, twilioError(500, 20500, `Internal Server Error: ${String(error)}`));
    });
  };

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://twilio.local");
    const raw = await readBody(req);
    if (url.pathname.startsWith("/_sandbox/")) return this.control(req.method ?? "GET", url, raw, res);
    if (!url.pathname.startsWith(API))
      return json(res, 404, twilioError(404, 20404, `The requested resource ${url.pathname} was not found`));
    const fault = this.faults.shift();
    if (fault?.kind === "drop") return void req.socket.destroy();
    if (fault?.kind === "rate-limit") {
      res.setHeader("Retry-After", String(fault.retryAfterSeconds));
      return json(res, 429, twilioError(429, 20429, "Too Many Requests"));
    }
    if (fault?.kind === "server-error")
      return json(res, fault.status, twilioError(fault.status, 20500, "An internal server error has occurred"));
    if (fault?.kind === "slow") await new Promise((resolve) => setTimeout(resolve, fault.delayMs));

    const [accountSid, ...rest] = url.pathname.slice(API.length).split("/");
    const account = accountSid ? this.authenticate(req, accountSid) : null;
    if (!account) return json(res, 401, twilioError(401, 20003, "Authenticate"));
    const resource = rest.join("/");
    const method = req.method ?? "GET";
    let answer: { status: number; body: unknown };
    if (resource === "Messages.json" && method === "POST") answer = this.create(account, new URLSearchParams(raw));
    else if (resource === "Messages.json" && method === "GET") answer = { status: 200, body: this.list(account, url) };
    else if (/^Messages\/SM[0-9a-f]{32}\.json$/.test(resource) && method === "GET") answer = this.fetchOne(account, resource.slice(9, -5));
    else answer = { status: 404, body: twilioError(404, 20404, `The requested resource ${url.pathname} was not found`) };
    // The request took effect; the caller never hears so.
    if (fault?.kind === "accept-then-drop") return void req.socket.destroy();
    json(res, answer.status, answer.body);
  }

  private authenticate(req: IncomingMessage, accountSid: string): TwilioAccount | null {
    const account = this.accounts.get(accountSid);
    const header = req.headers.authorization ?? "";
    if (!account || !header.startsWith("Basic ")) return null;
    const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    const [user, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
    if (user === account.sid && password === account.authToken) return account;
    return account.apiKeys?.some((k) => k.sid === user && k.secret === password) ? account : null;
  }

  private create(account: TwilioAccount, form: URLSearchParams): { status: number; body: unknown } {
    const input = readCreateMessage(form);
    const pools = new Map(Object.entries(account.messagingServices ?? {}));
    const refused: TwilioErrorBody | null = checkCreateMessage(input, pools, this.optOutSet(account.sid));
    if (refused) return { status: refused.status, body: refused };
    const at = this.now();
    const message: StoredMessage = {
      sid: messageSid(randomBytes(16).toString("hex")),
      accountSid: account.sid,
      direction: "outbound-api",
      // With only a Messaging Service, Twilio picks a sender from its pool.
      from: input.from ?? pools.get(input.messagingServiceSid ?? "")?.[0] ?? null,
      to: input.to ?? "",
      body: input.body ?? "",
      mediaUrls: input.mediaUrls,
      messagingServiceSid: input.messagingServiceSid,
      status: "queued",
      errorCode: null,
      dateCreated: at,
      dateSent: null,
      dateUpdated: at,
      statusCallback: form.get("StatusCallback"),
      webhooks: [],
    };
    this.messages.push(message);
    this.track(this.deliver(account, message));
    return { status: 201, body: messageJson(message) };
  }

  private async deliver(account: TwilioAccount, message: StoredMessage): Promise<void> {
    const final = this.outcomes.get(message.to) ?? "delivered";
    const steps: MessageStatus[] = ["queued", "sent", final];
    for (const status of steps) {
      if (status !== "queued") await new Promise((resolve) => setTimeout(resolve, this.stepDelayMs));
      message.status = status;
      message.dateUpdated = this.now();
      if (status === "sent") message.dateSent = message.dateUpdated;
      if (status === "undelivered") message.errorCode = 30003;
      if (status === "failed") message.errorCode = 30008;
      if (!message.statusCallback) continue;
      const params: Record<string, string> = {
        MessageSid: message.sid,
        SmsSid: message.sid,
        AccountSid: account.sid,
        From: message.from ?? "",
        To: message.to,
        MessageStatus: status,
        SmsStatus: status,
        ApiVersion: "2010-04-01",
      };
      if (message.messagingServiceSid) params.MessagingServiceSid = message.messagingServiceSid;
      if (message.errorCode !== null) params.ErrorCode = String(message.errorCode);
      await this.post(account, message.statusCallback, params, message, status);
    }
  }

  private async post(
    account: TwilioAccount,
    url: string,
    params: Record<string, string>,
    message: StoredMessage,
    status: MessageStatus,
  ): Promise<void> {
    const signature = signTwilioRequest(account.authToken, url, params);
    try {
      const response = await this.fetchImpl(url, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-twilio-signature": signature,
          "i-twilio-idempotency-token": `${message.sid}-${status}`,
        },
        body: new URLSearchParams(params).toString(),
      });
      await response.arrayBuffer();
      message.webhooks.push({ status, url, answer: response.status });
    } catch (error) {
      message.webhooks.push({ status, url, answer: `not delivered: ${String(error)}` });
    }
  }

  private list(account: TwilioAccount, url: URL): unknown {
    const q = url.searchParams;
    const to = q.get("To");
    const from = q.get("From");
    const day = q.get("DateSent");
    const onOrBefore = q.get("DateSent<");
    const onOrAfter = q.get("DateSent>");
    const pageSize = Math.min(1000, Math.max(1, Number(q.get("PageSize") ?? 50)));
    const page = Math.max(0, Number(q.get("Page") ?? 0));
    const matches = this.messages
      .filter((m) => m.accountSid === account.sid)
      .filter((m) => (to ? m.to === to : true) && (from ? m.from === from : true))
      .filter((m) => (day ? m.dateSent !== null && sameUtcDay(m.dateSent, day) : true))
      .filter((m) => (onOrBefore ? m.dateSent !== null && m.dateSent <= boundary(onOrBefore, "end") : true))
      .filter((m) => (onOrAfter ? m.dateSent !== null && m.dateSent >= boundary(onOrAfter, "start") : true))
      // Twilio lists the newest first.
      .sort((a, b) => b.dateCreated.getTime() - a.dateCreated.getTime());
    const slice = matches.slice(page * pageSize, (page + 1) * pageSize);
    const base = `${API}${account.sid}/Messages.json`;
    const pageUri = (n: number) => {
      const params = new URLSearchParams(q);
      params.set("PageSize", String(pageSize));
      params.set("Page", String(n));
      params.delete("PageToken");
      if (n > 0) params.set("PageToken", `PA${slice[0]?.sid ?? ""}`);
      return `${base}?${params.toString()}`;
    };
    return {
      end: page * pageSize + Math.max(0, slice.length - 1),
      first_page_uri: pageUri(0),
      next_page_uri: (page + 1) * pageSize < matches.length ? pageUri(page + 1) : null,
      page,
      page_size: pageSize,
      previous_page_uri: page > 0 ? pageUri(page - 1) : null,
      start: page * pageSize,
      uri: pageUri(page),
      messages: slice.map(messageJson),
    };
  }

  private fetchOne(account: TwilioAccount, sid: string): { status: number; body: unknown } {
    const message = this.messages.find((m) => m.sid === sid && m.accountSid === account.sid);
    if (!message)
      return {
        status: 404,
        body: twilioError(404, 20404, `The requested resource ${API}${account.sid}/Messages/${sid}.json was not found`),
      };
    return { status: 200, body: messageJson(message) };
  }

  private async control(method: string, url: URL, raw: string, res: ServerResponse): Promise<void> {
    if (method === "GET" && url.pathname === "/_sandbox/messages") {
      return json(res, 200, {
        messages: this.messages.map((m) => ({
          ...m,
          optedOut: this.optOutSet(m.accountSid).has(m.direction === "inbound" ? (m.from ?? "") : m.to),
        })),
      });
    }
    const input = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const text = (key: string) => (typeof input[key] === "string" ? input[key] : "");
    if (method === "POST" && url.pathname === "/_sandbox/inbound") {
      const message = await this.receiveInbound(text("accountSid"), text("from"), text("to"), text("body"));
      return json(res, 200, { sid: message.sid, webhooks: message.webhooks });
    }
    if (method === "POST" && url.pathname === "/_sandbox/opt-outs") {
      this.optOut(text("accountSid"), text("number"));
      return json(res, 200, { ok: true });
    }
    if (method === "POST" && url.pathname === "/_sandbox/faults") {
      this.injectFault(input as TwilioFault);
      return json(res, 200, { ok: true });
    }
    json(res, 404, { error: `No sandbox route ${method} ${url.pathname}` });
  }

  private optOutSet(accountSid: string): Set<string> {
    let set = this.optedOut.get(accountSid);
    if (!set) this.optedOut.set(accountSid, (set = new Set()));
    return set;
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }
}

/** The message resource as Twilio's API writes it (`api.v2010.account.message`). */
export function messageJson(m: StoredMessage): Record<string, unknown> {
  const uri = `${API}${m.accountSid}/Messages/${m.sid}.json`;
  return {
    account_sid: m.accountSid,
    api_version: "2010-04-01",
    body: m.body,
    date_created: rfc2822(m.dateCreated),
    date_sent: m.dateSent ? rfc2822(m.dateSent) : null,
    date_updated: rfc2822(m.dateUpdated),
    direction: m.direction,
    error_code: m.errorCode,
    error_message: null,
    from: m.from,
    messaging_service_sid: m.messagingServiceSid,
    num_media: String(m.mediaUrls.length),
    num_segments: String(m.body.length <= 160 ? 1 : Math.ceil(m.body.length / 153)),
    price: null,
    price_unit: "USD",
    sid: m.sid,
    status: m.status,
    subresource_uris: { media: uri.replace(/\.json$/, "/Media.json") },
    to: m.to,
    uri,
  };
}

function sameUtcDay(date: Date, value: string): boolean {
  return date.toISOString().slice(0, 10) === value.slice(0, 10);
}

/** A bare date bounds the whole day; a date-time bounds that instant. */
function boundary(value: string, side: "start" | "end"): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T${side === "start" ? "00:00:00.000" : "23:59:59.999"}Z`);
  return new Date(value);
}
