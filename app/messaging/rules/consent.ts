/**
 * Whether a message may go to an address at all (DESIGN.md "Messaging rules that never bend").
 * Checked again at dispatch, not only when the audience is frozen.
 *
 * Kinds:
 * - `marketing`: campaigns and abandoned-checkout steps. Needs the channel's marketing consent
 *   (Shopify's `SUBSCRIBED` state) and is stopped by the suppression list and a paused shop.
 * - `transactional`: the one-off confirmation of a double opt-in ("Reply Y to confirm") and
 *   replies to HELP. They answer the recipient's own message, so they need no marketing consent,
 *   and a paused shop does not hold them; a suppressed address (STOP, bounce, spam report) still
 *   gets nothing, except that carriers require HELP to be answered even after STOP — the HELP
 *   reply is `help_reply`, the only kind the suppression list does not stop.
 */

export type MessageChannel = "sms" | "email";
export type MessageKind = "marketing" | "transactional" | "help_reply";
export type MarketingState = "subscribed" | "not_subscribed" | "pending" | "unsubscribed" | "redacted" | "invalid";

export interface ConsentContact {
  /** E.164 phone or email address; null when the customer has none for this channel. */
  address: string | null;
  marketingState: MarketingState;
}

export interface ConsentContext {
  /** Normalised addresses (E.164, lower-case email) on the shop's suppression list. */
  suppressed: ReadonlySet<string>;
  shopPaused: boolean;
}

export type ConsentDecision = { ok: true } | { ok: false; reason: "no_consent" | "suppressed" | "paused" | "invalid_address" };

const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normaliseAddress(channel: MessageChannel, address: string): string {
  return channel === "email" ? address.trim().toLowerCase() : address.trim();
}

/** Pure: the answer depends only on its arguments. */
export function checkConsent(
  channel: MessageChannel,
  kind: MessageKind,
  contact: ConsentContact,
  context: ConsentContext,
): ConsentDecision {
  if (contact.address === null || !(channel === "sms" ? E164 : EMAIL).test(contact.address.trim()))
    return { ok: false, reason: "invalid_address" };
  if (kind !== "help_reply" && context.suppressed.has(normaliseAddress(channel, contact.address)))
    return { ok: false, reason: "suppressed" };
  if (kind !== "marketing") return { ok: true };
  if (context.shopPaused) return { ok: false, reason: "paused" };
  if (contact.marketingState !== "subscribed") return { ok: false, reason: "no_consent" };
  return { ok: true };
}
