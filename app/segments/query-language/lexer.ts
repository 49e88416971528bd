/**
 * Splits query text into tokens. Dates, offsets and numbers are recognised
 * here because their shapes overlap (`2020-01-05`, `-5d`, `-5`), and the lexer
 * is where a merchant's `1pm` or `"vip"` is best explained.
 */
import { SegmentQueryParseError, type SourcePosition } from "./errors";
import { checkCalendarDate, checkTime, MAX_OFFSET_AMOUNT, RELATIVE_UNITS } from "./values";
import type { RelativeUnit } from "./tree";

export type Punctuation = "(" | ")" | "," | ":";
export type OperatorSymbol = "=" | "!=" | ">" | ">=" | "<" | "<=";

interface TokenBase extends SourcePosition {
  /** Source text of the token, for error messages. */
  text: string;
}

export type Token =
  | (TokenBase & { kind: "ident" })
  | (TokenBase & { kind: "number" })
  | (TokenBase & { kind: "date"; date: string; time: string | undefined })
  | (TokenBase & { kind: "offset"; amount: number; unit: RelativeUnit })
  | (TokenBase & { kind: "named" })
  | (TokenBase & { kind: "string"; value: string })
  | (TokenBase & { kind: "punct"; symbol: Punctuation })
  | (TokenBase & { kind: "op"; symbol: OperatorSymbol })
  | (TokenBase & { kind: "eof" });

const IDENT = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_-]+)*/y;
const LOOSE_DATE = /\d{1,4}-\d{1,2}-\d{1,2}/y;
const DATE = /(\d{4}-\d{2}-\d{2})(?![0-9])/y;
const TIME_SUFFIX = /T(\d{2}:\d{2}:\d{2})(?![0-9:])/y;
const NAMED = /\d+_[A-Za-z0-9_]*/y;
const OFFSET = /([+-])(\d+)([A-Za-z]+)/y;
const NUMBER = /([+-]?)(\d+(?:\.\d+)?)/y;
const WORD_TAIL = /[A-Za-z0-9_.:]+/y;

function isSpace(code: number): boolean {
  return (
    code === 32 ||
    code === 9 ||
    code === 10 ||
    code === 13 ||
    code === 12 ||
    code === 11 ||
    code === 0xa0 ||
    code === 0xfeff ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x3000
  );
}
function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let line = 1;
  let lineStart = 0;

  const here = (offset: number): SourcePosition => ({ line, column: offset - lineStart + 1, offset });
  const fail = (problem: string, offset: number, hint?: string): never => {
    throw new SegmentQueryParseError(problem, here(offset), hint);
  };
  const match = (re: RegExp, at: number): RegExpExecArray | null => {
    re.lastIndex = at;
    return re.exec(text);
  };

  while (pos < text.length) {
    const code = text.charCodeAt(pos);
    if (isSpace(code)) {
      if (code === 10 || (code === 13 && text.charCodeAt(pos + 1) !== 10) || code === 0x2028 || code === 0x2029) {
        line++;
        lineStart = pos + 1;
      }
      pos++;
      continue;
    }
    const start = pos;
    const ch = text[pos] ?? "";
    const base = here(start);

    if (ch === "'") {
      pos = lexString(start);
      continue;
    }
    if (ch === '"' || ch === "‘" || ch === "’" || ch === "“" || ch === "”") {
      fail(`Unexpected quote ${ch}`, start, "strings use straight single quotes, e.g. 'VIP'");
    }
    if (ch === "(" || ch === ")" || ch === "," || ch === ":") {
      tokens.push({ kind: "punct", symbol: ch, text: ch, ...base });
      pos++;
      continue;
    }
    if (ch === "=" || ch === "!" || ch === "<" || ch === ">") {
      pos = lexOperator(start);
      continue;
    }
    if (isDigit(code) || ((ch === "-" || ch === "+") && isDigit(text.charCodeAt(pos + 1)))) {
      pos = lexNumeric(start);
      continue;
    }
    const ident = match(IDENT, pos);
    if (ident) {
      tokens.push({ kind: "ident", text: ident[0], ...base });
      pos += ident[0].length;
      continue;
    }
    const shown = String.fromCodePoint(text.codePointAt(pos) ?? code);
    fail(`Unexpected character '${shown}'`, start, hintForCharacter(shown));
  }
  tokens.push({ kind: "eof", text: "", ...here(pos) });
  return tokens;

  function lexString(start: number): number {
    const base = here(start);
    let value = "";
    let i = start + 1;
    while (i < text.length) {
      const c = text[i] ?? "";
      if (c === "\\") {
        const next = text[i + 1];
        if (next === "'" || next === "\\") {
          value += next;
          i += 2;
          continue;
        }
        // Unknown escapes are kept literally; Shopify only defines \' and \\.
        value += c;
        i++;
        continue;
      }
      if (c === "'") {
        tokens.push({ kind: "string", value, text: text.slice(start, i + 1), ...base });
        return i + 1;
      }
      if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) {
        line++;
        lineStart = i + 1;
      }
      value += c;
      i++;
    }
    throw new SegmentQueryParseError("Unterminated string", base, "close it with ' (write \\' for a quote inside the text)");
  }

  function lexOperator(start: number): number {
    const two = text.slice(start, start + 2);
    const base = here(start);
    if (two === "==") fail("Unexpected '=='", start, "use a single = to compare");
    if (two === "<>") fail("Unexpected '<>'", start, "use != for 'not equal'");
    if (two === "=>" || two === "=<") fail(`Unexpected '${two}'`, start, `did you mean '${two[1] ?? ""}='?`);
    if (two === "!=" || two === ">=" || two === "<=") {
      tokens.push({ kind: "op", symbol: two, text: two, ...base });
      return start + 2;
    }
    const one = text[start];
    if (one === "=" || one === ">" || one === "<") {
      tokens.push({ kind: "op", symbol: one, text: one, ...base });
      return start + 1;
    }
    return fail("Unexpected '!'", start, "did you mean '!='? Use NOT CONTAINS, NOT MATCHES or NOT IN to negate");
  }

  function lexNumeric(start: number): number {
    const base = here(start);
    const date = match(DATE, start);
    if (date?.[1] !== undefined) {
      const day = date[1];
      const problem = checkCalendarDate(day);
      if (problem) fail(`Invalid date '${day}'`, start, problem);
      let end = start + day.length;
      let time: string | undefined;
      if (text[end] === "T" || text[end] === "t" || (text[end] === " " && /^ \d{1,2}:\d/.test(text.slice(end, end + 5)))) {
        const suffix = text[end] === " " ? null : match(TIME_SUFFIX, end);
        if (!suffix?.[1]) {
          const tail = match(/[Tt ]?[0-9:.]*/y, end)?.[0] ?? "";
          fail(`Invalid date-time '${day}${tail}'`, start, "write the time as yyyy-mm-ddTHH:mm:ss, e.g. 2020-05-30T16:00:00");
        } else {
          const timeProblem = checkTime(suffix[1]);
          if (timeProblem) fail(`Invalid time '${suffix[1]}'`, end + 1, timeProblem);
          time = suffix[1];
          end += suffix[0].length;
        }
      }
      rejectGlued(start, end);
      tokens.push({ kind: "date", date: day, time, text: text.slice(start, end), ...base });
      return end;
    }
    const loose = match(LOOSE_DATE, start);
    if (loose) fail(`Invalid date '${loose[0]}'`, start, "dates are written yyyy-mm-dd with leading zeros, e.g. 2024-03-07");

    const named = match(NAMED, start);
    if (named) {
      tokens.push({ kind: "named", text: named[0], ...base });
      return start + named[0].length;
    }
    const offset = match(OFFSET, start);
    if (offset) {
      const [whole, sign, digits = "", unit = ""] = offset;
      if (!(RELATIVE_UNITS as readonly string[]).includes(unit)) {
        fail(
          `Unknown offset unit '${unit}' in '${whole}'`,
          start,
          "use h (hours), d (days), w (weeks), m (months) or y (years), e.g. -30d",
        );
      }
      const magnitude = Number(digits);
      if (digits.length > 6 || magnitude > MAX_OFFSET_AMOUNT)
        fail(`Offset '${whole}' is too large`, start, `use at most ${MAX_OFFSET_AMOUNT}`);
      const amount = magnitude === 0 ? 0 : sign === "-" ? -magnitude : magnitude;
      rejectGlued(start, start + whole.length);
      tokens.push({ kind: "offset", amount, unit: unit as RelativeUnit, text: whole, ...base });
      return start + whole.length;
    }
    const number = match(NUMBER, start);
    const sign = number?.[1] ?? "";
    const digits = number?.[2] ?? text.slice(start, start + 1);
    const end = start + (number?.[0].length ?? 1);
    const next = text[end] ?? "";
    if (next === ":")
      fail(`Time-only value '${match(WORD_TAIL, start)?.[0] ?? digits}'`, start, "times need a date: write yyyy-mm-ddTHH:mm:ss");
    if (/[A-Za-z]/.test(next)) {
      const word = text.slice(start, end) + (match(WORD_TAIL, end)?.[0] ?? "");
      if (/^\d{1,2}(am|pm)$/i.test(word)) fail(`Time-only value '${word}'`, start, "times need a date: write yyyy-mm-ddTHH:mm:ss");
      if (/^\d+[hdwmy]$/.test(word)) fail(`Offset '${word}' has no sign`, start, `write -${word} for the past or +${word} for the future`);
      fail(`Unexpected '${word}'`, start, "numbers are written with a '.' decimal point and no units or separators");
    }
    rejectGlued(start, end);
    // A leading '+' adds nothing; dropping it keeps the printed form canonical.
    tokens.push({ kind: "number", text: (sign === "-" ? "-" : "") + digits, ...base });
    return end;
  }

  function rejectGlued(start: number, end: number): void {
    const next = text[end];
    if (next !== undefined && /[A-Za-z0-9_.]/.test(next)) {
      const word = text.slice(start, end) + (match(WORD_TAIL, end)?.[0] ?? "");
      fail(`Unexpected '${word}'`, start, "separate values with spaces, commas or parentheses");
    }
  }
}

function hintForCharacter(ch: string): string | undefined {
  switch (ch) {
    case "&":
      return "use AND to combine clauses";
    case "|":
      return "use OR to combine clauses";
    case "$":
    case "€":
    case "£":
      return "amounts are plain numbers in the shop currency, without a currency symbol";
    case "[":
    case "{":
      return "lists are written in parentheses, e.g. id IN (1, 2)";
    case ";":
      return "combine clauses with AND or OR";
    default:
      return undefined;
  }
}
