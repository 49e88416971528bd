// The apply side of the webhook inbox: reading the shop's unapplied events a batch at a time,
// marking a batch applied in the transaction that applied it, and recording failures. (Storing
// events is the receive side's, in inbox.server.ts.)
import type { Db, DbTx } from "~/db/db.server";
import { describeError } from "~/jobs/error-text";
import type { Dialect } from "~/db/sql-runner.server";
import { placeholders, plainStatement } from "./apply-batch-sql";
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

/** Inbox rows per statement (raw statements bind far more than Prisma's model API allows). */
const IDS_PER_STATEMENT = 5_000;

/** Marks events applied and drops their bodies (personal data now stored where redaction finds it): one statement per batch. */
export async function markBatchApplied(tx: DbTx, dialect: Dialect, ids: readonly number[], now: Date): Promise<void> {
  for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) {
    const chunk = ids.slice(i, i + IDS_PER_STATEMENT);
    const s = plainStatement(
      dialect,
      `UPDATE "WebhookInbox" SET "processedAt" = ${dialect === "postgres" ? "CAST(? AS timestamp(3))" : "?"}, "payload" = '', "lastError" = NULL WHERE "id" IN (${placeholders(chunk.length)})`,
      [now, ...chunk],
    );
    await tx.$executeRawUnsafe(s.sql, ...s.params);
  }
}

/** Of these inbox rows, those not applied yet (read under the shop lock). */
export async function stillUnapplied(tx: DbTx, dialect: Dialect, ids: readonly number[]): Promise<Set<number>> {
  const found = new Set<number>();
  for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) {
    const chunk = ids.slice(i, i + IDS_PER_STATEMENT);
    const s = plainStatement(
      dialect,
      `SELECT "id" FROM "WebhookInbox" WHERE "id" IN (${placeholders(chunk.length)}) AND "processedAt" IS NULL`,
      chunk,
    );
    for (const r of await tx.$queryRawUnsafe<{ id: number | bigint }[]>(s.sql, ...s.params)) found.add(Number(r.id));
  }
  return found;
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
