/**
 * Issues and redeems single-use export tokens. The nonce of each issued token is kept as a
 * ShortLink row (`code` "export:<nonce>", the export path as `url`): a link that may be
 * followed once. Redeeming deletes the row, and only one concurrent delete can count it,
 * so a reused link is refused; rows of links never followed are removed after they expire.
 */
import type { Db } from "~/db.server";
import { forShop } from "~/lib/shop-scope.server";
import { EXPORT_TOKEN_TTL_MS, newExportNonce, signExportToken, verifyExportToken } from "./export-token";
import { findSegment } from "./segment-repository.server";

const CODE_PREFIX = "export:";

export type ExportTokenRedemption =
  | { ok: true; shop: string; segmentId: string }
  | { ok: false; status: 401 | 403; message: string };

/** A token for one download of the segment's CSV, or null when the segment is not the shop's. */
export async function issueExportToken(db: Db, shop: string, segmentId: string, secret: string, now: Date): Promise<{ token: string; expiresAt: Date } | null> {
  if (!(await findSegment(db, shop, segmentId))) return null;
  const scoped = forShop(db, shop);
  await scoped.shortLink.deleteMany({ where: { code: { startsWith: CODE_PREFIX }, createdAt: { lt: new Date(now.getTime() - EXPORT_TOKEN_TTL_MS) } } });
  const nonce = newExportNonce();
  const expiresAt = now.getTime() + EXPORT_TOKEN_TTL_MS;
  await scoped.shortLink.create({ data: { shop, code: `${CODE_PREFIX}${nonce}`, url: `/app/segments/${segmentId}/export.csv`, createdAt: now } });
  return { token: signExportToken({ shop, segmentId, expiresAt, nonce }, secret), expiresAt: new Date(expiresAt) };
}

/** Checks a token for the segment in the URL and uses it up. */
export async function redeemExportToken(db: Db, token: string, segmentId: string, secret: string, now: Date): Promise<ExportTokenRedemption> {
  const checked = verifyExportToken(token, secret, now);
  if (!checked.ok) {
    return checked.reason === "expired"
      ? { ok: false, status: 401, message: "This download link has expired. Export the segment again." }
      : { ok: false, status: 403, message: "This download link is not valid." };
  }
  const { shop, nonce } = checked.claims;
  if (checked.claims.segmentId !== segmentId) return { ok: false, status: 403, message: "This download link is for another segment." };
  const { count } = await forShop(db, shop).shortLink.deleteMany({ where: { code: `${CODE_PREFIX}${nonce}` } });
  if (count !== 1) return { ok: false, status: 403, message: "This download link was already used. Export the segment again." };
  return { ok: true, shop, segmentId };
}
