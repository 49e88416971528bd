/**
 * Email rendering: MJML runs once per template (it takes milliseconds), with a placeholder in
 * every spot that varies per recipient; each recipient is then a join of the HTML pieces and the
 * escaped values, so a campaign personalises tens of thousands of emails a second.
 *
 * Marketing email always ends with the unsubscribe link and the shop's postal address (CAN-SPAM,
 * 15 U.S.C. § 7704(a)(5)); they are added here, not left to the merchant's blocks.
 */
import mjml2html from "mjml";
import { compileTemplate } from "../render/template";
import type { CompiledTemplate, TemplateVariables } from "../render/template";
import { splitParagraph } from "./blocks";
import type { EmailContent } from "./blocks";
import { replaceTextUrls } from "../links/find-links";
import { listUnsubscribeHeaders } from "./headers";

export interface EmailShop {
  name: string;
  /** The postal address printed in every marketing email, one line per entry. */
  postalAddress: readonly string[];
  /** Brand colour of buttons and links, `#rrggbb`. */
  accentColor: string;
  /** Mailbox offered beside the https link in `List-Unsubscribe`, if any. */
  unsubscribeMailto?: string;
}

export type EmailKind = "marketing" | "transactional";

/** How a slot's value is written into the HTML. */
type SlotMode = "text" | "multiline" | "url";

interface Slot {
  template: CompiledTemplate;
  mode: SlotMode;
  /** The source has no Liquid: its value is folded into the pieces at compile time. */
  constant: boolean;
}

/** Literal text and slot numbers, in order. */
export type Piece = string | number;

export interface CompiledEmail {
  kind: EmailKind;
  unsubscribeMailto: string | undefined;
  subject: CompiledTemplate;
  slots: readonly Slot[];
  html: readonly Piece[];
  text: readonly Piece[];
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  /** `List-Unsubscribe` and `List-Unsubscribe-Post` on marketing email; none on transactional. */
  headers: Record<string, string>;
}

const ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return /[&<>"']/.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string) : text;
}

/** Only web and mail links: a rendered value like `javascript:` becomes a dead link. */
function safeUrl(url: string): string {
  const trimmed = url.trim();
  return /^(https?:\/\/|mailto:)/i.test(trimmed) ? trimmed : "#";
}

function htmlValue(value: string, mode: SlotMode): string {
  if (mode === "url") return escapeHtml(safeUrl(value));
  const escaped = escapeHtml(value);
  return mode === "multiline" ? escaped.replace(/\r?\n/g, "<br />") : escaped;
}

function textValue(value: string, mode: SlotMode): string {
  return mode === "url" ? safeUrl(value) : value;
}

/** Never read: a constant slot's template has no variables. */
const CONSTANT_SCOPE: TemplateVariables = {
  customer: { first_name: null, last_name: null },
  shop: { name: "", url: "" },
  discount_code: null,
  checkout_url: null,
  unsubscribe_url: "",
};

const MARKER = (i: number): string => `FLOCKSLOT${i}X`;
const MARKERS = /FLOCKSLOT(\d+)X/g;

/** Splits on the markers; constant slots are written in place and neighbouring text merged. */
function pieces(text: string, slots: readonly Slot[], write: (value: string, mode: SlotMode) => string): Piece[] {
  const out: Piece[] = [""];
  const append = (piece: Piece): void => {
    const last = out[out.length - 1];
    if (typeof piece === "string" && typeof last === "string") out[out.length - 1] = last + piece;
    else out.push(piece);
  };
  let last = 0;
  for (const match of text.matchAll(MARKERS)) {
    append(text.slice(last, match.index));
    const index = Number(match[1]);
    const slot = slots[index] as Slot;
    append(slot.constant ? write(slot.template(CONSTANT_SCOPE), slot.mode) : index);
    last = match.index + match[0].length;
  }
  append(text.slice(last));
  return out;
}

export interface CompileOptions {
  /**
   * Write slots without Liquid into the pieces at compile time (default). Sending keeps every
   * slot apart: a literal URL still becomes each recipient's own tracked link.
   */
  foldConstants?: boolean;
}

/**
 * MJML once, with markers in place of per-recipient values. Throws `InvalidTemplateError` for a
 * field that does not validate, and an Error naming MJML's complaint if the markup is refused.
 */
export async function compileEmail(
  content: EmailContent,
  shop: EmailShop,
  kind: EmailKind,
  options: CompileOptions = {},
): Promise<CompiledEmail> {
  const fold = options.foldConstants ?? true;
  const slots: Slot[] = [];
  const slot = (source: string, mode: SlotMode): string => {
    slots.push({ template: compileTemplate(source), mode, constant: fold && !source.includes("{{") && !source.includes("{%") });
    return MARKER(slots.length - 1);
  };
  const body: string[] = [];
  const text: string[] = [];
  const accent = /^#[0-9a-f]{6}$/i.test(shop.accentColor) ? shop.accentColor : "#1a73e8";
  for (const block of content.blocks) {
    switch (block.type) {
      case "heading": {
        const marker = slot(block.text, "text");
        body.push(`<mj-text font-size="22px" font-weight="700" line-height="1.3">${marker}</mj-text>`);
        text.push(marker);
        break;
      }
      case "paragraph": {
        const html: string[] = [];
        const plain: string[] = [];
        for (const part of splitParagraph(block.text)) {
          if (part.kind === "text") {
            const marker = slot(part.text, "multiline");
            html.push(marker);
            plain.push(marker);
          } else {
            const label = slot(part.label, "text");
            const url = slot(part.url, "url");
            html.push(`<a href="${url}" style="color:${accent}">${label}</a>`);
            plain.push(`${label} (${url})`);
          }
        }
        body.push(`<mj-text font-size="16px" line-height="1.5">${html.join("")}</mj-text>`);
        text.push(plain.join(""));
        break;
      }
      case "button": {
        const label = slot(block.label, "text");
        const url = slot(block.url, "url");
        body.push(`<mj-button href="${url}" background-color="${accent}" font-size="16px">${label}</mj-button>`);
        text.push(`${label}: ${url}`);
        break;
      }
    }
  }
  if (kind === "marketing") {
    const unsubscribe = slot("{{ unsubscribe_url }}", "url");
    const address = shop.postalAddress.map(escapeHtml).join("<br />");
    body.push(
      `<mj-divider border-width="1px" border-color="#dddddd" />`,
      `<mj-text font-size="12px" color="#666666" line-height="1.5">You are receiving this email from ${escapeHtml(shop.name)}. <a href="${unsubscribe}" style="color:#666666">Unsubscribe</a><br />${address}</mj-text>`,
    );
    text.push(`--\nYou are receiving this email from ${shop.name}. Unsubscribe: ${unsubscribe}\n${shop.postalAddress.join("\n")}`);
  }
  const preview = slot(content.previewText, "text");
  const markup = `<mjml><mj-head><mj-preview>${preview}</mj-preview><mj-attributes><mj-all font-family="Helvetica, Arial, sans-serif" /></mj-attributes></mj-head><mj-body background-color="#f4f4f4"><mj-section background-color="#ffffff" padding="24px"><mj-column>${body.join("")}</mj-column></mj-section></mj-body></mjml>`;
  const result = await mjml2html(markup, { validationLevel: "strict" });
  if (result.errors.length > 0) throw new Error(`MJML refused the email: ${result.errors.map((e) => e.formattedMessage).join("; ")}`);
  return {
    kind,
    unsubscribeMailto: shop.unsubscribeMailto,
    subject: compileTemplate(content.subject),
    slots,
    html: pieces(result.html, slots, htmlValue),
    text: pieces(text.join("\n\n"), slots, textValue),
  };
}

function join(template: readonly Piece[], values: readonly string[]): string {
  let out = "";
  for (const piece of template) out += typeof piece === "number" ? (values[piece] as string) : piece;
  return out;
}

/** One recipient's email from a compiled template: no MJML, only substitutions. */
export function personalizeEmail(email: CompiledEmail, variables: TemplateVariables): RenderedEmail {
  const html: string[] = new Array<string>(email.slots.length);
  const plain: string[] = new Array<string>(email.slots.length);
  for (let i = 0; i < email.slots.length; i++) {
    const slot = email.slots[i] as Slot;
    if (slot.constant) continue;
    const value = slot.template(variables);
    html[i] = htmlValue(value, slot.mode);
    plain[i] = textValue(value, slot.mode);
  }
  const headers =
    email.kind === "marketing"
      ? listUnsubscribeHeaders({
          url: variables.unsubscribe_url,
          ...(email.unsubscribeMailto === undefined ? {} : { mailto: email.unsubscribeMailto }),
        })
      : {};
  return { subject: email.subject(variables), html: join(email.html, html), text: join(email.text, plain), headers };
}

/** One recipient's value of every slot, written for the HTML part and for the text part. */
export interface SlotValues {
  subject: string;
  html: string[];
  text: string[];
  /** The text part joined, as the outbox stores it. */
  joinedText: string;
  headers: Record<string, string>;
}

/**
 * Like `personalizeEmail`, but with each link replaced as the outbox replaced it in the text
 * part: `track` gets the recipient's plain text (links as written) and answers each original
 * URL's tracked link; URLs in slot values and URL slots are swapped for those, in both parts.
 * List-Unsubscribe headers only for an https unsubscribe link (RFC 8058; the local demo is http).
 */
export function personalizeSlots(
  email: CompiledEmail,
  variables: TemplateVariables,
  track: (plainText: string) => ReadonlyMap<string, string>,
): SlotValues {
  const raw: string[] = email.slots.map((slot) => (slot.constant ? "" : slot.template(variables)));
  const plain = raw.map((value, i) => textValue(value, (email.slots[i] as Slot).mode));
  const links = track(join(email.text, plain));
  const swap = (url: string): string | null => links.get(url) ?? null;
  const html: string[] = new Array<string>(email.slots.length);
  const text: string[] = new Array<string>(email.slots.length);
  for (let i = 0; i < email.slots.length; i++) {
    const slot = email.slots[i] as Slot;
    if (slot.constant) continue;
    const value = slot.mode === "url" ? (swap(safeUrl(raw[i] as string)) ?? (raw[i] as string)) : replaceTextUrls(raw[i] as string, swap);
    html[i] = htmlValue(value, slot.mode);
    text[i] = textValue(value, slot.mode);
  }
  const https = /^https:\/\//i.test(variables.unsubscribe_url);
  const headers =
    email.kind === "marketing" && https
      ? listUnsubscribeHeaders({
          url: variables.unsubscribe_url,
          ...(email.unsubscribeMailto === undefined ? {} : { mailto: email.unsubscribeMailto }),
        })
      : {};
  return { subject: email.subject(variables), html, text, joinedText: join(email.text, text), headers };
}
