/**
 * PURE: many recipients' emails from one template as few provider requests. Each recipient's
 * email is the template's pieces joined with their own slot values; within a request the slots
 * every recipient fills alike are written into the content once, and the ones that differ become
 * substitution tags filled per recipient (SendGrid `personalizations[].substitutions`). So a
 * campaign whose every email differs (first names, tracked links, unsubscribe links) still goes
 * 1,000 recipients per request, each recipient receiving exactly their own email.
 *
 * A recipient whose values would exceed SendGrid's 10,000 bytes of substitutions, or contain the
 * tag marker itself, goes in a request of their own with the values written in.
 */
import type { EmailRecipient } from "../channel";
import type { Piece } from "./compile";

/** SendGrid: at most 1,000 personalizations per request. */
export const MAX_RECIPIENTS_PER_REQUEST = 1000;
/** SendGrid: "The total collective size of your substitutions may not exceed 10,000 bytes per personalization object." */
export const MAX_SUBSTITUTION_BYTES = 10_000;

const MARKER = "[[flock:";
const tagOf = (part: "h" | "t", slot: number): string => `${MARKER}${part}${slot}]]`;

export interface BatchTemplate {
  /** Null: a text-only email. */
  html: readonly Piece[] | null;
  text: readonly Piece[];
}

/** A template whose one slot is the whole text: emails known only by their stored text part. */
export const TEXT_ONLY: BatchTemplate = { html: null, text: [0] };

export interface BatchRecipient<T> {
  ref: T;
  to: EmailRecipient;
  subject: string;
  /** Values by slot number, written for the HTML part (unused for a text-only template). */
  html: readonly string[];
  /** Values by slot number, written for the text part. */
  text: readonly string[];
  headers: Readonly<Record<string, string>>;
}

export interface BatchedEmail<T> {
  refs: T[];
  subject: string;
  text: string;
  html?: string;
  recipients: EmailRecipient[];
}

function join(pieces: readonly Piece[], values: readonly string[]): string {
  let out = "";
  for (const piece of pieces) out += typeof piece === "number" ? (values[piece] ?? "") : piece;
  return out;
}

/** Slot numbers a template part uses. */
function slotsOf(pieces: readonly Piece[] | null): number[] {
  return pieces === null ? [] : [...new Set(pieces.filter((p): p is number => typeof p === "number"))];
}

function bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

function alone<T>(template: BatchTemplate, r: BatchRecipient<T>): BatchedEmail<T> {
  const headers = Object.keys(r.headers).length > 0 ? { headers: { ...r.headers } } : {};
  return {
    refs: [r.ref],
    subject: r.subject,
    text: join(template.text, r.text),
    ...(template.html === null ? {} : { html: join(template.html, r.html) }),
    recipients: [{ ...r.to, ...headers }],
  };
}

/**
 * The recipients as requests of at most `max` (default 1,000), in order; each request's `refs`
 * are its recipients' refs, one per entry of `recipients`.
 */
export function batchEmails<T>(
  template: BatchTemplate,
  recipients: readonly BatchRecipient<T>[],
  max = MAX_RECIPIENTS_PER_REQUEST,
): BatchedEmail<T>[] {
  const literalHasMarker = [...(template.html ?? []), ...template.text].some((p) => typeof p === "string" && p.includes(MARKER));
  if (literalHasMarker) return recipients.map((r) => alone(template, r));
  const htmlSlots = slotsOf(template.html);
  const textSlots = slotsOf(template.text);
  const out: BatchedEmail<T>[] = [];
  const singles: BatchedEmail<T>[] = [];
  const clean = recipients.filter((r) => {
    const marked = htmlSlots.some((s) => (r.html[s] ?? "").includes(MARKER)) || textSlots.some((s) => (r.text[s] ?? "").includes(MARKER));
    if (marked) singles.push(alone(template, r));
    return !marked;
  });
  for (let start = 0; start < clean.length; start += max) {
    const chunk = clean.slice(start, start + max);
    const first = chunk[0] as BatchRecipient<T>;
    const varyingHtml = new Set(htmlSlots.filter((s) => chunk.some((r) => r.html[s] !== first.html[s])));
    const varyingText = new Set(textSlots.filter((s) => chunk.some((r) => r.text[s] !== first.text[s])));
    const fill = (pieces: readonly Piece[], varying: ReadonlySet<number>, part: "h" | "t", values: readonly string[]) =>
      pieces.map((p) => (typeof p === "number" ? (varying.has(p) ? tagOf(part, p) : (values[p] ?? "")) : p)).join("");
    const batch: BatchedEmail<T> = {
      refs: [],
      subject: first.subject,
      text: fill(template.text, varyingText, "t", first.text),
      ...(template.html === null ? {} : { html: fill(template.html, varyingHtml, "h", first.html) }),
      recipients: [],
    };
    // Each varying slot's part, tag and tag size once per request, not per recipient.
    const slotOf = (part: "html" | "text", slot: number) => {
      const tag = tagOf(part === "html" ? "h" : "t", slot);
      return { part, slot, tag, size: bytes(tag) };
    };
    const tags = [...[...varyingHtml].map((s) => slotOf("html", s)), ...[...varyingText].map((s) => slotOf("text", s))];
    for (const r of chunk) {
      const substitutions: Record<string, string> = {};
      let size = 0;
      for (const { part, slot, tag, size: tagSize } of tags) {
        const value = r[part][slot] ?? "";
        substitutions[tag] = value;
        size += tagSize + bytes(value);
      }
      if (size > MAX_SUBSTITUTION_BYTES) {
        singles.push(alone(template, r));
        continue;
      }
      batch.refs.push(r.ref);
      batch.recipients.push({
        ...r.to,
        ...(r.subject !== batch.subject ? { subject: r.subject } : {}),
        ...(Object.keys(r.headers).length > 0 ? { headers: { ...r.headers } } : {}),
        ...(size > 0 ? { substitutions } : {}),
      });
    }
    if (batch.recipients.length > 0) out.push(batch);
  }
  return [...out, ...singles];
}
