// Asked by the dispatcher for every batch (`cancelledBySource`): which `checkout:<token>:<step>`
// rows are for a checkout that was bought or completed since it was left. The tick cancels such
// runs too, but only at its next full pass (up to 30 s later); a step waiting in the outbox for
// quiet hours must not go out in that gap.
import type { Db } from "~/db/db.server";
import type { ClaimedMessage } from "~/messaging/outbox/outbox-store.server";
import { ORDERED_SINCE } from "./runs.server";
import { sqlFor } from "./sql.server";

const CHUNK = 500;

export function checkoutTokenOf(idempotencyKey: string): string | null {
  const match = /^checkout:(.+):\d+$/.exec(idempotencyKey);
  return match?.[1] ?? null;
}

export async function recoveredCheckoutRows(db: Db, shop: string, rows: readonly ClaimedMessage[]): Promise<Set<string>> {
  const byToken = new Map<string, string[]>();
  for (const row of rows) {
    const token = checkoutTokenOf(row.idempotencyKey);
    if (token === null) continue;
    const ids = byToken.get(token) ?? [];
    ids.push(row.id);
    byToken.set(token, ids);
  }
  const cancelled = new Set<string>();
  const tokens = [...byToken.keys()];
  const sql = sqlFor(db);
  for (let i = 0; i < tokens.length; i += CHUNK) {
    const chunk = tokens.slice(i, i + CHUNK);
    const found = await sql.query<{ token: string }>(
      `SELECT c."token" AS token FROM "AbandonedCheckout" c
       WHERE c."shop" = ? AND c."token" IN (${chunk.map(() => "?").join(", ")}) AND (c."completedAt" IS NOT NULL OR ${ORDERED_SINCE})`,
      [shop, ...chunk],
    );
    for (const { token } of found) for (const id of byToken.get(token) ?? []) cancelled.add(id);
  }
  return cancelled;
}
