/**
 * PURE: what the Settings page shows of the shop's customers/data_request exports. Shopify asks
 * the merchant to give the customer their data within 30 days of the request, so each row says
 * by when, in the shop's time zone, and which rows are past that.
 */
export const DATA_REQUEST_DAYS = 30;
const DAY_MS = 86_400_000;

export interface StoredDataRequest {
  id: string;
  customerGid: string;
  requestedAt: Date;
  completedAt: Date | null;
  /** The customer as Flock holds them now (null when Flock never stored them, or they were redacted). */
  customer: { firstName: string | null; lastName: string | null; email: string | null } | null;
}

export interface DataRequestView {
  id: string;
  /** The download link (app/routes/app.data-requests.$id.tsx). */
  url: string | null;
  who: string;
  requested: string;
  sendBy: string;
  overdue: boolean;
}

function day(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "short", day: "numeric" }).format(at);
}

function whoOf(row: StoredDataRequest): string {
  const id = row.customerGid.replace(/^gid:\/\/shopify\/Customer\//, "");
  const name = [row.customer?.firstName, row.customer?.lastName].filter((p) => p && p.trim() !== "").join(" ");
  const email = row.customer?.email ?? "";
  if (name && email) return `${name} (${email})`;
  if (name || email) return name || email;
  return `Shopify customer ${id}`;
}

export function dataRequestViews(rows: readonly StoredDataRequest[], timeZone: string, now: Date): DataRequestView[] {
  return rows.map((row) => {
    const due = new Date(row.requestedAt.getTime() + DATA_REQUEST_DAYS * DAY_MS);
    return {
      id: row.id,
      url: row.completedAt === null ? null : `/app/data-requests/${encodeURIComponent(row.id)}`,
      who: whoOf(row),
      requested: day(timeZone, row.requestedAt),
      sendBy: day(timeZone, due),
      overdue: now.getTime() > due.getTime(),
    };
  });
}
