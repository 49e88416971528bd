// Email through the official @sendgrid/client Client (setApiKey() first, then the base URL:
// setApiKey resets it), the body built by @sendgrid/helpers' Mail class as @sendgrid/mail's
// send() builds it, but for the personalizations (see mailBody). One request per 1,000
// recipients, one personalization each, so each recipient's custom_args come back on its events;
// a recipient's own subject, headers and substitutions go in their personalization.
import { Client } from "@sendgrid/client";
import type { MailDataRequired } from "@sendgrid/mail";
import { Mail } from "@sendgrid/helpers/classes";
import {
  permanent,
  retryable,
  sent,
  unknown,
  type EmailBatchResult,
  type EmailChannel,
  type EmailMessage,
  type SendResult,
} from "../channel";
import { sendGridSendOptions } from "../email/headers";
import { isNetworkError, networkFailure } from "./network-error";

export const MAX_PERSONALIZATIONS = 1000;

export interface SendGridChannelOptions {
  apiKey: string;
  /** Another origin for api.sendgrid.com (the sandbox stand-in); production leaves it unset. */
  origin?: string;
  timeoutMs?: number;
}

export function createSendGridChannel(options: SendGridChannelOptions): EmailChannel {
  const client = new Client();
  client.setApiKey(options.apiKey);
  if (options.origin) client.setDefaultRequest("baseUrl", options.origin);
  return {
    async sendEmail(message: EmailMessage): Promise<EmailBatchResult[]> {
      const results: EmailBatchResult[] = [];
      for (let start = 0; start < message.recipients.length; start += MAX_PERSONALIZATIONS) {
        const batch = message.recipients.slice(start, start + MAX_PERSONALIZATIONS);
        const result = await withTimeout(sendBatchOnce(client, message, batch), options.timeoutMs ?? 15_000);
        results.push({ recipients: batch.map((r) => r.email), result });
      }
      return results;
    },
  };
}

// @sendgrid/client has no typed timeout option; past the deadline we stop waiting, and since the
// request has left, its outcome is unknown.
async function withTimeout(work: Promise<SendResult>, timeoutMs: number): Promise<SendResult> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<SendResult>((resolve) => {
    timer = setTimeout(() => resolve(unknown(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A kept-alive connection the server closed as idle just as the request went out is reset before
 * the server read anything (Node marks the request's socket `reusedSocket`): that request never
 * arrived, so it goes once more on a fresh connection. Any other failure after sending stays
 * unknown: an email is never sent twice on a guess.
 */
async function sendBatchOnce(client: Client, message: EmailMessage, batch: EmailMessage["recipients"]): Promise<SendResult> {
  try {
    return await sendBatch(client, message, batch);
  } catch (error) {
    if (!isStaleConnectionReset(error)) return sendGridFailure(error);
    try {
      return await sendBatch(client, message, batch);
    } catch (again) {
      return isStaleConnectionReset(again)
        ? retryable("SendGrid closed the connection twice before reading the request (ECONNRESET on a reused connection)")
        : sendGridFailure(again);
    }
  }
}

interface ResetRequest {
  reusedSocket?: unknown;
  /** axios sends through follow-redirects, whose request wraps Node's own. */
  _currentRequest?: { reusedSocket?: unknown };
}

export function isStaleConnectionReset(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, request, response } = error as { code?: unknown; request?: ResetRequest; response?: unknown };
  const reused = request?.reusedSocket ?? request?._currentRequest?.reusedSocket;
  return code === "ECONNRESET" && response === undefined && reused === true;
}

async function sendBatch(client: Client, message: EmailMessage, batch: EmailMessage["recipients"]): Promise<SendResult> {
  const [response] = await client.request({ method: "POST", url: "/v3/mail/send", body: mailBody(message, batch) });
  const id = response.headers["x-message-id"];
  return typeof id === "string" ? sent(id) : permanent("no-message-id", "SendGrid accepted the request without an X-Message-Id");
}

/**
 * The Mail v3 body. The SDK's Mail helper builds everything but the personalizations (it is given
 * the first recipient only); those are written here as the helper writes them. The helper
 * deep-cloned and re-keyed all 1,000 personalizations of a request (~35 ms of the dispatcher's
 * CPU per request under load); sendgrid.test.ts checks the result equals the helper's own.
 */
export function mailBody(message: EmailMessage, batch: EmailMessage["recipients"]): object {
  const first = batch[0];
  if (!first) throw new Error("A SendGrid request needs at least one recipient");
  const envelope = Mail.create(mailData(message, [first])).toJSON();
  return { ...envelope, personalizations: batch.map(personalizationJson) };
}

/** What @sendgrid/mail's send() is given for these recipients. */
export function mailData(message: EmailMessage, batch: EmailMessage["recipients"]): MailDataRequired {
  return {
    from: message.from,
    ...(message.replyTo ? { replyTo: message.replyTo } : {}),
    subject: message.subject,
    content: [{ type: "text/plain", value: message.text }, ...(message.html ? [{ type: "text/html", value: message.html }] : [])],
    personalizations: batch.map((r) => ({
      to: [{ email: r.email, ...(r.name ? { name: r.name } : {}) }],
      ...(r.customArgs ? { customArgs: r.customArgs } : {}),
      ...(r.subject !== undefined ? { subject: r.subject } : {}),
      ...(r.headers ? { headers: r.headers } : {}),
      ...(r.substitutions ? { substitutions: r.substitutions } : {}),
    })),
    // The SDK wraps substitution keys in `{{ }}` unless told otherwise; ours are whole tags.
    substitutionWrappers: ["", ""],
    ...(message.headers ? { headers: message.headers } : {}),
    ...(message.categories ? { categories: message.categories } : {}),
    ...(message.customArgs ? { customArgs: message.customArgs } : {}),
    ...(message.unsubscribeGroupId !== undefined ? { asm: { groupId: message.unsubscribeGroupId } } : {}),
    ...sendGridSendOptions(),
  };
}

/** One recipient's personalization as the Mail helper writes it (empty objects left out). */
function personalizationJson(r: EmailMessage["recipients"][number]): Record<string, unknown> {
  const json: Record<string, unknown> = { to: [{ email: r.email, ...(r.name ? { name: r.name } : {}) }] };
  if (r.headers && Object.keys(r.headers).length > 0) json.headers = r.headers;
  if (r.substitutions && Object.keys(r.substitutions).length > 0) json.substitutions = r.substitutions;
  if (r.customArgs && Object.keys(r.customArgs).length > 0) json.custom_args = r.customArgs;
  if (r.subject !== undefined) json.subject = r.subject;
  return json;
}

interface ResponseErrorLike {
  code: number;
  message: string;
  response: { headers: Record<string, unknown>; body: unknown };
}

function isResponseError(error: unknown): error is ResponseErrorLike {
  return (
    error instanceof Error &&
    typeof (error as { code?: unknown }).code === "number" &&
    typeof (error as { response?: unknown }).response === "object"
  );
}

function firstErrorMessage(body: unknown): string | null {
  if (typeof body !== "object" || body === null || !("errors" in body) || !Array.isArray(body.errors)) return null;
  const first: unknown = body.errors[0];
  if (typeof first !== "object" || first === null) return null;
  const message = "message" in first && typeof first.message === "string" ? first.message : "";
  const field = "field" in first && typeof first.field === "string" ? ` (${first.field})` : "";
  return `${message}${field}`;
}

export function sendGridFailure(error: unknown): SendResult {
  if (isResponseError(error)) {
    const reason = firstErrorMessage(error.response.body) ?? error.message;
    if (error.code === 429) {
      const seconds = Number(error.response.headers["retry-after"]);
      return retryable("SendGrid rate limit (429)", Number.isFinite(seconds) && seconds >= 0 ? seconds : null);
    }
    if (error.code >= 500) return retryable(`SendGrid ${error.code}: ${reason}`);
    return permanent(String(error.code), reason);
  }
  if (isNetworkError(error)) return networkFailure(error);
  throw error;
}
