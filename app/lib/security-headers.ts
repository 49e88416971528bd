// PURE: the headers every page and data response of the app carries. Pages and loader data
// hold customers' names, emails and phone numbers, so no cache may keep them (`no-store`), no
// other site may frame them, no browser may sniff a download into a page, and no full URL
// (with its `shop`, `host` and `id_token` parameters) goes to another origin as a Referer.

export const NOSNIFF = "nosniff";
export const REFERRER_POLICY = "same-origin";
export const NO_STORE = "no-store";
/** For documents with no embedding shop (the sandbox, /auth/login, /): nobody may frame them. */
export const FRAME_NONE = "frame-ancestors 'none'";

/** Headers any response gets when it does not set its own (server.ts fills them in). */
export const DEFAULT_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": NOSNIFF,
  "Referrer-Policy": REFERRER_POLICY,
};

/**
 * Completes a document's or a data response's headers. An embedded page's
 * `frame-ancestors https://<shop> https://admin.shopify.com` (set by the Shopify library from
 * the `shop` parameter) is kept; every other document gets `frame-ancestors 'none'`.
 */
export function addSecurityHeaders(headers: Headers, kind: "document" | "data"): void {
  headers.set("X-Content-Type-Options", NOSNIFF);
  headers.set("Referrer-Policy", REFERRER_POLICY);
  headers.set("Cache-Control", NO_STORE);
  if (kind === "document" && !(headers.get("Content-Security-Policy") ?? "").includes("frame-ancestors")) {
    const existing = headers.get("Content-Security-Policy");
    headers.set("Content-Security-Policy", existing ? `${existing}; ${FRAME_NONE}` : FRAME_NONE);
  }
}
