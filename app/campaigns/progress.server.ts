/** A campaign's live progress, and its finish: SENT once no row is queued or being sent. */
import type { Db } from "~/db/db.server";
import { forShop } from "~/db/shop-scope.server";
import { progressOf, countsOf, type Progress } from "./progress";
import { PAUSED_NOT_BEFORE } from "./schedule";

export interface CampaignProgress {
  status: string;
  notSentReason: string | null;
  progress: Progress;
}

async function statusCounts(db: Db, shop: string, campaignId: string) {
  const groups = await forShop(db, shop).outboxMessage.groupBy({ by: ["status"], where: { campaignId }, _count: { _all: true } });
  return countsOf(groups.map((g) => ({ status: g.status, count: g._count._all })));
}

export async function campaignProgress(db: Db, shop: string, campaignId: string, now: Date): Promise<CampaignProgress | null> {
  const scoped = forShop(db, shop);
  const campaign = await scoped.campaign.findFirst({
    where: { id: campaignId },
    select: { status: true, notSentReason: true, frozenAt: true, channel: true },
  });
  if (!campaign) return null;
  const [counts, settings, latest] = await Promise.all([
    statusCounts(db, shop, campaignId),
    db.channelSettings.findUnique({ where: { shop }, select: { smsPerSecond: true } }),
    scoped.outboxMessage.findFirst({
      where: { campaignId, status: "QUEUED", notBefore: { lt: PAUSED_NOT_BEFORE } },
      orderBy: { notBefore: "desc" },
      select: { notBefore: true },
    }),
  ]);
  let status: string = campaign.status;
  if (status === "SENDING" && campaign.frozenAt !== null && counts.queued + counts.sending === 0) {
    const { count } = await scoped.campaign.updateMany({
      where: { id: campaignId, status: "SENDING" },
      data: { status: "SENT", finishedAt: now },
    });
    if (count === 1) status = "SENT";
  }
  // Emails go in requests of up to 1,000; texts at the shop's rate.
  const perSecond = campaign.channel === "SMS" ? (settings?.smsPerSecond ?? 1) : 1_000;
  return { status, notSentReason: campaign.notSentReason, progress: progressOf(counts, now, perSecond, latest?.notBefore ?? null) };
}

/** Marks the shop's finished campaigns SENT (the list reads them through this). */
export async function settleFinishedCampaigns(db: Db, shop: string, now: Date): Promise<void> {
  const sending = await forShop(db, shop).campaign.findMany({
    where: { status: "SENDING", frozenAt: { not: null } },
    select: { id: true },
  });
  for (const c of sending) await campaignProgress(db, shop, c.id, now);
}
