// Counts over a half-imported store are wrong (orders without their customers' facts count
// `amount_spent > 0` as nobody), so until the shop's import has finished the live count
// answers "still importing" instead of a number.
import { loadStoreImportState } from "~/shopify/sync/import-state.server";
import { countQueryWithTotal } from "./segment-queries.server";
import type { QueryProblem, SegmentDeps } from "../segment-service.server";

export type StoreImporting = { ok: false; reason: "store_importing" | "store_import_failed"; message: string };

/** The editor's live count, or why there is none yet. */
export async function countUnlessImporting(
  deps: SegmentDeps,
  shop: string,
  text: string,
  now: Date,
): Promise<{ ok: true; count: number; total: number } | QueryProblem | StoreImporting> {
  const importing = await loadStoreImportState(deps.db, shop, now);
  if (importing)
    return { ok: false, reason: importing.state === "failed" ? "store_import_failed" : "store_importing", message: importing.message };
  return countQueryWithTotal(deps, shop, text, now);
}
