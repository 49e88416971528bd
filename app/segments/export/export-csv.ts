/**
 * A segment's members as CSV (pure part): RFC 4180 quoting, and merchant-entered text
 * neutralised against spreadsheet formula injection (OWASP "CSV Injection": a cell starting
 * with = + - @, tab or carriage return is prefixed with a single quote so Excel and Sheets
 * show it as text). Figures we compute ourselves (ids, amounts, dates) are written as is.
 */

export const MEMBER_CSV_HEADER = [
  "customer_id",
  "shopify_id",
  "first_name",
  "last_name",
  "email",
  "phone",
  "amount_spent",
  "currency",
  "orders",
  "last_order_date",
] as const;

export interface MemberCsvRow {
  id: number;
  gid: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  /** Minor units, as stored. */
  amountSpent: bigint;
  currency: string;
  orderCount: number;
  lastOrderAt: Date | null;
}

const FORMULA_START = /^[=+\-@\t\r]/;
/** A formula start behind quotes: guarded too, so that the importer's unguard is exact ('= stays '=). */
const GUARDED_START = /^'+[=+\-@\t\r]/;

/**
 * Quotes a cell when it holds a quote, separator or line break. `;` and tab count as separators
 * because spreadsheets in many locales split on them, and so does the static-list importer.
 */
export function quoteCsvCell(value: string): string {
  return /[",;\t\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A cell of merchant- or customer-entered text: formula starts neutralised, then quoted. */
export function textCsvCell(value: string | null): string {
  if (value === null) return "";
  return quoteCsvCell(FORMULA_START.test(value) || GUARDED_START.test(value) ? `'${value}` : value);
}

/**
 * A cell's text without the formula guard `textCsvCell` adds, so an exported file imports again
 * ('+12135550100 is the phone +12135550100). Only that guard is removed: a quote before other
 * text is the merchant's, and a merchant's '= was exported as ''=.
 */
export function unguardCsvCell(value: string): string {
  return GUARDED_START.test(value) ? value.slice(1) : value;
}

/** Minor units as a major-unit decimal ("12345" USD → "123.45"; JPY has no decimals). */
export function majorUnits(amount: bigint, currency: string): string {
  const digits = new Intl.NumberFormat("en-US", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  const negative = amount < 0n;
  const abs = negative ? -amount : amount;
  const scale = 10n ** BigInt(digits);
  const whole = (abs / scale).toString();
  const fraction = digits > 0 ? `.${(abs % scale).toString().padStart(digits, "0")}` : "";
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

/** One CSV line (CRLF-terminated, as RFC 4180 has it). */
export function memberCsvLine(row: MemberCsvRow): string {
  return (
    [
      String(row.id),
      quoteCsvCell(row.gid),
      textCsvCell(row.firstName),
      textCsvCell(row.lastName),
      textCsvCell(row.email),
      textCsvCell(row.phone),
      majorUnits(row.amountSpent, row.currency),
      quoteCsvCell(row.currency),
      String(row.orderCount),
      row.lastOrderAt?.toISOString() ?? "",
    ].join(",") + "\r\n"
  );
}

export function memberCsvHeaderLine(): string {
  return MEMBER_CSV_HEADER.join(",") + "\r\n";
}

/** A download filename from a segment name: no quotes, slashes or control characters. */
export function csvFilename(segmentName: string): string {
  const cleaned = [...segmentName]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || ch === "\u007f" || ch === '"' || ch === "/" || ch === "\\" ? " " : ch))
    .join("");
  const base = cleaned.replace(/\s+/g, " ").trim();
  return `${base || "segment"}.csv`;
}

/** Response headers of a CSV download named after `name` (cleaned by csvFilename). */
export function csvAttachment(name: string): Record<string, string> {
  const filename = csvFilename(name);
  // RFC 6266: an ASCII fallback plus the UTF-8 name for names with accents or emoji.
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_");
  return {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    "Cache-Control": "no-store",
  };
}
