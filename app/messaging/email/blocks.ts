/**
 * The merchant's email, as the simple editor writes it: a subject, a preview text and a list of
 * blocks. Paragraphs are plain text where `[label](url)` makes a link; every text and URL is a
 * Liquid template (see `render/template.ts`), so `[Finish your order]({{ checkout_url }})` works.
 */
import { z } from "zod";
import { validateTemplate } from "../render/template";

export const EmailBlock = z.discriminatedUnion("type", [
  z.object({ type: z.literal("heading"), text: z.string().min(1).max(200) }),
  z.object({ type: z.literal("paragraph"), text: z.string().min(1).max(5_000) }),
  z.object({ type: z.literal("button"), label: z.string().min(1).max(80), url: z.string().min(1).max(2_000) }),
]);
export type EmailBlock = z.infer<typeof EmailBlock>;

export const EmailContent = z.object({
  subject: z.string().min(1).max(200),
  previewText: z.string().max(200),
  blocks: z.array(EmailBlock).min(1).max(50),
});
export type EmailContent = z.infer<typeof EmailContent>;

/** A paragraph split into text and links, on the template source (before any value is rendered). */
export type ParagraphPart = { kind: "text"; text: string } | { kind: "link"; label: string; url: string };

/** `[label](url)`; the URL may hold Liquid outputs, spaces and all: `({{ "/sale" | store_url }})`. */
const LINK = /\[([^\]\n]+)\]\(((?:\{\{[^}]*\}\}|[^)\s])+)\)/g;

export function splitParagraph(text: string): ParagraphPart[] {
  const parts: ParagraphPart[] = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    if (match.index > last) parts.push({ kind: "text", text: text.slice(last, match.index) });
    parts.push({ kind: "link", label: match[1] as string, url: (match[2] as string).trim() });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ kind: "text", text: text.slice(last) });
  return parts;
}

export interface EmailContentError {
  /** Dotted path of the field: `subject`, `blocks.2.url`. */
  field: string;
  message: string;
  line: number;
  column: number;
}

/** Every template error in every field, with where it is; empty when the email can be saved. */
export function validateEmailContent(content: EmailContent): EmailContentError[] {
  const fields: [string, string][] = [
    ["subject", content.subject],
    ["previewText", content.previewText],
  ];
  content.blocks.forEach((block, i) => {
    if (block.type === "button") fields.push([`blocks.${i}.label`, block.label], [`blocks.${i}.url`, block.url]);
    else fields.push([`blocks.${i}.text`, block.text]);
  });
  return fields.flatMap(([field, text]) => validateTemplate(text).map((error) => ({ field, ...error })));
}
