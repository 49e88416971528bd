/**
 * Sending a campaign: the merchant's Send checks it and schedules the `campaigns.start` job (now,
 * or at the chosen time); the job checks again, freezes the audience once (include minus exclude),
 * holds out its share, renders each message and writes the outbox rows in bulk, then wakes the
 * dispatcher. Consent, quiet hours and caps are the dispatcher's, at dispatch time.
 *
 * A start interrupted after claiming (SENDING, not yet frozen) is simply run again: holdout and
 * outbox rows are keyed, so a second run writes nothing twice.
 */
import { z } from "zod";
import type { JobHandler } from "~/jobs/queue";
import { unsubscribeUrl } from "~/messaging/consent/unsubscribe-token";
import { enqueueTrackedAndWake } from "~/messaging/links/enqueue-tracked.server";
import { jsonItem, jsonRowsSource } from "~/db/json-rows.server";
import type { NewOutboxMessage } from "~/messaging/outbox/outbox-store.server";
import { forShop } from "~/db/shop-scope.server";
import { dbDialect } from "~/db/dialect.server";
import { toPgPlaceholders } from "~/db/sql-runner.server";
import { countAudience, loadAudience, renderRecipientAt, trimmedAddress, type Audience } from "./audience.server";
import { checkCampaign, type CampaignDraft, type FieldError } from "./campaign-form";
import { draftOf } from "./campaign-row";
import { requireCampaign, segmentRefs } from "./campaign-store.server";
import { applyCancel, applyPause } from "./controls.server";
import { renderShopOf, type CampaignDeps } from "./deps.server";
import { isHeldOut } from "./holdout";
import { campaignRenderer, needsUnsubscribeUrl, type RenderRecipient } from "./render";
import { nextLocalTime, parseClock } from "./schedule";
import { CAMPAIGN_START_JOB, startJobKey } from "./start-job";
import { locationsOfColumns, zoneOf } from "./zones.server";

export type SendRequestResult = { ok: true; runAt: Date } | { ok: false; errors: FieldError[] };

async function problemsOf(deps: CampaignDeps, shop: string, draft: CampaignDraft, now: Date, zone: string): Promise<FieldError[]> {
  const errors = checkCampaign(draft, { now, shopTimeZone: zone, segments: await segmentRefs(deps.db, shop) });
  if (errors.length > 0) return errors;
  const count = await countAudience(deps.db, shop, draft.includeSegmentIds, draft.excludeSegmentIds);
  if (count === 0)
    return [
      {
        field: "audience",
        message: `The audience is empty: no customer is in the chosen segments${draft.excludeSegmentIds.length > 0 ? " after the exclusions" : ""}.`,
      },
    ];
  return [];
}

/** The merchant's Send: checks everything, then schedules the start (now, or at the chosen time). */
export async function requestSend(deps: CampaignDeps, shop: string, campaignId: string, now: Date): Promise<SendRequestResult> {
  const row = await requireCampaign(deps.db, shop, campaignId);
  if (row.status !== "DRAFT")
    return { ok: false, errors: [{ field: "status", message: `This campaign is already ${row.status.toLowerCase()}.` }] };
  const shopInfo = await renderShopOf(deps.db, shop);
  const draft = draftOf(row, shopInfo.timeZone);
  const errors = await problemsOf(deps, shop, draft, now, shopInfo.timeZone);
  if (errors.length > 0) return { ok: false, errors };
  const runAt = draft.sendMode === "at" && row.scheduledAt ? row.scheduledAt : now;
  const { count } = await forShop(deps.db, shop).campaign.updateMany({
    where: { id: campaignId, status: "DRAFT" },
    data: { status: "SCHEDULED", notSentReason: null, ...(draft.sendMode === "at" ? {} : { scheduledAt: null }) },
  });
  if (count === 0) return { ok: false, errors: [{ field: "status", message: "This campaign was sent or changed meanwhile." }] };
  await deps.queue.enqueue(
    CAMPAIGN_START_JOB,
    { shop, campaignId },
    { runAt, uniqueKey: startJobKey(campaignId), attempts: 5, backoffMs: 5_000 },
  );
  return { ok: true, runAt };
}

/**
 * The one place campaign messages enter the outbox: writes the rows (a key already there is kept)
 * with each link made a tracked short link for its recipient, and wakes the shop's dispatcher.
 */
export async function enqueueCampaignMessages(deps: CampaignDeps, rows: readonly NewOutboxMessage[], now: Date): Promise<number> {
  return enqueueTrackedAndWake(deps.db, deps.queue, rows, now, { appUrl: deps.appUrl, key: deps.key });
}

async function notSend(deps: CampaignDeps, shop: string, campaignId: string, reason: string): Promise<void> {
  await forShop(deps.db, shop).campaign.updateMany({
    where: { id: campaignId, status: { in: ["SCHEDULED", "SENDING"] } },
    data: { status: "DRAFT", notSentReason: reason },
  });
}

export type StartReport =
  | { started: false; reason: string }
  /** `freezeMs`: audience read, holdout and messages rendered; `writeMs`: holdout and outbox rows written (for the blast bench). */
  | {
      started: true;
      audience: number;
      holdout: number;
      noAddress: number;
      enqueued: number;
      timings: { freezeMs: number; writeMs: number };
    };

/** The `campaigns.start` job's work. */
export async function startCampaign(deps: CampaignDeps, shop: string, campaignId: string, now: Date): Promise<StartReport> {
  const row = await requireCampaign(deps.db, shop, campaignId);
  const resuming = row.status === "SENDING" && row.frozenAt === null;
  if (row.status !== "SCHEDULED" && !resuming) return { started: false, reason: `campaign is ${row.status}` };
  const shopInfo = await renderShopOf(deps.db, shop);
  const draft = draftOf(row, shopInfo.timeZone);
  // The chosen time has come: only the audience and the message are checked again.
  const errors = checkCampaign(
    { ...draft, sendMode: draft.sendMode === "at" ? "now" : draft.sendMode },
    { now, shopTimeZone: shopInfo.timeZone, segments: await segmentRefs(deps.db, shop) },
  );
  if (errors.length > 0) {
    const reason = `Not sent: ${errors.map((e) => e.message).join(" ")}`;
    await notSend(deps, shop, campaignId, reason);
    return { started: false, reason };
  }
  if (!resuming) {
    const { count } = await forShop(deps.db, shop).campaign.updateMany({
      where: { id: campaignId, status: "SCHEDULED" },
      data: { status: "SENDING", startedAt: now },
    });
    if (count === 0) return { started: false, reason: "campaign was started or cancelled meanwhile" };
  }
  const freezeStart = performance.now();
  // Consent is the dispatcher's; the location only for "at this local time".
  const audience = await loadAudience(deps.db, shop, draft.includeSegmentIds, draft.excludeSegmentIds, draft.channel, {
    withLocation: draft.sendMode === "local",
    withConsent: false,
  });
  if (audience.id.length === 0) {
    const reason = "Not sent: the audience was empty when sending started.";
    await notSend(deps, shop, campaignId, reason);
    return { started: false, reason };
  }
  const frozen = await freezeMessages(deps, shop, campaignId, draft, audience, shopInfo, now);
  const writeStart = performance.now();
  await insertHoldout(deps, shop, campaignId, frozen.holdout);
  await enqueueCampaignMessages(deps, frozen.rows, now);
  const writeMs = performance.now() - writeStart;
  await forShop(deps.db, shop).campaign.updateMany({
    where: { id: campaignId },
    data: {
      frozenAt: now,
      audienceCount: audience.id.length,
      holdoutCount: frozen.holdout.length,
      noAddressCount: frozen.noAddress,
      enqueuedCount: frozen.rows.length,
    },
  });
  // Paused or cancelled while the rows were being written: the rows follow the campaign.
  const after = await requireCampaign(deps.db, shop, campaignId);
  if (after.status === "PAUSED") await applyPause(deps.db, shop, campaignId);
  if (after.status === "CANCELLED") await applyCancel(deps.db, shop, campaignId, now);
  return {
    started: true,
    audience: audience.id.length,
    holdout: frozen.holdout.length,
    noAddress: frozen.noAddress,
    enqueued: frozen.rows.length,
    timings: { freezeMs: writeStart - freezeStart, writeMs },
  };
}

interface Frozen {
  rows: NewOutboxMessage[];
  holdout: number[];
  noAddress: number;
}

async function freezeMessages(
  deps: CampaignDeps,
  shop: string,
  campaignId: string,
  draft: CampaignDraft,
  audience: Audience,
  shopInfo: Awaited<ReturnType<typeof renderShopOf>>,
  now: Date,
): Promise<Frozen> {
  const render = await campaignRenderer(draft, shopInfo, { priced: false });
  const withUnsubscribe = needsUnsubscribeUrl(draft);
  const channel = draft.channel;
  const localMinute = draft.sendMode === "local" ? parseClock(draft.localTime) : null;
  const frozen: Frozen = { rows: [], holdout: [], noAddress: 0 };
  // "At this local time": every member's zone from one batch of phone look-ups (recipientZone's rule).
  const locations =
    localMinute === null ? null : await locationsOfColumns(audience.phone, audience.countryCode, audience.provinceCode, channel === "SMS");
  const recipient: RenderRecipient = { id: 0, firstName: null, lastName: null, countryCode: null };
  audience.id.forEach((id, i) => {
    if (isHeldOut(campaignId, id, draft.holdoutPercent)) {
      frozen.holdout.push(id);
      return;
    }
    const address = trimmedAddress(audience.address[i] ?? null);
    if (address === null) {
      frozen.noAddress += 1;
      return;
    }
    const link = withUnsubscribe ? unsubscribeUrl(deps.appUrl, shop, channel === "SMS" ? "sms" : "email", id, deps.key) : "";
    const message = render(renderRecipientAt(audience, i, recipient), link);
    const location = locations?.[i];
    const notBefore = localMinute === null || !location ? now : nextLocalTime(zoneOf(location, shopInfo.timeZone), localMinute, now);
    frozen.rows.push({
      shop,
      idempotencyKey: `campaign:${campaignId}:${id}`,
      channel,
      customerId: id,
      recipient: address,
      subject: message.subject,
      body: message.body,
      notBefore,
      campaignId,
    });
  });
  return frozen;
}

const HOLDOUT_CHUNK = 10_000;

/** The held-out customers, each chunk bound as one JSON list (app/db/json-rows.server.ts). */
async function insertHoldout(deps: CampaignDeps, shop: string, campaignId: string, customerIds: readonly number[]): Promise<void> {
  const dialect = dbDialect(deps.db);
  // `WHERE true`: SQLite otherwise reads `ON CONFLICT` as a join's ON (https://sqlite.org/lang_upsert.html).
  let sql = `INSERT INTO "CampaignHoldout" ("campaignId", "customerId", "shop") SELECT ?, ${jsonItem(dialect, "integer")}, ? FROM ${jsonRowsSource(dialect)} WHERE true ON CONFLICT DO NOTHING`;
  if (dialect === "postgres") sql = toPgPlaceholders(sql);
  for (let start = 0; start < customerIds.length; start += HOLDOUT_CHUNK) {
    await deps.db.$executeRawUnsafe(sql, campaignId, shop, JSON.stringify(customerIds.slice(start, start + HOLDOUT_CHUNK)));
  }
}

const StartPayload = z.object({ shop: z.string().min(1), campaignId: z.string().min(1) });

export function campaignStartHandler(deps: () => Promise<CampaignDeps>, now: () => Date): JobHandler {
  return async (job) => {
    const { shop, campaignId } = StartPayload.parse(job.payload);
    await startCampaign(await deps(), shop, campaignId, now());
  };
}
