/**
 * Before any retry of a text whose outcome is unknown (a timeout, or a dispatcher that died
 * between the provider call and the outbox write), ask the provider: if it holds a message to
 * that number with that body created since the row was enqueued, the row is SENT with that id;
 * if not, nothing left and the row is queued again. Emails are not reconciled (SendGrid keeps no
 * record this app can query): they stay UNKNOWN and are never resent.
 */
import type { Db } from "~/db/db.server";
import type { SmsLookup } from "../channel";
import { knownProviderIds, listUnknownSms, resolveUnknownSms } from "../outbox/dispatch-store.server";

export async function reconcileUnknownSms(db: Db, lookup: SmsLookup, shop: string, now: Date, limit = 200): Promise<number> {
  const rows = await listUnknownSms(db, shop, limit);
  let resolved = 0;
  for (const row of rows) {
    const records = (await lookup.findSent(row.recipient, row.createdAt)).filter((r) => r.body === row.body);
    // A message another row already claims as its own is not this row's.
    const taken = await knownProviderIds(
      db,
      shop,
      records.map((r) => r.providerId),
    );
    const found = records.find((r) => !taken.has(r.providerId));
    if (await resolveUnknownSms(db, row.id, found ? { providerMessageId: found.providerId } : null, now)) resolved += 1;
  }
  return resolved;
}
