/**
 * What the rules need to decide one batch, read fresh for that batch: a STOP or an unsubscribe
 * that landed after the audience was frozen (or a second ago) must stop the message. Each
 * customer's current marketing state, the shop's pause, the suppression list (hashed, see
 * app/privacy/suppression-hash.ts) and the last 7 days of marketing rows on both channels.
 */
import type { Db } from "~/db.server";
import { suppressionHash } from "~/privacy/suppression-hash";
import type { ClaimedMessage } from "../outbox/outbox-store.server";
import { sentHistory } from "../outbox/dispatch-store.server";
import { normaliseAddress, type MarketingState } from "../rules/consent";
import type { SentMessage } from "../rules/frequency-cap";
import { messageKindOf } from "./policy";

const WEEK_MS = 7 * 24 * 3_600_000;

export interface CustomerConsent {
  sms: MarketingState;
  email: MarketingState;
  phone: string | null;
  country: string | null;
  province: string | null;
}

export interface BatchContext {
  shopPaused: boolean;
  shopTimeZone: string;
  customers: Map<number, CustomerConsent>;
  /** Normalised addresses of this batch that are on the suppression list. */
  suppressed: Set<string>;
  /** Per customer; the dispatcher appends what it sends in the batch so the cap holds within it. */
  history: Map<number, SentMessage[]>;
}

const toState = (state: string) => state.toLowerCase() as MarketingState;

/** SQLite (through Prisma's driver adapter) binds at most 999 parameters per statement. */
async function inChunks<T, R>(items: readonly T[], read: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let start = 0; start < items.length; start += 500) out.push(...(await read(items.slice(start, start + 500))));
  return out;
}

export async function loadBatchContext(db: Db, key: Buffer, shop: string, rows: readonly ClaimedMessage[], now: Date): Promise<BatchContext> {
  const customerIds = [...new Set(rows.flatMap((r) => (r.customerId === null ? [] : [r.customerId])))];
  const hashes = new Map<string, string>();
  for (const row of rows) {
    hashes.set(suppressionHash(key, shop, row.channel, row.recipient), normaliseAddress(row.channel === "SMS" ? "sms" : "email", row.recipient));
  }
  const [shopRow, customers, suppressions, history] = await Promise.all([
    db.shop.findUnique({ where: { shop }, select: { sendingPaused: true, ianaTimezone: true } }),
    inChunks(customerIds, (ids) => db.customer.findMany({
      where: { shop, id: { in: ids } },
      select: { id: true, smsMarketingState: true, emailMarketingState: true, phone: true, countryCode: true, provinceCode: true },
    })),
    inChunks([...hashes.keys()], (chunk) => db.suppression.findMany({ where: { shop, addressHash: { in: chunk } }, select: { addressHash: true } })),
    inChunks(customerIds, (ids) => sentHistory(db, shop, ids, new Date(now.getTime() - WEEK_MS))),
  ]);
  const byCustomer = new Map<number, SentMessage[]>();
  for (const sent of history) {
    const list = byCustomer.get(sent.customerId) ?? [];
    list.push({ at: sent.sentAt.getTime(), channel: sent.channel === "SMS" ? "sms" : "email", kind: messageKindOf(sent.idempotencyKey) });
    byCustomer.set(sent.customerId, list);
  }
  return {
    // A shop Flock does not know (uninstalled and erased) sends nothing.
    shopPaused: shopRow?.sendingPaused ?? true,
    shopTimeZone: shopRow?.ianaTimezone ?? "UTC",
    customers: new Map(customers.map((c) => [c.id, {
      sms: toState(c.smsMarketingState), email: toState(c.emailMarketingState), phone: c.phone, country: c.countryCode, province: c.provinceCode,
    }])),
    suppressed: new Set(suppressions.flatMap((s) => { const address = hashes.get(s.addressHash); return address === undefined ? [] : [address]; })),
    history: byCustomer,
  };
}
