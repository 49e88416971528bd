/**
 * SMS encoding and segment count, as carriers (and Twilio) bill them.
 *
 * GSM-7 (3GPP TS 23.038 default alphabet): 160 septets in one segment, 153 per segment once split
 * (the rest is the concatenation header). The extension table (`€ [ ] { } ^ ~ | \` and form feed)
 * costs two septets (escape + character). Any other character forces UCS-2 for the whole message:
 * 70 UTF-16 code units alone, 67 per segment once split; an emoji outside the BMP is a surrogate
 * pair, two units. Neither an escape pair nor a surrogate pair is split across segments, so
 * segments are filled greedily by whole characters.
 */

const BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const EXTENSION = "\f^{}\\[~]|€";

/** Septets per BMP code unit: 1 basic, 2 extension, 0 not in GSM-7. */
const SEPTETS = new Uint8Array(0x10000);
for (const char of BASIC) SEPTETS[char.charCodeAt(0)] = 1;
for (const char of EXTENSION) SEPTETS[char.charCodeAt(0)] = 2;

/** Look-alikes merchants paste from word processors, and letters with a GSM-7 spelling. */
const REPLACEMENTS: Readonly<Record<string, string>> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u201A": "'",
  "\u201B": "'",
  "\u2032": "'",
  "\u00B4": "'",
  "`": "'",
  "\u201C": '"',
  "\u201D": '"',
  "\u201E": '"',
  "\u201F": '"',
  "\u2033": '"',
  "\u00AB": '"',
  "\u00BB": '"',
  "\u2013": "-",
  "\u2014": "-",
  "\u2012": "-",
  "\u2015": "-",
  "\u2212": "-",
  "\u2022": "-",
  "\u2026": "...",
  "\u00A0": " ",
  "\u2009": " ",
  "\u202F": " ",
  "\u200B": "",
  ł: "l",
  Ł: "L",
  ı: "i",
  đ: "d",
  Đ: "D",
  œ: "oe",
  Œ: "OE",
};

export type SmsEncoding = "GSM-7" | "UCS-2";

export interface Ucs2Character {
  char: string;
  /** Index in the text, in UTF-16 code units. */
  index: number;
  /** A GSM-7 replacement, or null when there is none (emoji, non-Latin scripts). */
  suggestion: string | null;
}

export interface SmsAnalysis {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
  /** Every character that forces UCS-2; empty for GSM-7. */
  ucs2Characters: Ucs2Character[];
}

function isGsm(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (SEPTETS[text.charCodeAt(i)] === 0) return false;
  return true;
}

function suggestionFor(char: string): string | null {
  const mapped = REPLACEMENTS[char];
  if (mapped !== undefined) return mapped;
  const stripped = char.normalize("NFD").replace(/\p{M}/gu, "");
  return stripped !== char && stripped.length > 0 && isGsm(stripped) ? stripped : null;
}

/** Greedy fill: characters of `sizes` units, never split, into segments of `perSegment`. */
function countSegments(sizes: ArrayLike<number>, count: number, perSegment: number): number {
  let segments = 1;
  let used = 0;
  for (let i = 0; i < count; i++) {
    const size = sizes[i] as number;
    if (used + size > perSegment) {
      segments++;
      used = 0;
    }
    used += size;
  }
  return segments;
}

const scratch = { sizes: new Uint8Array(1024) };

function sizesBuffer(length: number): Uint8Array {
  if (scratch.sizes.length < length) scratch.sizes = new Uint8Array(length * 2);
  return scratch.sizes;
}

/** Encoding, length in units and segments of an SMS body; empty text is one (empty) segment. */
export function analyzeSms(text: string): SmsAnalysis {
  let septets = 0;
  let gsm = true;
  for (let i = 0; i < text.length; i++) {
    const s = SEPTETS[text.charCodeAt(i)] as number;
    if (s === 0) {
      gsm = false;
      break;
    }
    septets += s;
  }
  if (gsm) {
    if (septets <= 160) return { encoding: "GSM-7", units: septets, segments: 1, ucs2Characters: [] };
    const sizes = sizesBuffer(text.length);
    for (let i = 0; i < text.length; i++) sizes[i] = SEPTETS[text.charCodeAt(i)] as number;
    return { encoding: "GSM-7", units: septets, segments: countSegments(sizes, text.length, 153), ucs2Characters: [] };
  }
  const ucs2Characters: Ucs2Character[] = [];
  const sizes = sizesBuffer(text.length);
  let count = 0;
  for (let i = 0; i < text.length;) {
    const code = text.codePointAt(i) as number;
    const width = code > 0xffff ? 2 : 1;
    if (width === 2 || SEPTETS[code] === 0) {
      const char = text.slice(i, i + width);
      ucs2Characters.push({ char, index: i, suggestion: suggestionFor(char) });
    }
    sizes[count++] = width;
    i += width;
  }
  const units = text.length;
  return { encoding: "UCS-2", units, segments: units <= 70 ? 1 : countSegments(sizes, count, 67), ucs2Characters };
}

/** The text with every suggested replacement applied (characters without one are kept). */
export function applySuggestions(text: string, analysis: SmsAnalysis): string {
  let out = "";
  let last = 0;
  for (const c of analysis.ucs2Characters) {
    out += text.slice(last, c.index) + (c.suggestion ?? c.char);
    last = c.index + c.char.length;
  }
  return out + text.slice(last);
}
