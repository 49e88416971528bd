// The writes behind "the recipient said no" (and "yes again"): suppression rows under the keyed
// hash, customer consent columns, and a ConsentChange row for every change Flock makes, which is
// what the Shopify write-back job sends on. Each write is a no-op when it would change nothing,
// so a redelivered STOP or event records no second change and enqueues no second job.
import type { Db } from "~/db/db.server";
import { suppressionHash } from "~/privacy/suppression-hash";

export type ConsentChannel = "SMS" | "EMAIL";
export type StoredMarketingState = "NOT_SUBSCRIBED" | "PENDING" | "SUBSCRIBED" | "UNSUBSCRIBED" | "REDACTED" | "INVALID";

export const CONSENT_WRITEBACK_JOB = "consent.writeback";

/** The one thing the consent writes need from the job queue. */
export type EnqueueJob = (
  name: string,
  payload: Record<string, unknown>,
  options?: { uniqueKey?: string; attempts?: number; backoffMs?: number },
) => Promise<unknown>;

export interface ConsentDeps {
  db: Db;
  key: Buffer;
  enqueue: EnqueueJob;
}

/** Adds the address to the shop's suppression list; false when it was already there. */
export async function suppress(
  deps: Pick<ConsentDeps, "db" | "key">,
  shop: string,
  channel: ConsentChannel,
  address: string,
  reason: string,
  now: Date,
): Promise<boolean> {
  const addressHash = suppressionHash(deps.key, shop, channel, address);
  const existing = await deps.db.suppression.findUnique({
    where: { shop_channel_addressHash: { shop, channel, addressHash } },
    select: { id: true },
  });
  if (existing) return false;
  try {
    await deps.db.suppression.create({ data: { shop, channel, addressHash, reason, createdAt: now } });
    return true;
  } catch {
    // A concurrent delivery of the same opt-out wrote it first: the address is suppressed either way.
    return false;
  }
}

/** Removes the suppression only when `reason` put it there (START undoes STOP, never a bounce). */
export async function unsuppress(
  deps: Pick<ConsentDeps, "db" | "key">,
  shop: string,
  channel: ConsentChannel,
  address: string,
  reason: string,
): Promise<boolean> {
  const addressHash = suppressionHash(deps.key, shop, channel, address);
  const { count } = await deps.db.suppression.deleteMany({ where: { shop, channel, addressHash, reason } });
  return count > 0;
}

export async function isSuppressed(
  deps: Pick<ConsentDeps, "db" | "key">,
  shop: string,
  channel: ConsentChannel,
  address: string,
): Promise<{ reason: string } | null> {
  const addressHash = suppressionHash(deps.key, shop, channel, address);
  return deps.db.suppression.findUnique({ where: { shop_channel_addressHash: { shop, channel, addressHash } }, select: { reason: true } });
}

const stateColumn = (channel: ConsentChannel) => (channel === "SMS" ? "smsMarketingState" : "emailMarketingState");

/**
 * Sets one customer's consent on one channel, records the change and enqueues its write-back to
 * Shopify. Returns the change, or null when the customer already was in `to`.
 */
export async function changeConsent(
  deps: ConsentDeps,
  change: { shop: string; customerId: number; channel: ConsentChannel; to: StoredMarketingState; source: string; at: Date },
): Promise<{ id: number } | null> {
  const { shop, customerId, channel, to, source, at } = change;
  const column = stateColumn(channel);
  const recorded = await deps.db.$transaction(async (tx) => {
    const customer = await tx.customer.findFirst({
      where: { id: customerId, shop },
      select: { smsMarketingState: true, emailMarketingState: true },
    });
    if (!customer) return null;
    if (customer[column] === to) {
      // Already there. If our own change put it there and its write-back was never done (the
      // enqueue failed after the commit, so the provider redelivered), enqueue it again; the
      // unique key keeps it to one pending job.
      const last = await tx.consentChange.findFirst({
        where: { shop, customerId, channel },
        orderBy: { id: "desc" },
        select: { id: true, toState: true, writtenBackAt: true },
      });
      return last && last.toState === to && !last.writtenBackAt ? { id: last.id, again: true } : null;
    }
    // Conditional on the state just read, so two deliveries racing record one change.
    const { count } = await tx.customer.updateMany({
      where: { id: customerId, [column]: customer[column] },
      data: channel === "SMS" ? { smsMarketingState: to, smsConsentUpdatedAt: at } : { emailMarketingState: to, emailConsentUpdatedAt: at },
    });
    if (count === 0) return null;
    const created = await tx.consentChange.create({
      data: { shop, customerId, channel, fromState: customer[column], toState: to, source, at },
      select: { id: true },
    });
    return { id: created.id, again: false };
  });
  if (!recorded) return null;
  await deps.enqueue(
    CONSENT_WRITEBACK_JOB,
    { changeId: recorded.id },
    { uniqueKey: `${CONSENT_WRITEBACK_JOB}:${recorded.id}`, attempts: 8, backoffMs: 5000 },
  );
  return recorded.again ? null : { id: recorded.id };
}

/** The customers of the shop with this phone number (E.164) or email address (any case). */
export async function customersWithAddress(
  db: Db,
  shop: string,
  channel: ConsentChannel,
  address: string,
): Promise<{ id: number; smsMarketingState: StoredMarketingState; emailMarketingState: StoredMarketingState }[]> {
  const select = { id: true, smsMarketingState: true, emailMarketingState: true } as const;
  if (channel === "SMS") return db.customer.findMany({ where: { shop, phone: address.trim(), deletedAt: null }, select });
  // Case-insensitive on both databases (SQLite's `=` is case-sensitive, as is PostgreSQL's).
  const ids = await db.$queryRaw<
    { id: number }[]
  >`SELECT "id" FROM "Customer" WHERE "shop" = ${shop} AND "deletedAt" IS NULL AND LOWER("email") = ${address.trim().toLowerCase()}`;
  return db.customer.findMany({ where: { id: { in: ids.map((row) => Number(row.id)) } }, select, orderBy: { id: "asc" } });
}

/** The latest change Flock made to this customer's consent on the channel. */
export function lastConsentChange(db: Db, shop: string, customerId: number, channel: ConsentChannel) {
  return db.consentChange.findFirst({ where: { shop, customerId, channel }, orderBy: { id: "desc" } });
}
