/**
 * Deleting a segment. Its memberships and membership events go with it; the row itself stays
 * as a tombstone (`deletedAt`) so a campaign already sent to it still names its audience.
 * What would silently change meaning is refused instead: another segment's rule that reads it
 * (`segment_member MATCHES (id = …)`), or a campaign scheduled, sending or paused on it.
 * Draft campaigns lose their audience and must pick another before they can be sent.
 */
import { Bitset } from "./engine/bitset";
import type { Db } from "~/db/db.server";
import { forShop } from "~/db/shop-scope.server";
import type { FactsIndexCache } from "./facts-index/facts-index.server";
import { parseSegmentQuery } from "./query-language/parser";
import { findSegment, listSegments } from "./segment-repository.server";
import { referencedSegments } from "./engine/segment-rules";

export interface SegmentUser {
  kind: "segment" | "campaign";
  id: string;
  name: string;
}

export type DeleteSegmentResult =
  | { ok: true; name: string; draftsDetached: number }
  | { ok: false; reason: "not_found"; message: string }
  | { ok: false; reason: "in_use"; message: string; usedBy: SegmentUser[] };

const ACTIVE_CAMPAIGN = ["SCHEDULED", "SENDING", "PAUSED"] as const;

/** What keeps a segment from being deleted: segments whose rule reads it and active campaigns on it. */
export async function segmentUsers(db: Db, shop: string, segmentId: string): Promise<SegmentUser[]> {
  const [segments, campaigns] = await Promise.all([
    listSegments(db, shop, "DYNAMIC"),
    forShop(db, shop).campaign.findMany({
      where: { segmentId, status: { in: [...ACTIVE_CAMPAIGN] } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
  ]);
  const readers = segments.filter((s) => {
    if (s.id === segmentId || s.query === null) return false;
    const parsed = parseSegmentQuery(s.query);
    return parsed.ok && referencedSegments(parsed.tree).includes(segmentId);
  });
  return [
    ...readers.map((s) => ({ kind: "segment" as const, id: s.id, name: s.name })),
    ...campaigns.map((c) => ({ kind: "campaign" as const, id: c.id, name: c.name })),
  ];
}

function inUseMessage(name: string, users: readonly SegmentUser[]): string {
  const list = users.map((u) => (u.kind === "segment" ? `segment “${u.name}”` : `campaign “${u.name}”`)).join(", ");
  return `“${name}” cannot be deleted while it is used by ${list}. Change or finish those first.`;
}

/** Deletes a segment of `shop` with its memberships and events, unless something still uses it. */
export async function deleteSegment(
  deps: { db: Db; index: FactsIndexCache },
  shop: string,
  segmentId: string,
  now: Date,
): Promise<DeleteSegmentResult> {
  const segment = await findSegment(deps.db, shop, segmentId);
  if (!segment) return { ok: false, reason: "not_found", message: `Segment ${segmentId} not found in ${shop}` };
  const usedBy = await segmentUsers(deps.db, shop, segmentId);
  if (usedBy.length > 0) return { ok: false, reason: "in_use", message: inUseMessage(segment.name, usedBy), usedBy };
  let draftsDetached = 0;
  await forShop(deps.db, shop).$transaction(
    async (scoped) => {
      await scoped.segmentMembership.deleteMany({ where: { segmentId } });
      await scoped.segmentMembershipEvent.deleteMany({ where: { segmentId } });
      draftsDetached = (await scoped.campaign.updateMany({ where: { segmentId, status: "DRAFT" }, data: { segmentId: null } })).count;
      await scoped.segment.updateMany({ where: { id: segmentId }, data: { deletedAt: now, memberCount: 0 } });
    },
    { timeout: 120_000 },
  );
  const index = deps.index.peek(shop);
  if (index) index.setMembers(segmentId, new Bitset(index.size));
  return { ok: true, name: segment.name, draftsDetached };
}
