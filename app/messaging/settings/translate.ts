// Provider answers to a test message, in words that say what to do next.
// Twilio codes: https://www.twilio.com/docs/api/errors ; SendGrid: HTTP status of Mail Send.
import type { SendResult } from "../channel";

const TWILIO_ADVICE: Record<string, string> = {
  "20003":
    "Twilio did not accept the Account SID and Auth Token (error 20003). Check both in the Twilio Console under Account info; an API key needs its own SID and secret.",
  "20404": "Twilio does not know this account or Messaging Service (error 20404). Check the Account SID and the sender.",
  "21211": "That phone number is not valid (error 21211). Enter it in international format, e.g. +14155550123.",
  "21212": "Twilio does not accept this sender (error 21212). Use a number, short code or sender ID of your Twilio account.",
  "21606":
    "The sender is not an SMS-capable number of this account or Messaging Service (error 21606). Pick a number from the Twilio Console → Phone Numbers.",
  "21408": "Your Twilio account may not send to this country (error 21408). Enable it under Messaging → Settings → Geo permissions.",
  "21610": "This phone replied STOP to your sender (error 21610). Text START to the sender from that phone, then try again.",
  "21614": "That number cannot receive SMS (error 21614), for example a landline. Use a mobile number.",
  "21619": "The message was empty (error 21619).",
  "21603": "No sender is set (error 21603). Enter a phone number or Messaging Service SID.",
};

const SENDGRID_ADVICE: Record<string, string> = {
  "401": "SendGrid did not accept the API key. Create one with Mail Send permission in SendGrid → Settings → API Keys and paste it here.",
  "403":
    "SendGrid refused the from address: it is not a verified sender. Verify it in SendGrid → Settings → Sender Authentication, or use one that is.",
};

export type TestOutcome = { ok: true; message: string } | { ok: false; message: string };

export function translateTestResult(provider: "twilio" | "sendgrid", result: SendResult): TestOutcome {
  const name = provider === "twilio" ? "Twilio" : "SendGrid";
  switch (result.kind) {
    case "sent":
      return { ok: true, message: `${name} accepted the test message (${result.providerId}).` };
    case "retryable":
      return {
        ok: false,
        message: `${name} is busy or could not be reached (${result.reason}). Try again${result.retryAfterSeconds !== null ? ` in ${result.retryAfterSeconds} seconds` : " in a minute"}.`,
      };
    case "unknown":
      return {
        ok: false,
        message: `${name} did not answer (${result.reason}); the message may still arrive. Check before sending another.`,
      };
    case "permanent": {
      const advice = (provider === "twilio" ? TWILIO_ADVICE : SENDGRID_ADVICE)[result.code];
      return { ok: false, message: advice ?? `${name} refused the message (${result.code}): ${result.reason}` };
    }
  }
}
