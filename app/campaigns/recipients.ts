/**
 * A campaign's recipients (PURE part): the statuses a merchant filters by and the outbox statuses
 * behind each, an outbox row's status and reason as the table and the CSV show them, addresses
 * masked for the table, the keyset cursor, and the CSV lines (neutralised against formula
 * injection exactly as the segment export is, app/segments/export/export-csv.ts).
 */
import { z } from "zod";
import { majorUnits, quoteCsvCell, textCsvCell } from "~/segments/export/export-csv";

export const RECIPIENT_STATUSES = ["queued", "sent", "delivered", "failed", "unknown", "skipped", "held_out"] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

export const RecipientFilter = z.enum(["all", ...RECIPIENT_STATUSES]);
export type RecipientFilter = z.infer<typeof RecipientFilter>;

/** OutboxStatus in prisma/schema.prisma (a pure file does not import the client). */
export type OutboxStatusName =
  "QUEUED" | "SENDING" | "SENT" | "DELIVERED" | "FAILED" | "UNDELIVERED" | "UNKNOWN" | "SKIPPED" | "SUPPRESSED";

/** Outbox status (as stored) → what the merchant sees. SENDING is still on its way: queued. */
const STATUS_OF_OUTBOX: Readonly<Record<OutboxStatusName, Exclude<RecipientStatus, "held_out">>> = {
  QUEUED: "queued",
  SENDING: "queued",
  SENT: "sent",
  DELIVERED: "delivered",
  FAILED: "failed",
  UNDELIVERED: "failed",
  UNKNOWN: "unknown",
  SKIPPED: "skipped",
  SUPPRESSED: "skipped",
};

export const OUTBOX_STATUSES = Object.keys(STATUS_OF_OUTBOX) as OutboxStatusName[];

/** The outbox statuses a filter reads, and whether it reads the holdout. */
export function sourcesOf(filter: RecipientFilter): { outbox: OutboxStatusName[]; holdout: boolean } {
  if (filter === "all") return { outbox: OUTBOX_STATUSES, holdout: true };
  return { outbox: OUTBOX_STATUSES.filter((s) => STATUS_OF_OUTBOX[s] === filter), holdout: filter === "held_out" };
}

/** A stored outbox row's status and, for failures and skips, why. */
export function recipientStatusOf(row: { status: string; skipReason: string | null; lastError: string | null }): {
  status: RecipientStatus;
  reason: string | null;
} {
  const status = STATUS_OF_OUTBOX[row.status as OutboxStatusName] ?? "unknown";
  if (row.status === "SUPPRESSED") return { status, reason: row.skipReason ?? "suppressed" };
  if (status === "skipped") return { status, reason: row.skipReason ?? "no reason given" };
  if (status === "failed") return { status, reason: row.lastError ?? "no reason given" };
  if (status === "unknown") return { status, reason: row.lastError ?? "outcome not known; not resent" };
  return { status, reason: null };
}

/**
 * An address as the table shows it: enough to tell people apart, not enough to copy. A phone
 * keeps its last four digits (`+•••••••0123`); an email its first letter and domain
 * (`j•••@example.com`). The CSV, like the segment export, carries the full address.
 */
export function maskAddress(address: string | null): string {
  if (!address) return "";
  const at = address.lastIndexOf("@");
  if (at > 0) return `${address[0]}•••${address.slice(at)}`;
  const digits = address.replace(/\D/g, "");
  if (digits.length <= 4) return "•".repeat(digits.length);
  return `${address.startsWith("+") ? "+" : ""}${"•".repeat(digits.length - 4)}${digits.slice(-4)}`;
}

/** Pages are keyed by customer id: the cursor is the last id of the page before. */
export const RecipientCursor = z
  .string()
  .regex(/^\d{1,15}$/, "The page cursor must be a customer id.")
  .transform(Number);

export const RecipientQuery = z.object({
  status: RecipientFilter.default("all"),
  after: RecipientCursor.optional(),
});
export type RecipientQuery = z.infer<typeof RecipientQuery>;

/** One recipient with everything the table and the CSV show; the address is in full here. */
export interface Recipient {
  customerId: number;
  gid: string | null;
  firstName: string | null;
  lastName: string | null;
  address: string | null;
  status: RecipientStatus;
  reason: string | null;
  sentAt: Date | null;
  clickedAt: Date | null;
  /** The order attributed to this recipient's message (the first, when several). */
  order: { name: string; revenue: bigint; currency: string } | null;
}

/** A recipient as the table receives it (JSON-safe, address masked, money in minor units). */
export interface RecipientView {
  customerId: number;
  name: string;
  address: string;
  status: RecipientStatus;
  reason: string | null;
  sentAt: string | null;
  clickedAt: string | null;
  order: { name: string; revenue: string } | null;
}

export interface RecipientPageView {
  rows: RecipientView[];
  /** Pass as `after` for the next page; null on the last page. */
  next: string | null;
}

const formatMoney = (minor: bigint, currency: string) => `${majorUnits(minor, currency)} ${currency}`;

export function recipientView(r: Recipient): RecipientView {
  const name = [r.firstName, r.lastName].filter((p) => p && p.trim() !== "").join(" ");
  return {
    customerId: r.customerId,
    name: name || `Customer ${r.customerId}`,
    address: maskAddress(r.address),
    status: r.status,
    reason: r.reason,
    sentAt: r.sentAt?.toISOString() ?? null,
    clickedAt: r.clickedAt?.toISOString() ?? null,
    order: r.order ? { name: r.order.name, revenue: formatMoney(r.order.revenue, r.order.currency) } : null,
  };
}

export const RECIPIENT_CSV_HEADER = [
  "customer_id",
  "shopify_id",
  "first_name",
  "last_name",
  "address",
  "status",
  "reason",
  "sent_at",
  "clicked_at",
  "order",
  "order_revenue",
  "currency",
] as const;

export function recipientCsvHeaderLine(): string {
  return RECIPIENT_CSV_HEADER.join(",") + "\r\n";
}

/** One CSV line (CRLF). Text that people or providers wrote is guarded; our own figures are not. */
export function recipientCsvLine(r: Recipient): string {
  return (
    [
      String(r.customerId),
      r.gid === null ? "" : quoteCsvCell(r.gid),
      textCsvCell(r.firstName),
      textCsvCell(r.lastName),
      textCsvCell(r.address),
      r.status,
      textCsvCell(r.reason),
      r.sentAt?.toISOString() ?? "",
      r.clickedAt?.toISOString() ?? "",
      textCsvCell(r.order?.name ?? null),
      r.order ? majorUnits(r.order.revenue, r.order.currency) : "",
      r.order ? quoteCsvCell(r.order.currency) : "",
    ].join(",") + "\r\n"
  );
}
