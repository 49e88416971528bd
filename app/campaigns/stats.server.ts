/**
 * A campaign's results: failures and skips by reason (from its outbox rows), engagement from the
 * provider events and tracked clicks linked to it (each message counted once per kind), and the
 * orders attributed to it (OrderAttribution, filled by the attribution job).
 */
import type { Db } from "~/db/db.server";
import { forShop } from "~/db/shop-scope.server";
import { storedKindsOf } from "~/messaging/event-kinds";

export interface CampaignStats {
  failedByReason: { reason: string; count: number }[];
  skippedByReason: { reason: string; count: number }[];
  clicked: number;
  opened: number;
  unsubscribed: number;
  attributedOrders: number;
  /** Minor units of `currency`; null when no order is attributed. */
  revenue: { minor: number; currency: string } | null;
}

const CLICKED = storedKindsOf("clicked");
const OPENED = storedKindsOf("opened");
// A spam report unsubscribes too (app/messaging/inbound).
const UNSUBSCRIBED = [...storedKindsOf("unsubscribed"), ...storedKindsOf("marked_as_spam")];

async function messagesWith(db: Db, shop: string, campaignId: string, kinds: readonly string[]): Promise<number> {
  const rows = await forShop(db, shop).messageEvent.findMany({
    where: { campaignId, kind: { in: [...kinds] } },
    select: { outboxMessageId: true },
    distinct: ["outboxMessageId"],
  });
  return rows.length;
}

export async function campaignStats(db: Db, shop: string, campaignId: string): Promise<CampaignStats> {
  const scoped = forShop(db, shop);
  const [failed, skipped, clicked, opened, unsubscribed, orders] = await Promise.all([
    scoped.outboxMessage.groupBy({
      by: ["lastError"],
      where: { campaignId, status: { in: ["FAILED", "UNDELIVERED"] } },
      _count: { _all: true },
    }),
    scoped.outboxMessage.groupBy({ by: ["skipReason"], where: { campaignId, status: "SKIPPED" }, _count: { _all: true } }),
    messagesWith(db, shop, campaignId, CLICKED),
    messagesWith(db, shop, campaignId, OPENED),
    messagesWith(db, shop, campaignId, UNSUBSCRIBED),
    scoped.orderAttribution.findMany({ where: { campaignId }, select: { revenue: true, currency: true } }),
  ]);
  const byCount = (a: { count: number }, b: { count: number }) => b.count - a.count;
  return {
    failedByReason: failed.map((g) => ({ reason: g.lastError ?? "no reason given", count: g._count._all })).sort(byCount),
    skippedByReason: skipped.map((g) => ({ reason: g.skipReason ?? "no reason given", count: g._count._all })).sort(byCount),
    clicked,
    opened,
    unsubscribed,
    attributedOrders: orders.length,
    revenue:
      orders.length === 0 ? null : { minor: orders.reduce((sum, o) => sum + Number(o.revenue), 0), currency: orders[0]?.currency ?? "USD" },
  };
}
