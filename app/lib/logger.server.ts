// Structured logs (pino). Personal data and secrets never reach a log line: known keys are
// censored wherever they appear, and free-text strings are scrubbed of emails and phone numbers.
import pino, { type DestinationStream, type Logger } from "pino";

/** Keys whose values are personal data or secrets, censored at any depth. */
export const SENSITIVE_KEYS = [
  "email",
  "phone",
  "firstName",
  "lastName",
  "first_name",
  "last_name",
  "name",
  "address",
  "address1",
  "address2",
  "city",
  "zip",
  "province",
  "recipient",
  "to",
  "from",
  "body",
  "accessToken",
  "access_token",
  "apiKey",
  "api_key",
  "apiSecret",
  "authToken",
  "auth_token",
  "password",
  "secret",
  "token",
  "authorization",
  "cookie",
  "refreshToken",
  "encrypted",
];

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// International or national phone shapes with at least 7 digits, not part of a path or
// identifier (GIDs such as gid://shopify/Customer/123… must stay readable).
const PHONE = /(?<![\w/#.:-])\+?\(?\d[\d\s().-]{5,}\d(?![\w/])/g;
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}/;

/** Replaces emails and phone numbers inside free text. */
export function scrubText(text: string): string {
  return text.replace(EMAIL, "[email]").replace(PHONE, (m) => (m.replace(/\D/g, "").length >= 7 && !DATE_LIKE.test(m) ? "[phone]" : m));
}

function scrubValue(value: unknown, depth: number): unknown {
  if (depth > 8) return "[depth]";
  if (typeof value === "string") return scrubText(value);
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  if (value instanceof Error) return { type: value.name, message: scrubText(value.message) };
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SENSITIVE_KEYS.includes(k) ? "[redacted]" : scrubValue(v, depth + 1);
    }
    return out;
  }
  return value;
}

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? "info",
      base: { app: "flock" },
      formatters: {
        log: (object) => scrubValue(object, 0) as Record<string, unknown>,
      },
      hooks: {
        // Scrub the message string and any interpolation arguments too.
        logMethod(args, method) {
          const cleaned = args.map((a) => scrubValue(a, 0)) as Parameters<typeof method>;
          return method.apply(this, cleaned);
        },
      },
    },
    options.destination,
  );
}
