/**
 * Static segments from a CSV of emails or phone numbers (pure part): each row
 * becomes a normalised email, an E.164 phone, or an invalid row with a reason.
 * A header row (`email`, `phone`, …) is recognised and skipped; in multi-column
 * files the first cell that looks like an email or phone is used.
 */
export type ListEntry =
  | { row: number; kind: "email"; value: string }
  | { row: number; kind: "phone"; value: string }
  | { row: number; kind: "invalid"; text: string; reason: string };

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;
const HEADER = /^(e-?mail|phone|phone number|mobile|sms|contact|email address)$/i;

/** Splits one CSV line, honouring double-quoted cells. */
export function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === "," || ch === ";" || ch === "\t") {
      cells.push(cell.trim());
      cell = "";
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
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

export function parseContactList(csv: string): ListEntry[] {
  const out: ListEntry[] = [];
  const lines = csv.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((line, i) => {
    const row = i + 1;
    if (line.trim() === "") return;
    const cells = splitCsvLine(line).filter((c) => c !== "");
    if (row === 1 && cells.some((c) => HEADER.test(c))) return;
    for (const cell of cells) {
      if (EMAIL.test(cell)) {
        out.push({ row, kind: "email", value: cell.toLowerCase() });
        return;
      }
      const phone = normalisePhone(cell);
      if (phone) {
        out.push({ row, kind: "phone", value: phone });
        return;
      }
    }
    out.push({ row, kind: "invalid", text: line, reason: cells.length === 0 ? "empty row" : "no email address or phone number" });
  });
  return out;
}
