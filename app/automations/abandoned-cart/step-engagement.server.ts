// What each step of the abandoned-checkout sequence brought back: the messages whose tracked link
// was clicked, and the orders attributed to its messages (OrderAttribution, filled by the
// messaging.attribute job) with their revenue in the shop's currency. A step's messages are the
// outbox rows keyed `checkout:<token>:<step>`.
import type { Db } from "~/db/db.server";
import { storedKindsOf } from "~/messaging/event-kinds";
import { sqlFor } from "./sql.server";

export interface StepEngagement {
  clicked: number;
  orders: number;
  /** Minor units of the shop's currency; orders in another currency are not added in. */
  revenue: number;
}

const CLICK_KINDS = storedKindsOf("clicked");

export async function stepEngagement(db: Db, shop: string, step: number, currency: string): Promise<StepEngagement> {
  const sql = sqlFor(db);
  const key = `checkout:%:${step}`;
  const [clicks] = await sql.query<{ n: unknown }>(
    `SELECT COUNT(DISTINCT e."outboxMessageId") AS n FROM "MessageEvent" e JOIN "OutboxMessage" o ON o."id" = e."outboxMessageId"
     WHERE e."shop" = ? AND e."kind" IN (${CLICK_KINDS.map(() => "?").join(", ")}) AND o."shop" = ? AND o."idempotencyKey" LIKE ?`,
    [shop, ...CLICK_KINDS, shop, key],
  );
  const [orders] = await sql.query<{ n: unknown; revenue: unknown }>(
    `SELECT COUNT(*) AS n, COALESCE(SUM(a."revenue"), 0) AS revenue FROM "OrderAttribution" a JOIN "OutboxMessage" o ON o."id" = a."outboxMessageId"
     WHERE a."shop" = ? AND a."currency" = ? AND o."shop" = ? AND o."idempotencyKey" LIKE ?`,
    [shop, currency, shop, key],
  );
  return { clicked: Number(clicks?.n ?? 0), orders: Number(orders?.n ?? 0), revenue: Number(orders?.revenue ?? 0) };
}
