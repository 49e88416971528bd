// What an unsubscribe link does: the token says who (shop, channel, customer or address); the
// address goes on the suppression list and every customer with it loses that channel's marketing
// consent, each change written back to Shopify by its job. Doing it twice changes nothing more.
import type { Db } from "~/db/db.server";
import { changeConsent, customersWithAddress, suppress, type ConsentDeps } from "./consent-store.server";
import { verifyUnsubscribeToken, type UnsubscribeTarget } from "./unsubscribe-token";

export const UNSUBSCRIBE_REASON = "unsubscribe_link";

export interface UnsubscribeView {
  channel: UnsubscribeTarget["channel"];
  shopName: string;
}

/** What the page shows, or null for a forged or tampered token (403). Changes nothing. */
export async function unsubscribeView(deps: Pick<ConsentDeps, "db" | "key">, token: string): Promise<UnsubscribeView | null> {
  const target = verifyUnsubscribeToken(token, deps.key);
  if (!target) return null;
  return { channel: target.channel, shopName: await shopName(deps.db, target.shop) };
}

async function shopName(db: Db, shop: string): Promise<string> {
  const [row, settings] = await Promise.all([
    db.shop.findUnique({ where: { shop }, select: { name: true } }),
    db.channelSettings.findUnique({ where: { shop }, select: { brandName: true } }),
  ]);
  return settings?.brandName || row?.name || shop;
}

/** Unsubscribes the token's recipient; null for a forged or tampered token. */
export async function unsubscribeByToken(deps: ConsentDeps, token: string, now: Date): Promise<UnsubscribeView | null> {
  const target = verifyUnsubscribeToken(token, deps.key);
  if (!target) return null;
  const channel = target.channel === "sms" ? "SMS" : "EMAIL";
  const { shop } = target;
  let address: string | null;
  if (typeof target.recipient === "number") {
    const customer = await deps.db.customer.findFirst({ where: { id: target.recipient, shop }, select: { email: true, phone: true } });
    address = (channel === "SMS" ? customer?.phone : customer?.email) ?? null;
    // The customer's own consent goes even when their address is gone (erased, changed).
    if (customer)
      await changeConsent(deps, { shop, customerId: target.recipient, channel, to: "UNSUBSCRIBED", source: UNSUBSCRIBE_REASON, at: now });
  } else {
    address = target.recipient;
  }
  if (address) {
    await suppress(deps, shop, channel, address, UNSUBSCRIBE_REASON, now);
    for (const customer of await customersWithAddress(deps.db, shop, channel, address)) {
      await changeConsent(deps, { shop, customerId: customer.id, channel, to: "UNSUBSCRIBED", source: UNSUBSCRIBE_REASON, at: now });
    }
  }
  return { channel: target.channel, shopName: await shopName(deps.db, shop) };
}
