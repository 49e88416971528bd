/**
 * A stored Campaign row ↔ the editor's draft (PURE). Segment ids are JSON arrays; an email's
 * blocks are the body as JSON; the send time is stored in UTC and edited in the shop's zone.
 */
import { z } from "zod";
import { CampaignDraft, EMPTY_DRAFT, type DraftBlock } from "./campaign-form";
import { formatLocalDateTime, parseLocalDateTime, type SendMode } from "./schedule";

export interface CampaignContentRow {
  name: string;
  channel: "SMS" | "EMAIL";
  includeSegmentIds: string;
  excludeSegmentIds: string;
  subject: string | null;
  previewText: string | null;
  body: string;
  sendMode: string;
  scheduledAt: Date | null;
  localTime: string | null;
  holdoutPercent: number;
}

const Ids = z.array(z.string());
const Blocks = CampaignDraft.shape.blocks;

function parseJson<T>(text: string, schema: z.ZodType<T>, fallback: T): T {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

export function draftOf(row: CampaignContentRow, shopTimeZone: string): CampaignDraft {
  const blocks: DraftBlock[] = row.channel === "EMAIL" ? parseJson(row.body, Blocks, EMPTY_DRAFT.blocks) : EMPTY_DRAFT.blocks;
  return {
    name: row.name,
    channel: row.channel,
    includeSegmentIds: parseJson(row.includeSegmentIds, Ids, []),
    excludeSegmentIds: parseJson(row.excludeSegmentIds, Ids, []),
    smsText: row.channel === "SMS" ? row.body : "",
    subject: row.subject ?? "",
    previewText: row.previewText ?? "",
    blocks,
    sendMode: (["now", "at", "local"] as const).find((m) => m === row.sendMode) ?? "now",
    sendAt: row.scheduledAt && row.sendMode === "at" ? formatLocalDateTime(row.scheduledAt, shopTimeZone) : "",
    localTime: row.localTime ?? EMPTY_DRAFT.localTime,
    holdoutPercent: row.holdoutPercent,
  };
}

export function rowOf(draft: CampaignDraft, shopTimeZone: string): CampaignContentRow & { segmentId: string | null } {
  const mode: SendMode = draft.sendMode;
  return {
    name: draft.name.trim(),
    channel: draft.channel,
    segmentId: draft.includeSegmentIds[0] ?? null,
    includeSegmentIds: JSON.stringify(draft.includeSegmentIds),
    excludeSegmentIds: JSON.stringify(draft.excludeSegmentIds),
    subject: draft.channel === "EMAIL" ? draft.subject : null,
    previewText: draft.channel === "EMAIL" ? draft.previewText : null,
    body: draft.channel === "SMS" ? draft.smsText : JSON.stringify(draft.blocks),
    sendMode: mode,
    scheduledAt: mode === "at" ? parseLocalDateTime(draft.sendAt, shopTimeZone) : null,
    localTime: mode === "local" ? draft.localTime : null,
    holdoutPercent: draft.holdoutPercent,
  };
}
