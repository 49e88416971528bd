// What Twilio checks on Messages create that its OpenAPI spec cannot express (one-of senders,
// E.164, body-or-media, opt-outs), answered with Twilio's own error codes and shape.
// https://www.twilio.com/docs/api/errors
import { isPossiblePhoneNumber } from "libphonenumber-js";

export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

export function twilioError(status: number, code: number, message: string): TwilioErrorBody {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

const E164 = /^\+[1-9]\d{1,14}$/;
// Alphanumeric sender IDs: up to 11 characters, letters, digits and spaces, at least one letter.
const ALPHANUMERIC_SENDER = /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/;
const MESSAGING_SERVICE_SID = /^MG[0-9a-fA-F]{32}$/;

export function isE164(number: string): boolean {
  return E164.test(number) && isPossiblePhoneNumber(number);
}

export interface CreateMessageInput {
  to: string | null;
  from: string | null;
  messagingServiceSid: string | null;
  body: string | null;
  mediaUrls: string[];
}

export function readCreateMessage(form: URLSearchParams): CreateMessageInput {
  return {
    to: form.get("To"),
    from: form.get("From"),
    messagingServiceSid: form.get("MessagingServiceSid"),
    body: form.get("Body"),
    mediaUrls: form.getAll("MediaUrl"),
  };
}

/**
 * The first rule the request breaks, in the order Twilio reports them, or null.
 * `servicePool` lists the numbers of each Messaging Service: Twilio accepts From together with
 * MessagingServiceSid only when From belongs to that service.
 */
export function checkCreateMessage(
  input: CreateMessageInput,
  servicePool: ReadonlyMap<string, readonly string[]>,
  optedOut: ReadonlySet<string>,
): TwilioErrorBody | null {
  if (!input.to) return twilioError(400, 21604, "A 'To' phone number is required.");
  if (!isE164(input.to)) return twilioError(400, 21211, `The 'To' number ${input.to} is not a valid phone number.`);
  if (!input.from && !input.messagingServiceSid)
    return twilioError(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a message.");
  if (input.messagingServiceSid) {
    if (!MESSAGING_SERVICE_SID.test(input.messagingServiceSid))
      return twilioError(400, 21705, `The Messaging Service ${input.messagingServiceSid} is invalid.`);
    const pool = servicePool.get(input.messagingServiceSid);
    if (!pool) return twilioError(404, 20404, `The requested resource /Services/${input.messagingServiceSid} was not found`);
    if (input.from && !pool.includes(input.from)) {
      return twilioError(
        400,
        21606,
        `The From phone number ${input.from} is not a valid, SMS-capable phone number of Messaging Service ${input.messagingServiceSid}.`,
      );
    }
  } else if (input.from && !isE164(input.from) && !ALPHANUMERIC_SENDER.test(input.from)) {
    return twilioError(400, 21212, `The 'From' number ${input.from} is not a valid phone number, shortcode, or alphanumeric sender ID.`);
  }
  if ((input.body === null || input.body === "") && input.mediaUrls.length === 0) {
    return twilioError(400, 21619, "A text message body or media urls must be specified.");
  }
  if (input.body !== null && input.body.length > 1600)
    return twilioError(400, 21617, "The concatenated message body exceeds the 1600 character limit.");
  if (optedOut.has(input.to)) return twilioError(400, 21610, "Attempt to send to unsubscribed recipient");
  return null;
}

/** Twilio's default opt-out and opt-in keywords (Advanced Opt-Out off): the whole body, any case. */
export function optOutKeyword(body: string): "stop" | "start" | "help" | null {
  const word = body.trim().toUpperCase();
  if (["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "STOP ALL", "OPT OUT"].includes(word)) return "stop";
  if (["START", "YES", "UNSTOP"].includes(word)) return "start";
  if (["HELP", "INFO"].includes(word)) return "help";
  return null;
}

/** SM + 32 hex digits, the shape of every Twilio Message SID. */
export function messageSid(randomHex32: string): string {
  if (!/^[0-9a-f]{32}$/.test(randomHex32)) throw new Error(`Message SID needs 32 hex digits, got ${randomHex32}`);
  return `SM${randomHex32}`;
}

/** RFC 2822 dates as Twilio writes them: "Thu, 24 Aug 2023 05:01:45 +0000". */
export function rfc2822(date: Date): string {
  return date.toUTCString().replace("GMT", "+0000");
}
