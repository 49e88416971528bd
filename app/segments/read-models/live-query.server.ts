/**
 * The editor's answer to one pause in typing: the live count, the shop's total, the value
 * warnings and a page of the preview, from one evaluation of the query (the count and the
 * preview used to be two requests, each evaluating the whole shop).
 */
import type { PreviewResult } from "../builder/preview";
import { loadStoreImportState } from "~/shopify/sync/import-state.server";
import type { StoreImporting } from "./import-guard.server";
import { previewQuery } from "./preview-queries.server";
import type { SegmentDeps } from "../segment-service.server";

/** The preview with the shop's live customer total, or why there is none. */
export type LiveResult =
  (Extract<PreviewResult, { ok: true }> & { total: number }) | Extract<PreviewResult, { ok: false }> | StoreImporting;

/** Page `page` (from 1) of the customers `text` matches now, with the match count and the shop's total. */
export async function liveQuery(deps: SegmentDeps, shop: string, text: string, page: number, now: Date): Promise<LiveResult> {
  // Counts over a half-imported store are wrong: say so instead (as the count route does).
  const importing = await loadStoreImportState(deps.db, shop, now);
  if (importing)
    return { ok: false, reason: importing.state === "failed" ? "store_import_failed" : "store_importing", message: importing.message };
  const preview = await previewQuery(deps, shop, text, page, now);
  if (!preview.ok) return preview;
  // The index the preview just evaluated (it is in memory: previewQuery loaded it).
  const index = deps.index.peek(shop);
  return { ...preview, total: index ? index.liveCount() : preview.count };
}
