/**
 * Static segments from a CSV of emails or phone numbers (pure part): each record becomes a
 * normalised email, an E.164 phone, or an invalid row with a reason. A header row (`email`,
 * `phone`, …) is recognised and skipped, and then only its contact columns are read — so a
 * segment export (ids, names, amounts beside email and phone) imports again as the same people.
 * Without a header, the first cell of a record that looks like an email or phone is used.
 */
import { unguardCsvCell } from "../export/export-csv";
import { decodeCsvFile } from "./static-list-file";

export type ListEntry =
  | { row: number; kind: "email"; value: string }
  | { row: number; kind: "phone"; value: string }
  | { row: number; kind: "invalid"; text: string; reason: string };

/** RFC 5321 caps an address at 254 characters; a longer cell is not one. */
const MAX_EMAIL_CHARS = 254;
/** Characters of a refused row quoted back in the report. */
export const QUOTED_ROW_CHARS = 200;
const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;
const HEADER = /^(e-?mail|phone|phone number|mobile|sms|contact|email address)$/i;

/** Splits one CSV line, honouring double-quoted cells. */
export function splitCsvLine(line: string): string[] {
  return splitCsvRecords(line)[0]?.cells ?? [""];
}

/**
 * CSV records with the line each starts on. A double-quoted cell may hold separators and line
 * breaks (an exported name can); `,`, `;` and tab all separate cells.
 */
export function splitCsvRecords(text: string): { line: number; text: string; cells: string[] }[] {
  const records: { line: number; text: string; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let start = 0;
  const endRecord = (end: number) => {
    cells.push(cell.trim());
    records.push({ line: startLine, text: text.slice(start, end).replace(/\r$/, ""), cells });
    cells = [];
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\n") line++;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === "," || ch === ";" || ch === "\t") {
      cells.push(cell.trim());
      cell = "";
    } else if (ch === "\n") {
      endRecord(i);
      startLine = line;
      start = i + 1;
    } else cell += ch;
  }
  if (start < text.length || records.length === 0) endRecord(text.length);
  return records;
}

/** E.164 from common spellings: "+1 (212) 555-0100", "001 212…"; 10 digits are read as NANP (+1). */
export function normalisePhone(text: string): string | null {
  const trimmed = text.trim();
  if (!/^[+\d][\d\s().-]*$/.test(trimmed)) return null;
  let digits = trimmed.replace(/[^\d]/g, "");
  if (trimmed.startsWith("+")) return digits.length >= 8 && digits.length <= 15 ? `+${digits}` : null;
  if (digits.startsWith("00")) digits = digits.slice(2);
  else if (digits.length === 10) digits = `1${digits}`;
  else if (!(digits.length === 11 && digits.startsWith("1"))) return null;
  return digits.length >= 8 && digits.length <= 15 ? `+${digits}` : null;
}

/** At most QUOTED_ROW_CHARS of a row, so a report never echoes a megabyte line. */
export function quoteBack(text: string): string {
  return text.length > QUOTED_ROW_CHARS ? `${text.slice(0, QUOTED_ROW_CHARS)}…` : text;
}

function contactOf(cell: string): { kind: "email" | "phone"; value: string } | null {
  if (cell.length <= MAX_EMAIL_CHARS && EMAIL.test(cell)) return { kind: "email", value: cell.toLowerCase() };
  const phone = normalisePhone(cell);
  return phone ? { kind: "phone", value: phone } : null;
}

export function parseContactList(csv: string): ListEntry[] {
  const out: ListEntry[] = [];
  let columns: number[] | undefined;
  let first = true;
  for (const record of splitCsvRecords(csv.replace(/^\uFEFF/, ""))) {
    const all = record.cells.map((c) => unguardCsvCell(c).trim());
    if (all.every((c) => c === "")) continue;
    if (first) {
      first = false;
      const headed = all.flatMap((c, i) => (HEADER.test(c) ? [i] : []));
      if (headed.length > 0) {
        columns = headed;
        continue;
      }
    }
    const cells = (columns ? columns.map((i) => all[i] ?? "") : all).filter((c) => c !== "");
    const found = cells.map(contactOf).find((c) => c !== null);
    if (found) out.push({ row: record.line, ...found });
    else
      out.push({
        row: record.line,
        kind: "invalid",
        text: quoteBack(record.text),
        reason: cells.length === 0 ? "no email address or phone number in the contact columns" : "no email address or phone number",
      });
  }
  return out;
}

/** An uploaded file's contacts, or why none can be read from it. */
export function readContactList(bytes: Uint8Array): { ok: true; entries: ListEntry[] } | { ok: false; message: string } {
  const decoded = decodeCsvFile(bytes);
  if (!decoded.ok) return decoded;
  const entries = parseContactList(decoded.text);
  if (entries.length > 0) return { ok: true, entries };
  const blank = decoded.text.trim() === "";
  return { ok: false, message: blank ? "The file has no contacts" : "The file has a header row but no contacts" };
}
