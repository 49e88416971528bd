/**
 * The editor's live preview: one page of the customers a query matches right now, through
 * the same facts index and evaluator the live count uses, so the table and the count agree.
 */
import { pageOfCustomerIds, type PreviewResult } from "../builder/preview";
import { checkQuery, type SegmentDeps } from "../segment-service.server";
import { memberRows } from "../membership/member-rows.server";
import { usesOrders } from "../engine/segment-rules";
import { indexValueWarnings } from "./value-warnings.server";

export const PREVIEW_PAGE_SIZE = 20;

export type { PreviewResult };

/** Page `page` (from 1) of the customers matching `text`, by customer id so pages are stable. */
export async function previewQuery(deps: SegmentDeps, shop: string, text: string, page: number, now: Date): Promise<PreviewResult> {
  const checked = checkQuery(text);
  if (!checked.ok) return checked;
  const index = await deps.index.get(shop, { withOrders: usesOrders(checked.tree) });
  const bits = index.evaluate(checked.tree, now);
  const start = (page - 1) * PREVIEW_PAGE_SIZE;
  const { ids: pageIds, hasNext } = pageOfCustomerIds(bits, index.base.n, (p) => index.customerIdAt(p), start, PREVIEW_PAGE_SIZE);
  const { rows, currency } = await memberRows(deps.db, shop, pageIds);
  return { ok: true, rows, page, hasNext, count: bits.count(), currency, warnings: indexValueWarnings(index, checked.tree) };
}
