/**
 * A shop's send rate, shared by every worker process: one SendRateSlot row holds the next free
 * slot, and a dispatcher takes `count` consecutive slots in one atomic upsert (the row lock on
 * PostgreSQL, the single writer on SQLite), so two workers never hold the same slot and together
 * stay at the configured messages per second. Idle time is not banked: a slot in the past starts
 * again at `now`.
 */
import type { Db } from "~/db/db.server";
import { dbDialect } from "~/db/dialect.server";

/** Reserves `count` slots at `perSecond`; returns the epoch ms of the first (the rest follow at 1000/perSecond). */
export async function reserveSendSlots(db: Db, shop: string, count: number, perSecond: number, now: Date): Promise<number> {
  if (!(perSecond > 0)) throw new Error(`Shop ${shop}: messages per second must be positive, got ${perSecond}`);
  const span = (count * 1000) / perSecond;
  const nowMs = now.getTime();
  const rows =
    dbDialect(db) === "postgres"
      ? await db.$queryRaw<{ nextSlotMs: number }[]>`
        INSERT INTO "SendRateSlot" ("shop", "nextSlotMs") VALUES (${shop}, ${nowMs + span})
        ON CONFLICT ("shop") DO UPDATE SET "nextSlotMs" = GREATEST("SendRateSlot"."nextSlotMs", ${nowMs}) + ${span}
        RETURNING "nextSlotMs"`
      : await db.$queryRaw<{ nextSlotMs: number }[]>`
        INSERT INTO "SendRateSlot" ("shop", "nextSlotMs") VALUES (${shop}, ${nowMs + span})
        ON CONFLICT ("shop") DO UPDATE SET "nextSlotMs" = MAX("SendRateSlot"."nextSlotMs", ${nowMs}) + ${span}
        RETURNING "nextSlotMs"`;
  const end = rows[0]?.nextSlotMs;
  if (end === undefined) throw new Error(`Shop ${shop}: the send slot was not reserved`);
  return Number(end) - span;
}
