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
import { locationsOf, zoneOf, type LocatedMember } from "./zones.server";

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
    const byId = await locatedCustomers(deps.db, shop, rows);
    const members = rows.map((r) => (r.customerId === null ? undefined : byId.get(r.customerId)));
    const located = await locationsOf(
      members.map((m) => m ?? NOWHERE),
      row.channel === "SMS",
    );
    const groups = new Map<number, string[]>();
    const atOfZone = new Map<string, number>();
    rows.forEach((r, i) => {
      const zone = members[i] ? zoneOf(located[i]!, shopInfo.timeZone) : shopInfo.timeZone;
      const at = atOfZone.get(zone) ?? nextLocalTime(zone, minute, now).getTime();
      atOfZone.set(zone, at);
      const group = groups.get(at);
      if (group) group.push(r.id);
      else groups.set(at, [r.id]);
    });
    for (const [at, ids] of groups) {
      for (let i = 0; i < ids.length; i += ID_CHUNK)
        await scoped.updateMany({ where: { ...paused, id: { in: ids.slice(i, i + ID_CHUNK) } }, data: { notBefore: new Date(at) } });
    }
  }
  await wakeDispatcher(deps.queue, shop);
  return { ok: true };
}

/** Ids per statement: SQLite binds at most 999 values, and a paused campaign can hold 500,000 rows. */
const ID_CHUNK = 500;
const NOWHERE: LocatedMember = { phone: null, countryCode: null, provinceCode: null };

/** The rows' customers with what locates them, read ID_CHUNK ids at a time. */
async function locatedCustomers(db: Db, shop: string, rows: readonly { customerId: number | null }[]) {
  const ids = [...new Set(rows.flatMap((r) => (r.customerId === null ? [] : [r.customerId])))];
  const byId = new Map<number, LocatedMember>();
  for (let i = 0; i < ids.length; i += ID_CHUNK) {
    const found = await forShop(db, shop).customer.findMany({
      where: { id: { in: ids.slice(i, i + ID_CHUNK) } },
      select: { id: true, phone: true, countryCode: true, provinceCode: true },
    });
    for (const c of found) byId.set(c.id, c);
  }
  return byId;
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
