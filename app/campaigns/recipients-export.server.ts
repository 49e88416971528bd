/**
 * The recipients CSV behind a single-use signed link, through the segment export's token code
 * (app/segments/export/export-token.server.ts): the same two-minute, use-once tokens, bound to this
 * campaign's export path.
 */
import type { Db } from "~/db/db.server";
import { forShop } from "~/db/shop-scope.server";
import { issueDownloadToken, redeemDownloadToken, type DownloadRedemption, type ExportTarget } from "~/segments/export/export-token.server";

export const recipientsCsvPath = (campaignId: string) => `/app/campaigns/${encodeURIComponent(campaignId)}/recipients.csv`;

const target = (campaignId: string): ExportTarget => ({
  resourceId: campaignId,
  path: recipientsCsvPath(campaignId),
  noun: "campaign's recipients",
});

/** The download URL with a fresh token, or null when the campaign is not the shop's. */
export async function issueRecipientsCsvLink(
  db: Db,
  shop: string,
  campaignId: string,
  secret: string,
  now: Date,
): Promise<{ url: string; expiresAt: string } | null> {
  const campaign = await forShop(db, shop).campaign.findFirst({ where: { id: campaignId }, select: { id: true } });
  if (!campaign) return null;
  const issued = await issueDownloadToken(db, shop, target(campaignId), secret, now);
  return { url: `${recipientsCsvPath(campaignId)}?token=${encodeURIComponent(issued.token)}`, expiresAt: issued.expiresAt.toISOString() };
}

/** Checks the link's token for this campaign and uses it up. */
export function redeemRecipientsCsvLink(db: Db, token: string, campaignId: string, secret: string, now: Date): Promise<DownloadRedemption> {
  return redeemDownloadToken(db, token, target(campaignId), secret, now);
}
