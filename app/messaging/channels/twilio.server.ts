// SMS through the official `twilio` SDK. Twilio has no base-URL option, so the sandbox and the
// tests reach the stand-in through a RequestClient subclass that rewrites the origin; auth and
// form encoding stay the SDK's own. Every outcome becomes a SendResult.
import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";
import {
  permanent,
  retryable,
  sent,
  type SendResult,
  type SentSmsRecord,
  type SmsChannel,
  type SmsLookup,
  type SmsMessage,
} from "../channel";
import { isNetworkError, networkFailure } from "./network-error";

export type TwilioAuth = { accountSid: string; authToken: string } | { accountSid: string; apiKeySid: string; apiKeySecret: string };

/** Exactly one sender: Twilio's own rule is From or a Messaging Service. */
export type TwilioSender = { from: string } | { messagingServiceSid: string };

export interface TwilioChannelOptions {
  auth: TwilioAuth;
  sender: TwilioSender;
  /** Another origin for api.twilio.com (the sandbox stand-in); production leaves it unset. */
  origin?: string;
  timeoutMs?: number;
}

class RateLimited extends Error {
  constructor(readonly retryAfterSeconds: number | null) {
    super("Twilio answered 429 Too Many Requests");
  }
}

/** The SDK's RestException drops response headers; Retry-After is read here first. */
function requestClient(origin: string | undefined, timeoutMs: number): RequestClient {
  class FlockRequestClient extends twilio.RequestClient {
    override async request<TData>(opts: RequestClient.RequestOptions<TData>) {
      if (origin) {
        const url = new URL(opts.uri);
        opts.uri = `${origin}${url.pathname}${url.search}`;
      }
      const response = await super.request(opts);
      if (response.statusCode === 429) {
        const header = (response.headers as Record<string, unknown> | undefined)?.["retry-after"];
        const seconds = Number(header);
        throw new RateLimited(Number.isFinite(seconds) && seconds >= 0 ? seconds : null);
      }
      return response;
    }
  }
  return new FlockRequestClient({ timeout: timeoutMs });
}

export function createTwilioChannel(options: TwilioChannelOptions): SmsChannel & SmsLookup {
  const { auth } = options;
  const httpClient = requestClient(options.origin, options.timeoutMs ?? 15_000);
  const client =
    "authToken" in auth
      ? twilio(auth.accountSid, auth.authToken, { httpClient })
      : twilio(auth.apiKeySid, auth.apiKeySecret, { accountSid: auth.accountSid, httpClient });
  return {
    async sendSms(message: SmsMessage): Promise<SendResult> {
      try {
        const created = await client.messages.create({
          to: message.to,
          body: message.body,
          ...("from" in options.sender ? { from: options.sender.from } : { messagingServiceSid: options.sender.messagingServiceSid }),
          ...(message.statusCallback ? { statusCallback: message.statusCallback } : {}),
          ...(message.validityPeriodSeconds !== undefined ? { validityPeriod: message.validityPeriodSeconds } : {}),
        });
        return sent(created.sid);
      } catch (error) {
        return twilioFailure(error);
      }
    },
    async findSent(to: string, since: Date): Promise<SentSmsRecord[]> {
      // DateSent> is day-granular ("on or after" a date) and a message still in Twilio's queue has
      // no DateSent yet, so the newest page for the number is read as well; both are filtered here
      // to messages created since the attempt.
      const [bySentDate, newest] = await Promise.all([
        client.messages.list({ to, dateSentAfter: since, limit: 1000 }),
        client.messages.list({ to, limit: 50 }),
      ]);
      const found = new Map<string, SentSmsRecord>();
      for (const m of [...bySentDate, ...newest]) {
        if (m.direction === "inbound" || m.dateCreated.getTime() < since.getTime() - 1000) continue;
        found.set(m.sid, { providerId: m.sid, to: m.to, body: m.body });
      }
      return [...found.values()];
    },
  };
}

interface RestExceptionLike {
  status: number;
  code?: number;
  message: string;
}

function isRestException(error: unknown): error is RestExceptionLike {
  return error instanceof Error && typeof (error as { status?: unknown }).status === "number";
}

export function twilioFailure(error: unknown): SendResult {
  if (error instanceof RateLimited) return retryable("Twilio rate limit (429)", error.retryAfterSeconds);
  if (isRestException(error)) {
    if (error.status >= 500) return retryable(`Twilio ${error.status}: ${error.message}`);
    return permanent(String(error.code ?? error.status), error.message);
  }
  if (isNetworkError(error)) return networkFailure(error);
  throw error;
}
