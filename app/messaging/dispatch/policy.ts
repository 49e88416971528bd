/**
 * PURE rules the dispatcher applies around decideDispatch: what kind of message an outbox key
 * names, what its source wants when the frequency cap is reached, how long a text may wait at
 * the provider, and what a provider's answer means for the row.
 */
import type { SendResult } from "../channel";
import type { AttemptOutcome } from "../outbox/outbox-store.server";
import type { MessageKind } from "../rules/consent";
import type { DispatchMessage } from "../rules/decide-dispatch";

const HOUR = 3_600_000;

/**
 * The key's prefix names the source (outbox-store.server.ts): blasts and abandoned-checkout steps
 * are marketing; `optin:` confirmations and `test:` messages answer the merchant or the person
 * and are transactional; `help:` replies go even after STOP (carriers require HELP answered).
 */
export function messageKindOf(idempotencyKey: string): MessageKind {
  if (idempotencyKey.startsWith("campaign:") || idempotencyKey.startsWith("checkout:")) return "marketing";
  if (idempotencyKey.startsWith("help:")) return "help_reply";
  if (idempotencyKey.startsWith("optin:") || idempotencyKey.startsWith("test:")) return "transactional";
  // An unknown source is held to the strictest rules.
  return "marketing";
}

/** `campaign:<id>:<customer>` → the campaign id; null for other sources. */
export function campaignIdOf(idempotencyKey: string): string | null {
  const match = /^campaign:([^:]+):\d+$/.exec(idempotencyKey);
  return match ? (match[1] as string) : null;
}

/**
 * A blast can wait for the cap (up to three days). An abandoned-checkout step is about a cart the
 * person just left: it may wait for the cap only inside its own window — the row's deadline, the
 * next step's due time, which decideDispatch enforces — and never more than a day; past that it
 * is skipped as capped rather than sent late.
 */
export function capPolicyOf(idempotencyKey: string): DispatchMessage["onCap"] {
  return { mode: "defer", maxWaitMs: (idempotencyKey.startsWith("checkout:") ? 24 : 72) * HOUR };
}

/** Twilio accepts 1–36,000 s; a text should not sit at the provider past its deadline or for hours. */
export const DEFAULT_VALIDITY_SECONDS = 4 * 3600;

export function validityPeriodSeconds(deadline: Date | null, now: Date): number {
  if (deadline === null) return DEFAULT_VALIDITY_SECONDS;
  return Math.min(DEFAULT_VALIDITY_SECONDS, Math.max(1, Math.floor((deadline.getTime() - now.getTime()) / 1000)));
}

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 30_000, maxDelayMs: HOUR };

/** Twilio refuses a number that texted STOP to the sender with 21610: the number is opted out. */
export const TWILIO_OPTED_OUT = "21610";

/** What a provider's answer does to the row; `attempts` counts this one. */
export function outcomeOf(result: SendResult, attempts: number, now: Date, retry: RetryPolicy): AttemptOutcome {
  switch (result.kind) {
    case "sent":
      return { kind: "sent", providerMessageId: result.providerId };
    case "permanent":
      return { kind: "failed", error: `${result.code}: ${result.reason}` };
    case "unknown":
      return { kind: "unknown", error: result.reason };
    case "retryable": {
      if (attempts >= retry.maxAttempts) return { kind: "failed", error: `gave up after ${attempts} attempts: ${result.reason}` };
      const delay =
        result.retryAfterSeconds !== null
          ? result.retryAfterSeconds * 1000
          : Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** Math.max(0, attempts - 1));
      return { kind: "retry", at: new Date(now.getTime() + delay), error: result.reason };
    }
  }
}
