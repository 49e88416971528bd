// Keeps materialised segment memberships in step with the store: after webhook events are
// applied only the customers they touched are re-evaluated; after a bulk import or an hourly
// reconciliation every dynamic segment is (which also moves rules with relative dates along).
import type { SegmentDeps } from "~/segments/segment-service.server";
import { refreshAllSegments, refreshCustomers } from "~/segments/segment-service.server";
import type { ChangeCollector } from "./drain.server";

export async function refreshSegmentsAfterSync(deps: SegmentDeps, shop: string, changes: ChangeCollector | "all", now: Date): Promise<void> {
  if (changes === "all" || changes.storeWide) {
    await refreshAllSegments(deps, shop, now);
    return;
  }
  await refreshCustomers(deps, shop, [...changes.customers], now);
}
