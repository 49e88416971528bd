/**
 * Issues and redeems single-use export tokens. The nonce of each issued token is kept as a
 * ShortLink row (`code` "export:<nonce>", the export's path as `url`): a link that may be
 * followed once. Redeeming deletes the row, and only one concurrent delete can count it,
 * so a reused link is refused; rows of links never followed are removed after they expire.
 * The stored path also binds the nonce to its kind of export: a segment's token cannot download
 * a campaign's recipients even if the two ids were equal.
 */
import type { Db } from "~/db/db.server";
import { forShop } from "~/db/shop-scope.server";
import { EXPORT_TOKEN_TTL_MS, newExportNonce, signExportToken, verifyExportToken } from "./export-token";
import { findSegment } from "../segment-repository.server";

const CODE_PREFIX = "export:";

/** What a token downloads: the record's id, the export route's path, and its noun for messages. */
export interface ExportTarget {
  resourceId: string;
  path: string;
  noun: string;
}

export type DownloadRedemption = { ok: true; shop: string } | { ok: false; status: 401 | 403; message: string };

export type ExportTokenRedemption = { ok: true; shop: string; segmentId: string } | { ok: false; status: 401 | 403; message: string };

const segmentTarget = (segmentId: string): ExportTarget => ({
  resourceId: segmentId,
  path: `/app/segments/${segmentId}/export.csv`,
  noun: "segment",
});

/** A token for one download of `target`; the caller has checked that the record is the shop's. */
export async function issueDownloadToken(
  db: Db,
  shop: string,
  target: ExportTarget,
  secret: string,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const scoped = forShop(db, shop);
  await scoped.shortLink.deleteMany({
    where: { code: { startsWith: CODE_PREFIX }, createdAt: { lt: new Date(now.getTime() - EXPORT_TOKEN_TTL_MS) } },
  });
  const nonce = newExportNonce();
  const expiresAt = now.getTime() + EXPORT_TOKEN_TTL_MS;
  await scoped.shortLink.create({ data: { shop, code: `${CODE_PREFIX}${nonce}`, url: target.path, createdAt: now } });
  return { token: signExportToken({ shop, resourceId: target.resourceId, expiresAt, nonce }, secret), expiresAt: new Date(expiresAt) };
}

/** Checks a token for the export in the URL and uses it up. */
export async function redeemDownloadToken(
  db: Db,
  token: string,
  target: ExportTarget,
  secret: string,
  now: Date,
): Promise<DownloadRedemption> {
  const checked = verifyExportToken(token, secret, now);
  if (!checked.ok) {
    return checked.reason === "expired"
      ? { ok: false, status: 401, message: `This download link has expired. Export the ${target.noun} again.` }
      : { ok: false, status: 403, message: "This download link is not valid." };
  }
  const { shop, nonce } = checked.claims;
  if (checked.claims.resourceId !== target.resourceId)
    return { ok: false, status: 403, message: `This download link is for another ${target.noun}.` };
  const { count } = await forShop(db, shop).shortLink.deleteMany({ where: { code: `${CODE_PREFIX}${nonce}`, url: target.path } });
  if (count !== 1) return { ok: false, status: 403, message: `This download link was already used. Export the ${target.noun} again.` };
  return { ok: true, shop };
}

/** A token for one download of the segment's CSV, or null when the segment is not the shop's. */
export async function issueExportToken(
  db: Db,
  shop: string,
  segmentId: string,
  secret: string,
  now: Date,
): Promise<{ token: string; expiresAt: Date } | null> {
  if (!(await findSegment(db, shop, segmentId))) return null;
  return issueDownloadToken(db, shop, segmentTarget(segmentId), secret, now);
}

/** Checks a token for the segment in the URL and uses it up. */
export async function redeemExportToken(
  db: Db,
  token: string,
  segmentId: string,
  secret: string,
  now: Date,
): Promise<ExportTokenRedemption> {
  const redeemed = await redeemDownloadToken(db, token, segmentTarget(segmentId), secret, now);
  return redeemed.ok ? { ok: true, shop: redeemed.shop, segmentId } : redeemed;
}
