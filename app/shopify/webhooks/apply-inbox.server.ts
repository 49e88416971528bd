// The apply side of the webhook inbox: reading the shop's unapplied events a batch at a time,
// marking a batch applied in the transaction that applied it, and recording failures. (Storing
// events is the receive side's, in inbox.server.ts.)
import type { Db, DbTx } from "~/db.server";
import { describeError } from "~/jobs/error-text";
import { MAX_EVENT_ATTEMPTS, type InboxRow } from "./inbox.server";

/**
 * The shop's next unapplied events after `afterId`, in arrival order, then ordered by their
 * Shopify timestamp (X-Shopify-Triggered-At, else receipt) within the batch: a burst commits
 * concurrent deliveries in whatever order the requests won, and the appliers' "only if newer"
 * checks read the event's own timestamp anyway.
 */
export async function nextInboxBatch(db: Db, shop: string, afterId: number, take: number): Promise<InboxRow[]> {
  const rows = await db.webhookInbox.findMany({
    where: { shop, processedAt: null, attempts: { lt: MAX_EVENT_ATTEMPTS }, id: { gt: afterId } },
    orderBy: { id: "asc" },
    take,
    select: { id: true, topic: true, eventId: true, payload: true, triggeredAt: true, receivedAt: true, attempts: true },
  });
  const at = (r: InboxRow) => (r.triggeredAt ?? r.receivedAt).getTime();
  return rows.sort((a, b) => at(a) - at(b) || a.id - b.id);
}

/** Marks events applied and drops their bodies (personal data now stored where redaction finds it). */
export async function markBatchApplied(tx: DbTx, ids: readonly number[], now: Date): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    await tx.webhookInbox.updateMany({ where: { id: { in: ids.slice(i, i + 500) } }, data: { processedAt: now, payload: "", lastError: null } });
  }
}

/**
 * Records a failed attempt. After the last one the event is never applied, so its body (the
 * customer's personal data) is cleared; the topic, ids and the error stay for an operator.
 */
export async function markEventFailed(db: Db, row: Pick<InboxRow, "id" | "attempts">, error: unknown): Promise<void> {
  const last = row.attempts + 1 >= MAX_EVENT_ATTEMPTS;
  await db.webhookInbox.update({
    where: { id: row.id },
    data: { attempts: { increment: 1 }, lastError: describeError(error), ...(last ? { payload: "" } : {}) },
  });
}
