// PURE: where the links are in an SMS or a plain-text email, and in an HTML email's anchors.
// Only http(s) URLs are links here; mailto:, tel: and the like are left alone.

/**
 * A URL in running text: the scheme, then everything up to whitespace, a quote, an angle bracket
 * or a non-ASCII character (an emoji right after a link is not part of it; real URLs
 * percent-encode). Trailing punctuation is trimmed afterwards.
 */
const TEXT_URL = /\bhttps?:\/\/[^\s<>"\u0080-\uffff]+/gi;
const TRAILING = new Set([".", ",", ";", ":", "!", "?", "'", "*"]);
const CLOSERS: Readonly<Record<string, string>> = { ")": "(", "]": "[", "}": "{" };

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}

/** "See https://x.com/sale." → "https://x.com/sale"; "(https://x.com/a_(b))" keeps the balanced ")". */
export function trimTrailingPunctuation(url: string): string {
  let out = url;
  for (;;) {
    const last = out[out.length - 1] ?? "";
    const opener = CLOSERS[last];
    if (TRAILING.has(last) || (opener !== undefined && count(out, opener) < count(out, last))) out = out.slice(0, -1);
    else return out;
  }
}

/** A template that was not rendered (`{{ … }}`, `{% … %}`) is never a destination. */
export function hasTemplateLeftover(url: string): boolean {
  return /\{\{|\}\}|\{%|%\}/.test(url);
}

/** Replaces each URL in the text by what `replace` returns for it (`null`: leave it). */
export function replaceTextUrls(text: string, replace: (url: string) => string | null): string {
  return text.replace(TEXT_URL, (match) => {
    const url = trimTrailingPunctuation(match);
    const replaced = replace(url);
    return replaced === null ? match : replaced + match.slice(url.length);
  });
}

const ANCHOR = /<(?:a|area)\b[^>]*>/gi;
const HREF = /(\s)href(\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s>"'`=]+))/i;
const NAMED: Readonly<Record<string, string>> = { amp: "&", quot: '"', apos: "'", lt: "<", gt: ">" };

/** The attribute value as the browser reads it (`&amp;` → `&`, numeric references). */
export function decodeAttribute(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

/**
 * Replaces the href of each `<a>` and `<area>` by what `replace` returns for its decoded value
 * (`null`: leave it). Other tags' hrefs (`<link>` stylesheets, `<base>`) are not links a person
 * follows and are never touched. The replacement must need no HTML escaping (short links do not).
 */
export function replaceAnchorHrefs(html: string, replace: (url: string) => string | null): string {
  return html.replace(ANCHOR, (tag) => {
    const match = HREF.exec(tag);
    if (!match) return tag;
    const raw = match[3] ?? match[4] ?? match[5] ?? "";
    const replaced = replace(decodeAttribute(raw).trim());
    if (replaced === null) return tag;
    const quote = match[4] !== undefined ? "'" : '"';
    return `${tag.slice(0, match.index)}${match[1]}href${match[2]}${quote}${replaced}${quote}${tag.slice(match.index + match[0].length)}`;
  });
}

export type TextPart = { kind: "text"; text: string } | { kind: "link"; url: string };

/** The text cut into plain runs and http(s) links (for showing messages with followable links). */
export function splitTextLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(TEXT_URL)) {
    const url = trimTrailingPunctuation(match[0]);
    if (match.index > last) parts.push({ kind: "text", text: text.slice(last, match.index) });
    parts.push({ kind: "link", url });
    last = match.index + url.length;
  }
  if (last < text.length) parts.push({ kind: "text", text: text.slice(last) });
  return parts;
}
