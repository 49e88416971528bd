/**
 * One-click unsubscribe (RFC 8058; Gmail and Yahoo require it of bulk senders since 2024): a
 * `List-Unsubscribe` header with an https URL on Flock's own endpoint, which must accept a POST of
 * `List-Unsubscribe=One-Click`, optionally a mailto, and `List-Unsubscribe-Post`.
 *
 * SendGrid's subscription tracking would add its own link and header, competing with ours and
 * unsubscribing people in SendGrid's list rather than Flock's (whose suppression list and Shopify
 * write-back are the ones that count), so it is switched off on every send.
 */

export interface UnsubscribeTarget {
  /** Flock's one-click endpoint for this recipient and shop: https only (RFC 8058 §3.1). */
  url: string;
  /** Optional mailbox that also unsubscribes, e.g. `unsubscribe@mail.example.com`. */
  mailto?: string;
}

export function listUnsubscribeHeaders(target: UnsubscribeTarget): Record<"List-Unsubscribe" | "List-Unsubscribe-Post", string> {
  if (!/^https:\/\/[^\s<>,]+$/i.test(target.url)) throw new Error(`List-Unsubscribe URL must be https without spaces, got "${target.url}"`);
  const entries = [`<${target.url}>`];
  if (target.mailto !== undefined) {
    if (!/^[^\s@<>,?]+@[^\s@<>,?]+$/.test(target.mailto))
      throw new Error(`List-Unsubscribe mailto must be an address, got "${target.mailto}"`);
    entries.push(`<mailto:${target.mailto}?subject=unsubscribe>`);
  }
  return { "List-Unsubscribe": entries.join(", "), "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

/**
 * Options merged into every SendGrid send (`@sendgrid/mail` naming). Subscription tracking sits
 * under `tracking_settings` in SendGrid's v3 mail/send API (not `mail_settings`).
 *
 * Click tracking is off too: Flock shortens and counts links itself (`/l/<code>`,
 * app/messaging/links), and SendGrid's rewriting would wrap those links in its own redirect
 * (sendgrid.net, not the shop's or the app's domain) and report clicks a second time.
 */
export function sendGridSendOptions(): {
  trackingSettings: { clickTracking: { enable: false; enableText: false }; subscriptionTracking: { enable: false } };
} {
  return { trackingSettings: { clickTracking: { enable: false, enableText: false }, subscriptionTracking: { enable: false } } };
}
