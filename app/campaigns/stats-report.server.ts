/**
 * The campaign report below the live results, read apart from the once-a-second progress poll
 * (it reads every sent text and event, so the page asks for it every few seconds at most): the
 * texts' cost, the results over time for the chart, and the holdout lift.
 */
import type { Db } from "~/db/db.server";
import { forShop } from "~/db/shop-scope.server";
import { storedKindsOf } from "~/messaging/event-kinds";
import { campaignLift } from "./lift.server";
import { campaignCost } from "./stats-cost";
import type { CampaignReport } from "./stats-report";
import { campaignTimeline, type Timeline, type TimelineSeries } from "./stats-timeline";

export type { CampaignReport };

/** Twilio bills a text once it has taken it; a text it refused (FAILED before sending) costs nothing. */
const BILLED = ["SENT", "DELIVERED", "UNDELIVERED"] as const;

const SERIES_OF_KIND = new Map<string, TimelineSeries>([
  ...storedKindsOf("delivered").map((k) => [k, "delivered"] as const),
  ...storedKindsOf("clicked").map((k) => [k, "clicked"] as const),
  ...storedKindsOf("unsubscribed").map((k) => [k, "unsubscribed"] as const),
  ...storedKindsOf("marked_as_spam").map((k) => [k, "unsubscribed"] as const),
]);

async function timelineOf(db: Db, shop: string, campaignId: string, start: Date, now: Date, zone: string): Promise<Timeline> {
  const scoped = forShop(db, shop);
  const [sent, events, orders] = await Promise.all([
    scoped.outboxMessage.findMany({ where: { campaignId, sentAt: { not: null } }, select: { sentAt: true } }),
    scoped.messageEvent.findMany({
      where: { campaignId, kind: { in: [...SERIES_OF_KIND.keys()] } },
      select: { kind: true, outboxMessageId: true, at: true },
      orderBy: { at: "asc" },
    }),
    scoped.orderAttribution.findMany({ where: { campaignId }, select: { orderAt: true } }),
  ]);
  // Each message counts once per series, at its first event (as the stats do).
  const seen = new Set<string>();
  const firstEvents = [];
  for (const e of events) {
    const series = SERIES_OF_KIND.get(e.kind);
    if (!series) continue;
    const key = `${series}:${e.outboxMessageId ?? `event-${e.at.getTime()}`}`;
    if (seen.has(key)) continue;
    seen.add(key);
    firstEvents.push({ series, at: e.at });
  }
  return campaignTimeline(
    [
      ...sent.flatMap((r) => (r.sentAt ? [{ series: "sent" as const, at: r.sentAt }] : [])),
      ...firstEvents,
      ...orders.map((o) => ({ series: "orders" as const, at: o.orderAt })),
    ],
    start,
    now,
    zone,
  );
}

/** The report, or null when the campaign is not found. */
export async function campaignReport(db: Db, shop: string, campaignId: string, now: Date): Promise<CampaignReport | null> {
  const scoped = forShop(db, shop);
  const campaign = await scoped.campaign.findFirst({
    where: { id: campaignId },
    select: { channel: true, frozenAt: true, startedAt: true },
  });
  if (!campaign) return null;
  const start = campaign.frozenAt ?? campaign.startedAt;
  if (start === null) return { cost: null, timeline: null, lift: null };
  const zone = (await db.shop.findUnique({ where: { shop }, select: { ianaTimezone: true } }))?.ianaTimezone ?? "UTC";
  const [texts, timeline, lift] = await Promise.all([
    campaign.channel === "SMS"
      ? scoped.outboxMessage.findMany({ where: { campaignId, status: { in: [...BILLED] } }, select: { body: true, recipient: true } })
      : Promise.resolve(null),
    timelineOf(db, shop, campaignId, start, now, zone),
    campaignLift(db, shop, campaignId, now),
  ]);
  return { cost: texts ? campaignCost(texts) : null, timeline, lift };
}
