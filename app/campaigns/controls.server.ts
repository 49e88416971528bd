/**
 * Pause, resume and cancel without the dispatcher's help: a paused campaign's queued rows wait at
 * a far-future notBefore no dispatcher reaches; resume gives them their time from the campaign's
 * schedule again; cancel skips them with the reason `cancelled`. Rows a dispatcher has already
 * claimed (SENDING) finish as they would have. Progress reads the rows and marks the campaign
 * SENT once none is queued or being sent.
 */
import type { Db } from "~/db/db.server";
import { wakeDispatcher } from "~/messaging/dispatch/dispatch-job.server";
import { forShop } from "~/db/shop-scope.server";
import { draftOf } from "./campaign-row";
import { requireCampaign } from "./campaign-store.server";
import { renderShopOf, type CampaignDeps } from "./deps.server";
import { nextLocalTime, parseClock, PAUSED_NOT_BEFORE } from "./schedule";
import { startJobKey } from "./start-job";
import { recipientZone } from "./zones.server";

export type ControlResult = { ok: true } | { ok: false; message: string };

const refused = (status: string, action: string): ControlResult => ({
  ok: false,
  message: `A ${status.toLowerCase()} campaign cannot be ${action}.`,
});

/** Moves the campaign's queued rows out of every dispatcher's reach. */
export async function applyPause(db: Db, shop: string, campaignId: string): Promise<number> {
  const { count } = await forShop(db, shop).outboxMessage.updateMany({
    where: { campaignId, status: "QUEUED" },
    data: { notBefore: PAUSED_NOT_BEFORE },
  });
  return count;
}

/** Skips the campaign's queued rows with the reason `cancelled`. */
export async function applyCancel(db: Db, shop: string, campaignId: string, now: Date): Promise<number> {
  const { count } = await forShop(db, shop).outboxMessage.updateMany({
    where: { campaignId, status: "QUEUED" },
    data: { status: "SKIPPED", skipReason: "cancelled", statusAt: now },
  });
  return count;
}

export async function pauseCampaign(deps: CampaignDeps, shop: string, campaignId: string): Promise<ControlResult> {
  const { count } = await forShop(deps.db, shop).campaign.updateMany({
    where: { id: campaignId, status: "SENDING" },
    data: { status: "PAUSED" },
  });
  if (count === 0) return refused((await requireCampaign(deps.db, shop, campaignId)).status, "paused");
  await applyPause(deps.db, shop, campaignId);
  return { ok: true };
}

export async function resumeCampaign(deps: CampaignDeps, shop: string, campaignId: string, now: Date): Promise<ControlResult> {
  const row = await requireCampaign(deps.db, shop, campaignId);
  const { count } = await forShop(deps.db, shop).campaign.updateMany({
    where: { id: campaignId, status: "PAUSED" },
    data: { status: "SENDING" },
  });
  if (count === 0) return refused(row.status, "resumed");
  const scoped = forShop(deps.db, shop).outboxMessage;
  const paused = { campaignId, status: "QUEUED" as const, notBefore: PAUSED_NOT_BEFORE };
  const shopInfo = await renderShopOf(deps.db, shop);
  const draft = draftOf(row, shopInfo.timeZone);
  const minute = draft.sendMode === "local" ? parseClock(draft.localTime) : null;
  if (minute === null) {
    await scoped.updateMany({ where: paused, data: { notBefore: now } });
  } else {
    // Each recipient's own local time again: today if it is still ahead there, else tomorrow.
    const rows = await scoped.findMany({ where: paused, select: { id: true, customerId: true } });
    const customers = await forShop(deps.db, shop).customer.findMany({
      where: { id: { in: rows.flatMap((r) => (r.customerId === null ? [] : [r.customerId])) } },
      select: { id: true, phone: true, countryCode: true, provinceCode: true },
    });
    const byId = new Map(customers.map((c) => [c.id, c]));
    const groups = new Map<number, string[]>();
    for (const r of rows) {
      const customer = r.customerId === null ? undefined : byId.get(r.customerId);
      const zone = customer ? await recipientZone(customer, row.channel, shopInfo.timeZone) : shopInfo.timeZone;
      const at = nextLocalTime(zone, minute, now).getTime();
      groups.set(at, [...(groups.get(at) ?? []), r.id]);
    }
    for (const [at, ids] of groups) {
      for (let i = 0; i < ids.length; i += 500)
        await scoped.updateMany({ where: { ...paused, id: { in: ids.slice(i, i + 500) } }, data: { notBefore: new Date(at) } });
    }
  }
  await wakeDispatcher(deps.queue, shop);
  return { ok: true };
}

export async function cancelCampaign(deps: CampaignDeps, shop: string, campaignId: string, now: Date): Promise<ControlResult> {
  const { count } = await forShop(deps.db, shop).campaign.updateMany({
    where: { id: campaignId, status: { in: ["SCHEDULED", "SENDING", "PAUSED"] } },
    data: { status: "CANCELLED", finishedAt: now },
  });
  if (count === 0) return refused((await requireCampaign(deps.db, shop, campaignId)).status, "cancelled");
  await deps.queue.cancel(startJobKey(campaignId));
  await applyCancel(deps.db, shop, campaignId, now);
  return { ok: true };
}
