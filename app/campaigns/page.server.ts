/**
 * The campaign page's loader and action work, so the route stays thin: the editor's draft or the
 * status view's progress, and one function per intent.
 */
import { z } from "zod";
import type { Db } from "~/db/db.server";
import { CampaignDraft } from "./campaign-form";
import { campaignForEditor, createCampaign, duplicateCampaign, saveDraft } from "./campaign-store.server";
import { EMPTY_DRAFT } from "./campaign-form";
import { cancelCampaign, pauseCampaign, resumeCampaign } from "./controls.server";
import type { CampaignDeps } from "./deps.server";
import { renderShopOf } from "./deps.server";
import { previewCampaign } from "./preview.server";
import { campaignProgress } from "./progress.server";
import { requestSend } from "./send.server";
import { campaignStats } from "./stats.server";
import { sendCampaignTest } from "./test-send.server";
import type { ActionAnswer } from "./ui/types";

/** What the campaign page polls: progress and results. */
export async function campaignLive(db: Db, shop: string, id: string, now: Date) {
  const progress = await campaignProgress(db, shop, id, now);
  return progress === null ? null : { ...progress, stats: await campaignStats(db, shop, id) };
}

export async function campaignPage(deps: CampaignDeps, shop: string, id: string, now: Date) {
  const [{ campaign, draft, shopTimeZone, segments }, shopInfo] = await Promise.all([
    campaignForEditor(deps.db, shop, id),
    renderShopOf(deps.db, shop),
  ]);
  const progress = campaign.status === "DRAFT" ? null : await campaignLive(deps.db, shop, id, now);
  return {
    id: campaign.id,
    status: campaign.status,
    name: campaign.name,
    channel: campaign.channel,
    notSentReason: campaign.notSentReason,
    scheduledFor: campaign.status === "SCHEDULED" ? (campaign.scheduledAt ?? now).toISOString() : null,
    frozen: campaign.frozenAt
      ? {
          audience: campaign.audienceCount,
          holdout: campaign.holdoutCount,
          noAddress: campaign.noAddressCount,
          enqueued: campaign.enqueuedCount,
        }
      : null,
    draft,
    shopTimeZone,
    shopName: shopInfo.name,
    segments: [...segments].map(([segmentId, s]) => ({ id: segmentId, name: s.name, memberCount: s.memberCount, deleted: s.deleted })),
    progress,
  };
}

const Intent = z.enum(["save", "preview", "test", "send", "pause", "resume", "cancel", "duplicate"]);

function parseDraft(text: unknown): CampaignDraft | null {
  if (typeof text !== "string") return null;
  try {
    const parsed = CampaignDraft.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export type PageActionResult = { answer: ActionAnswer; status: number } | { redirect: string };

/** Intents that carry the editor's draft save it first, so what is previewed or sent is what is on screen. */
export async function campaignPageAction(
  deps: CampaignDeps,
  shop: string,
  id: string,
  fields: Record<string, unknown>,
  now: Date,
): Promise<PageActionResult> {
  const intent = Intent.safeParse(fields.intent);
  if (!intent.success) return { answer: { intent: "save", ok: false, message: `Unknown action “${String(fields.intent)}”.` }, status: 400 };
  if (["save", "preview", "test", "send"].includes(intent.data)) {
    const draft = parseDraft(fields.draft);
    if (!draft)
      return { answer: { intent: "save", ok: false, message: "The campaign form could not be read: reload the page." }, status: 400 };
    const saved = await saveDraft(deps.db, shop, id, draft);
    if (!saved.ok) return { answer: { intent: "save", ok: false, message: saved.message }, status: 200 };
  }
  switch (intent.data) {
    case "save":
      return { answer: { intent: "save", ok: true }, status: 200 };
    case "preview": {
      const result = await previewCampaign(deps, shop, id, now);
      return {
        answer: result.ok
          ? { intent: "preview", ok: true, preview: result.preview }
          : { intent: "preview", ok: false, errors: result.errors },
        status: 200,
      };
    }
    case "test": {
      const result = await sendCampaignTest(deps, shop, id, typeof fields.to === "string" ? fields.to : "", now);
      return {
        answer: result.ok ? { intent: "test", ok: true, to: result.to } : { intent: "test", ok: false, errors: result.errors },
        status: 200,
      };
    }
    case "send": {
      const result = await requestSend(deps, shop, id, now);
      return result.ok
        ? { redirect: `/app/campaigns/${id}` }
        : { answer: { intent: "send", ok: false, errors: result.errors }, status: 200 };
    }
    case "pause":
    case "resume":
    case "cancel": {
      const result =
        intent.data === "pause"
          ? await pauseCampaign(deps, shop, id)
          : intent.data === "resume"
            ? await resumeCampaign(deps, shop, id, now)
            : await cancelCampaign(deps, shop, id, now);
      return { answer: { intent: intent.data, ...result }, status: 200 };
    }
    case "duplicate":
      return { redirect: `/app/campaigns/${await duplicateCampaign(deps.db, shop, id)}` };
  }
}

export async function newCampaign(deps: CampaignDeps, shop: string): Promise<string> {
  return createCampaign(deps.db, shop, EMPTY_DRAFT);
}
