/**
 * A campaign as the editor holds it, and what must be true before it can be sent (PURE). Drafts
 * save whatever was typed; `checkCampaign` names every field that keeps it from sending.
 */
import { z } from "zod";
import { EmailContent, validateEmailContent } from "~/messaging/email/blocks";
import { validateTemplate, type TemplateError } from "~/messaging/render/template";
import { parseClock, parseLocalDateTime, sendAtProblem, SEND_MODES } from "./schedule";

/** A block as typed: drafts may hold empty fields, so this is looser than EmailBlock. */
const DraftBlock = z.object({
  type: z.enum(["heading", "paragraph", "button"]),
  text: z.string().max(5_000).default(""),
  label: z.string().max(80).default(""),
  url: z.string().max(2_000).default(""),
});
export type DraftBlock = z.infer<typeof DraftBlock>;

export const CampaignDraft = z.object({
  name: z.string().max(120),
  channel: z.enum(["SMS", "EMAIL"]),
  includeSegmentIds: z.array(z.string().min(1).max(64)).max(20),
  excludeSegmentIds: z.array(z.string().min(1).max(64)).max(20),
  smsText: z.string().max(1_600),
  subject: z.string().max(200),
  previewText: z.string().max(200),
  blocks: z.array(DraftBlock).max(50),
  sendMode: z.enum(SEND_MODES),
  /** "YYYY-MM-DDTHH:MM" in the shop's time zone (send mode "at"). */
  sendAt: z.string().max(20),
  /** "HH:MM" in each recipient's zone (send mode "local"). */
  localTime: z.string().max(5),
  holdoutPercent: z.number().int().min(0).max(50),
});
export type CampaignDraft = z.infer<typeof CampaignDraft>;

export const EMPTY_DRAFT: CampaignDraft = {
  name: "",
  channel: "SMS",
  includeSegmentIds: [],
  excludeSegmentIds: [],
  smsText: "",
  subject: "",
  previewText: "",
  blocks: [{ type: "paragraph", text: "", label: "", url: "" }],
  sendMode: "now",
  sendAt: "",
  localTime: "10:00",
  holdoutPercent: 0,
};

export interface FieldError {
  /** The editor field: `name`, `audience`, `exclude`, `smsText`, `subject`, `blocks.2.url`, `sendAt`, `localTime`. */
  field: string;
  message: string;
}

export interface SegmentRef {
  name: string;
  deleted: boolean;
}

export interface CheckContext {
  now: Date;
  shopTimeZone: string;
  /** The shop's segments by id, deleted ones included (tombstones keep their name). */
  segments: ReadonlyMap<string, SegmentRef>;
}

const templateErrors = (field: string, errors: readonly TemplateError[]): FieldError[] =>
  errors.map((e) => ({ field, message: `Line ${e.line}, column ${e.column}: ${e.message}.` }));

/** The blocks as the email compiler takes them: only the fields each type has. */
export function emailContentOf(draft: Pick<CampaignDraft, "subject" | "previewText" | "blocks">): EmailContent {
  return {
    subject: draft.subject,
    previewText: draft.previewText,
    blocks: draft.blocks.map((b) =>
      b.type === "button" ? { type: "button" as const, label: b.label, url: b.url } : { type: b.type, text: b.text },
    ),
  };
}

function audienceErrors(draft: CampaignDraft, segments: CheckContext["segments"]): FieldError[] {
  const errors: FieldError[] = [];
  if (draft.includeSegmentIds.length === 0) errors.push({ field: "audience", message: "Choose at least one segment to send to." });
  const check = (field: string, ids: readonly string[]) => {
    for (const id of ids) {
      const segment = segments.get(id);
      if (!segment) errors.push({ field, message: `A chosen segment (${id}) no longer exists: choose another.` });
      else if (segment.deleted) errors.push({ field, message: `Segment “${segment.name}” was deleted: choose another.` });
    }
  };
  check("audience", draft.includeSegmentIds);
  check("exclude", draft.excludeSegmentIds);
  return errors;
}

function messageErrors(draft: CampaignDraft): FieldError[] {
  if (draft.channel === "SMS") {
    if (draft.smsText.trim() === "") return [{ field: "smsText", message: "Write the text message." }];
    return templateErrors("smsText", validateTemplate(draft.smsText));
  }
  const errors: FieldError[] = [];
  if (draft.subject.trim() === "") errors.push({ field: "subject", message: "Write a subject." });
  if (draft.blocks.length === 0) errors.push({ field: "blocks", message: "Add at least one block to the email." });
  draft.blocks.forEach((b, i) => {
    if (b.type === "button") {
      if (b.label.trim() === "") errors.push({ field: `blocks.${i}.label`, message: "The button needs a label." });
      if (b.url.trim() === "") errors.push({ field: `blocks.${i}.url`, message: "The button needs a link." });
    } else if (b.text.trim() === "")
      errors.push({ field: `blocks.${i}.text`, message: b.type === "heading" ? "The heading is empty." : "The paragraph is empty." });
  });
  if (errors.length > 0) return errors;
  const parsed = EmailContent.safeParse(emailContentOf(draft));
  if (!parsed.success) return parsed.error.issues.map((i) => ({ field: i.path.join(".") || "blocks", message: i.message }));
  return validateEmailContent(parsed.data).map((e) => ({ field: e.field, message: `Line ${e.line}, column ${e.column}: ${e.message}.` }));
}

function scheduleErrors(draft: CampaignDraft, context: CheckContext): FieldError[] {
  if (draft.sendMode === "at") {
    const at = parseLocalDateTime(draft.sendAt, context.shopTimeZone);
    if (at === null) return [{ field: "sendAt", message: "Enter the date and time to send (YYYY-MM-DD and HH:MM)." }];
    const problem = sendAtProblem(at, context.now);
    return problem === null ? [] : [{ field: "sendAt", message: problem }];
  }
  if (draft.sendMode === "local" && parseClock(draft.localTime) === null)
    return [{ field: "localTime", message: "Enter the local time as HH:MM (24-hour)." }];
  return [];
}

/** Every reason the campaign cannot be sent as it stands; empty when it can (audience size aside). */
export function checkCampaign(draft: CampaignDraft, context: CheckContext): FieldError[] {
  return [
    ...(draft.name.trim() === "" ? [{ field: "name", message: "Give the campaign a name." }] : []),
    ...audienceErrors(draft, context.segments),
    ...messageErrors(draft),
    ...scheduleErrors(draft, context),
  ];
}
