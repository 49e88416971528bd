/**
 * Short-lived signed download links for a CSV export (a segment's members, a campaign's
 * recipients). Inside the Shopify admin a plain navigation carries no session token, so the
 * export button first asks an authenticated action for a token (App Bridge authenticates that
 * fetch) and then opens the export URL with it. The token names its shop, the exported record's
 * id, expiry and a nonce, signed with HMAC-SHA256 under the app secret; the nonce is also stored
 * with the export's path so the link works once, and only for that kind of export
 * (export-token.server.ts).
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const EXPORT_TOKEN_TTL_MS = 2 * 60_000;

export interface ExportTokenClaims {
  shop: string;
  /** The exported record: a segment id or a campaign id. */
  resourceId: string;
  /** Epoch milliseconds after which the token is refused. */
  expiresAt: number;
  nonce: string;
}

export type ExportTokenCheck = { ok: true; claims: ExportTokenClaims } | { ok: false; reason: "malformed" | "forged" | "expired" };

function sign(body: string, secret: string): Buffer {
  // A purpose prefix keeps this signature from being valid for any other use of the secret.
  return createHmac("sha256", secret).update(`flock-export-token:${body}`).digest();
}

export function newExportNonce(): string {
  return randomBytes(16).toString("base64url");
}

/** `<claims as base64url JSON>.<signature>`; safe to put in a query string. */
export function signExportToken(claims: ExportTokenClaims, secret: string): string {
  const body = Buffer.from(JSON.stringify([claims.shop, claims.resourceId, claims.expiresAt, claims.nonce])).toString("base64url");
  return `${body}.${sign(body, secret).toString("base64url")}`;
}

/** Checks shape, signature (in constant time) and expiry; single use is checked against the store. */
export function verifyExportToken(token: string, secret: string, now: Date): ExportTokenCheck {
  const [body, signature, extra] = token.split(".");
  if (!body || !signature || extra !== undefined) return { ok: false, reason: "malformed" };
  const expected = sign(body, secret);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "forged" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) return { ok: false, reason: "malformed" };
  const [shop, resourceId, expiresAt, nonce] = parsed as unknown[];
  if (typeof shop !== "string" || typeof resourceId !== "string" || typeof expiresAt !== "number" || typeof nonce !== "string")
    return { ok: false, reason: "malformed" };
  if (now.getTime() >= expiresAt) return { ok: false, reason: "expired" };
  return { ok: true, claims: { shop, resourceId, expiresAt, nonce } };
}
