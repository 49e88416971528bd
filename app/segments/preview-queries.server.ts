/**
 * The editor's live preview: one page of the customers a query matches right now, through
 * the same facts index and evaluator the live count uses, so the table and the count agree.
 */
import { forShop } from "~/lib/shop-scope.server";
import { LIVE_CUSTOMER } from "~/shop/overview.server";
import type { PreviewResult } from "./builder/preview";
import { checkQuery, type SegmentDeps } from "./segment-service.server";
import type { MemberRow } from "./segment-rows";
import { usesOrders } from "./segment-rules";

export const PREVIEW_PAGE_SIZE = 20;

export type { PreviewResult };

/** Money in minor units as the shop's currency, e.g. 12345n USD → "$123.45". */
export function formatMinorUnits(amount: bigint, currency: string): string {
  const format = new Intl.NumberFormat("en-US", { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(Number(amount) / 10 ** digits);
}

/** Page `page` (from 1) of the customers matching `text`, by customer id so pages are stable. */
export async function previewQuery(deps: SegmentDeps, shop: string, text: string, page: number, now: Date): Promise<PreviewResult> {
  const checked = checkQuery(text);
  if (!checked.ok) return checked;
  const index = await deps.index.get(shop, { withOrders: usesOrders(checked.tree) });
  const ids = index
    .evaluate(checked.tree, now)
    .toArray()
    .map((p) => index.customerIdAt(p))
    .sort((a, b) => a - b);
  const start = (page - 1) * PREVIEW_PAGE_SIZE;
  const pageIds = ids.slice(start, start + PREVIEW_PAGE_SIZE);
  const scoped = forShop(deps.db, shop);
  const [customers, shopRow] = await Promise.all([
    scoped.customer.findMany({
      where: { id: { in: pageIds }, ...LIVE_CUSTOMER },
      select: { id: true, firstName: true, lastName: true, email: true, phone: true, facts: { select: { amountSpent: true, orderCount: true, lastOrderAt: true } } },
      orderBy: { id: "asc" },
    }),
    deps.db.shop.findUnique({ where: { shop }, select: { currency: true } }),
  ]);
  const currency = shopRow?.currency ?? "USD";
  const rows: MemberRow[] = customers.map((c) => ({
    id: c.id,
    name: [c.firstName, c.lastName].filter(Boolean).join(" ") || `Customer ${c.id}`,
    contact: c.email ?? c.phone ?? "",
    amountSpent: formatMinorUnits(c.facts?.amountSpent ?? 0n, currency),
    orders: c.facts?.orderCount ?? 0,
    lastOrderAt: c.facts?.lastOrderAt?.toISOString() ?? null,
  }));
  return { ok: true, rows, page, hasNext: start + PREVIEW_PAGE_SIZE < ids.length, count: ids.length, currency };
}
