/**
 * Campaign rows: drafts saved as typed (only while still a draft), duplicated, read back with the
 * shop's segments the editor offers and the checks send needs.
 */
import type { Db } from "~/db/db.server";
import { forShop } from "~/db/shop-scope.server";
import { shopTimeZone } from "~/segments/read-models/segment-queries.server";
import type { CampaignDraft, SegmentRef } from "./campaign-form";
import { draftOf, rowOf } from "./campaign-row";

export const CAMPAIGN_SELECT = {
  id: true,
  shop: true,
  name: true,
  channel: true,
  status: true,
  includeSegmentIds: true,
  excludeSegmentIds: true,
  subject: true,
  previewText: true,
  body: true,
  sendMode: true,
  scheduledAt: true,
  localTime: true,
  holdoutPercent: true,
  frozenAt: true,
  audienceCount: true,
  holdoutCount: true,
  noAddressCount: true,
  enqueuedCount: true,
  notSentReason: true,
  startedAt: true,
  finishedAt: true,
  createdAt: true,
  updatedAt: true,
} as const;

export type CampaignRow = NonNullable<Awaited<ReturnType<typeof findCampaignRow>>>;

export function findCampaignRow(db: Db, shop: string, id: string) {
  return forShop(db, shop).campaign.findFirst({ where: { id }, select: CAMPAIGN_SELECT });
}

export class CampaignNotFoundError extends Error {
  constructor(readonly campaignId: string) {
    super(`Campaign ${campaignId} not found`);
  }
}

export async function requireCampaign(db: Db, shop: string, id: string): Promise<CampaignRow> {
  const row = await findCampaignRow(db, shop, id);
  if (!row) throw new CampaignNotFoundError(id);
  return row;
}

/** Every segment of the shop by id, deleted ones as tombstones (so a lost audience can be named). */
export async function segmentRefs(db: Db, shop: string): Promise<Map<string, SegmentRef & { memberCount: number }>> {
  const rows = await forShop(db, shop).segment.findMany({
    select: { id: true, name: true, deletedAt: true, memberCount: true },
    orderBy: { name: "asc" },
  });
  return new Map(rows.map((s) => [s.id, { name: s.name, deleted: s.deletedAt !== null, memberCount: s.memberCount }]));
}

export async function createCampaign(db: Db, shop: string, draft: CampaignDraft): Promise<string> {
  const zone = await shopTimeZone(db, shop);
  const row = await db.campaign.create({ data: { shop, ...rowOf(draft, zone) }, select: { id: true } });
  return row.id;
}

export type SaveDraftResult = { ok: true } | { ok: false; message: string };

/** Saves the editor's state; refused once the campaign has left the draft state (what was sent stays as sent). */
export async function saveDraft(db: Db, shop: string, id: string, draft: CampaignDraft): Promise<SaveDraftResult> {
  const zone = await shopTimeZone(db, shop);
  const { count } = await forShop(db, shop).campaign.updateMany({ where: { id, status: "DRAFT" }, data: { ...rowOf(draft, zone) } });
  if (count === 1) return { ok: true };
  const row = await findCampaignRow(db, shop, id);
  if (!row) throw new CampaignNotFoundError(id);
  return { ok: false, message: `This campaign is ${row.status.toLowerCase()} and can no longer be edited. Duplicate it to make changes.` };
}

/** A new draft with the same audience, message and schedule; counts and status start over. */
export async function duplicateCampaign(db: Db, shop: string, id: string): Promise<string> {
  const row = await requireCampaign(db, shop, id);
  const zone = await shopTimeZone(db, shop);
  const draft = draftOf(row, zone);
  return createCampaign(db, shop, { ...draft, name: `Copy of ${row.name || "untitled campaign"}`.slice(0, 120) });
}

/** The editor's view of a campaign. */
export async function campaignForEditor(db: Db, shop: string, id: string) {
  const [row, zone, segments] = await Promise.all([requireCampaign(db, shop, id), shopTimeZone(db, shop), segmentRefs(db, shop)]);
  return { campaign: row, draft: draftOf(row, zone), shopTimeZone: zone, segments };
}

/** The Campaigns list, newest change first. */
export function listCampaignRows(db: Db, shop: string) {
  return forShop(db, shop).campaign.findMany({
    select: {
      id: true,
      name: true,
      channel: true,
      status: true,
      notSentReason: true,
      scheduledAt: true,
      startedAt: true,
      enqueuedCount: true,
      updatedAt: true,
    },
    orderBy: { updatedAt: "desc" },
  });
}
