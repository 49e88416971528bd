// Are stored memberships true? Compares every dynamic segment's stored members with a fresh
// evaluation from a newly built index (nothing cached), for tests and the apply benchmark.
import type { Db } from "~/db/db.server";
import { FactsIndexCache } from "~/segments/facts-index/facts-index.server";
import { listSegments, memberIds } from "~/segments/segment-repository.server";
import { checkQuery } from "~/segments/segment-service.server";
import { usesOrders } from "~/segments/engine/segment-rules";

/** Customers whose stored membership differs from a fresh evaluation, summed over every dynamic segment. */
export async function membershipMismatches(db: Db, shop: string, now: Date, url?: string): Promise<number> {
  const index = new FactsIndexCache(db, { url });
  let mismatches = 0;
  for (const segment of await listSegments(db, shop, "DYNAMIC")) {
    const checked = segment.query === null ? undefined : checkQuery(segment.query);
    if (!checked?.ok) continue;
    const shopIndex = await index.get(shop, { withOrders: usesOrders(checked.tree) });
    const fresh = new Set(
      shopIndex
        .evaluate(checked.tree, now)
        .toArray()
        .map((p) => shopIndex.customerIdAt(p)),
    );
    const stored = new Set(await memberIds(db, shop, segment.id));
    for (const id of fresh) if (!stored.has(id)) mismatches++;
    for (const id of stored) if (!fresh.has(id)) mismatches++;
  }
  return mismatches;
}
