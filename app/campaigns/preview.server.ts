/**
 * Preview for the real audience now: each recipient decided as the dispatcher will decide them
 * (decideDispatch with their consent, the suppression list, their recent messages, the cap and
 * quiet hours, at the campaign's start), every text rendered for its segments and cost, and how
 * long sending takes at the shop's rate.
 */
import type { Db } from "~/db/db.server";
import { unsubscribeUrl } from "~/messaging/consent/unsubscribe-token";
import { messageKindOf, capPolicyOf } from "~/messaging/dispatch/policy";
import { checkConsent, normaliseAddress, type MarketingState } from "~/messaging/rules/consent";
import { decideDispatch, type DispatchDecision } from "~/messaging/rules/decide-dispatch";
import { DEFAULT_FREQUENCY_CAP, FrequencyCapSettings, type SentMessage } from "~/messaging/rules/frequency-cap";
import { nextAllowedMs, type RecipientLocation } from "~/messaging/rules/quiet-hours/next-allowed";
import { defaultQuietHours, QuietHoursSettings } from "~/messaging/rules/quiet-hours/settings";
import { suppressionHash } from "~/privacy/suppression-hash";
import { loadAudience, renderRecipientAt, trimmedAddress } from "./audience.server";
import { checkCampaign, type FieldError } from "./campaign-form";
import { draftOf } from "./campaign-row";
import { requireCampaign, segmentRefs } from "./campaign-store.server";
import { renderShopOf, type CampaignDeps } from "./deps.server";
import { isHeldOut } from "./holdout";
import { addSms, countDecision, emptyCounts, formatDuration, paceOf, type Pace, type PreviewCounts, type SmsSummary } from "./preview";
import { campaignRenderer, needsUnsubscribeUrl, type RenderRecipient } from "./render";
import { nextLocalTime, parseClock } from "./schedule";
import { locationsOfColumns, zoneOf } from "./zones.server";

const WEEK_MS = 7 * 86_400_000;

export interface CampaignPreview {
  counts: PreviewCounts;
  sms: SmsSummary | null;
  pace: Pace & { duration: string };
  /** Set when sending would run into quiet hours, with the merchant's choices. */
  quietHoursWarning: string | null;
}

export type PreviewResult = { ok: true; preview: CampaignPreview } | { ok: false; errors: FieldError[] };

async function rulesOf(db: Db, shop: string, zone: string) {
  const row = await db.sendingRules.findUnique({ where: { shop }, select: { quietHours: true, frequencyCap: true } });
  const parse = <T>(
    text: string | null | undefined,
    schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
    fallback: T,
  ): T => {
    if (!text) return fallback;
    try {
      const parsed = schema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : fallback;
    } catch {
      return fallback;
    }
  };
  return {
    quietHours: parse(row?.quietHours, QuietHoursSettings, defaultQuietHours(zone, "US")),
    frequencyCap: parse(row?.frequencyCap, FrequencyCapSettings, DEFAULT_FREQUENCY_CAP),
  };
}

/**
 * The shop's suppressed addresses among the recipients: the whole list for the channel is read at
 * once (far shorter than a blast's audience) and matched by hash in memory.
 */
async function suppressedAmong(
  deps: CampaignDeps,
  shop: string,
  channel: "SMS" | "EMAIL",
  addresses: readonly string[],
): Promise<Set<string>> {
  const listed = new Set(
    (await deps.db.suppression.findMany({ where: { shop, channel }, select: { addressHash: true } })).map((r) => r.addressHash),
  );
  const found = new Set<string>();
  if (listed.size === 0) return found;
  for (const a of addresses)
    if (listed.has(suppressionHash(deps.key, shop, channel, a))) found.add(normaliseAddress(channel === "SMS" ? "sms" : "email", a));
  return found;
}

/** The shop's marketing sends of the cap's window, by customer: one read, not one per chunk of the audience. */
async function historyOf(db: Db, shop: string, customerIds: readonly number[], since: Date): Promise<Map<number, SentMessage[]>> {
  const rows = await db.outboxMessage.findMany({
    where: { shop, status: { in: ["SENT", "DELIVERED"] }, sentAt: { gte: since }, customerId: { not: null } },
    select: { customerId: true, channel: true, idempotencyKey: true, sentAt: true },
  });
  const out = new Map<number, SentMessage[]>();
  if (rows.length === 0) return out;
  const wanted = new Set(customerIds);
  for (const row of rows) {
    if (row.customerId === null || row.sentAt === null || !wanted.has(row.customerId)) continue;
    const list = out.get(row.customerId) ?? [];
    list.push({ at: row.sentAt.getTime(), channel: row.channel === "SMS" ? "sms" : "email", kind: messageKindOf(row.idempotencyKey) });
    out.set(row.customerId, list);
  }
  return out;
}

export async function previewCampaign(deps: CampaignDeps, shop: string, campaignId: string, now: Date): Promise<PreviewResult> {
  const row = await requireCampaign(deps.db, shop, campaignId);
  const shopInfo = await renderShopOf(deps.db, shop);
  const draft = draftOf(row, shopInfo.timeZone);
  const errors = checkCampaign(
    { ...draft, sendMode: draft.sendMode === "at" ? "now" : draft.sendMode },
    { now, shopTimeZone: shopInfo.timeZone, segments: await segmentRefs(deps.db, shop) },
  );
  if (errors.length > 0) return { ok: false, errors };
  const startsAt = draft.sendMode === "at" && row.scheduledAt && row.scheduledAt > now ? row.scheduledAt : now;
  const channel = draft.channel;
  const audience = await loadAudience(deps.db, shop, draft.includeSegmentIds, draft.excludeSegmentIds, channel, {
    withLocation: true,
    withConsent: true,
  });
  const counts = emptyCounts();
  counts.audience = audience.id.length;
  // The recipients as indexes into the audience's columns, with their trimmed addresses.
  const indexes: number[] = [];
  const addresses: string[] = [];
  audience.id.forEach((id, i) => {
    if (isHeldOut(campaignId, id, draft.holdoutPercent)) counts.holdout += 1;
    else {
      const address = trimmedAddress(audience.address[i] ?? null);
      if (address === null) counts.noAddress += 1;
      else {
        indexes.push(i);
        addresses.push(address);
      }
    }
  });
  const [rules, suppressed, history] = await Promise.all([
    rulesOf(deps.db, shop, shopInfo.timeZone),
    suppressedAmong(deps, shop, channel, addresses),
    historyOf(
      deps.db,
      shop,
      indexes.map((i) => audience.id[i] as number),
      new Date(startsAt.getTime() - WEEK_MS),
    ),
  ]);
  const render = await campaignRenderer(draft, shopInfo);
  const withLink = needsUnsubscribeUrl(draft);
  const localMinute = draft.sendMode === "local" ? parseClock(draft.localTime) : null;
  const messageChannel = channel === "SMS" ? "sms" : "email";
  const key = `campaign:${campaignId}:0`;
  let sms: SmsSummary | null = null;
  const sendingNow: RecipientLocation[] = [];
  // Phone locations for the whole audience first (one await), then every decision synchronously.
  const withPhone = channel === "SMS" || rules.quietHours.email.enabled;
  const pick = <T>(column: readonly T[]) => indexes.map((i) => column[i] as T);
  const locations = await locationsOfColumns(pick(audience.phone), pick(audience.countryCode), pick(audience.provinceCode), withPhone);
  const policy = { channel: messageChannel, kind: "marketing", onCap: capPolicyOf(key), deadline: null } as const;
  const context = { consent: { suppressed, shopPaused: shopInfo.paused }, frequencyCap: rules.frequencyCap, quietHours: rules.quietHours };
  // After consent, decideDispatch reads only the location, the history, the settings and the
  // time: for a consenting recipient with no sends in the cap's window it is computed once per
  // (shared location object, time) and reused (locationsOf shares one object per key).
  const afterConsent = new Map<RecipientLocation, Map<number, DispatchDecision>>();
  const localStarts = new Map<RecipientLocation, Date>();
  const renderRecipient: RenderRecipient = { id: 0, firstName: null, lastName: null, countryCode: null };
  indexes.forEach((member, i) => {
    const id = audience.id[member] as number;
    const address = addresses[i] as string;
    const location = locations[i] as RecipientLocation;
    // recipientZone's location: the phone only for texts.
    let at = localMinute === null ? startsAt : localStarts.get(location);
    if (at === undefined) {
      at = nextLocalTime(
        zoneOf(channel === "SMS" ? location : { phone: null, address: location.address }, shopInfo.timeZone),
        localMinute as number,
        now,
      );
      localStarts.set(location, at);
    }
    const marketingState = (audience.marketingState[member] ?? "").toLowerCase() as MarketingState;
    const recipient = { contact: { address, marketingState }, location };
    const sent = history.get(id);
    let decision: DispatchDecision;
    if (sent === undefined && checkConsent(policy.channel, policy.kind, recipient.contact, context.consent).ok) {
      let byTime = afterConsent.get(location);
      if (!byTime) afterConsent.set(location, (byTime = new Map()));
      const known = byTime.get(at.getTime());
      decision = known ?? decideDispatch(recipient, policy, [], context, at);
      if (!known) byTime.set(at.getTime(), decision);
    } else decision = decideDispatch(recipient, policy, sent ?? [], context, at);
    countDecision(counts, decision);
    if (decision.action === "send_now") sendingNow.push(location);
    if (channel === "SMS" && decision.action !== "skip") {
      const message = render(
        renderRecipientAt(audience, member, renderRecipient),
        withLink ? unsubscribeUrl(deps.appUrl, shop, "sms", id, deps.key) : "",
      );
      if (message.sms) sms = addSms(sms, message.body, message.sms.analysis, message.sms);
    }
  });
  const pace = paceOf(counts.sendNow, channel, shopInfo.smsPerSecond, startsAt);
  return {
    ok: true,
    preview: {
      counts,
      sms,
      pace: { ...pace, duration: formatDuration(pace.seconds) },
      quietHoursWarning: quietHoursWarning(pace, channel, sendingNow, rules.quietHours),
    },
  };
}

/**
 * Whether the blast outlasts some recipients' allowed hours: those whose window is closed by the
 * time the last text would go (a conservative reading: earlier texts may still make it).
 */
function quietHoursWarning(
  pace: Pace,
  channel: "SMS" | "EMAIL",
  sendingNow: readonly RecipientLocation[],
  quietHours: QuietHoursSettings,
): string | null {
  if (channel !== "SMS" || pace.seconds < 60) return null;
  const end = Date.parse(pace.endsAt);
  // Once per distinct location (locationsOf shares them), not per recipient.
  const closed = new Map<RecipientLocation, boolean>();
  let late = 0;
  for (const location of sendingNow) {
    let isClosed = closed.get(location);
    if (isClosed === undefined) closed.set(location, (isClosed = (nextAllowedMs(location, "sms", end, quietHours) ?? Infinity) > end));
    if (isClosed) late += 1;
  }
  if (late === 0) return null;
  return (
    `At ${formatCount(pace.perSecond)} texts per second sending takes ${formatDuration(pace.seconds)}, and for ${formatCount(late)} recipient${late === 1 ? "" : "s"} quiet hours begin before then: what is not sent by then waits for their next allowed hours. ` +
    "You can let it spread over several days' allowed hours (nothing to do), send to fewer recipients (exclude a segment), or raise the rate in Settings → SMS."
  );
}

const formatCount = (n: number) => new Intl.NumberFormat("en-US").format(n);
