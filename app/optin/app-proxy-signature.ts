// How Shopify signs an app proxy request: HMAC-SHA256 (hex, app secret) of the query parameters
// other than `signature`, sorted by name, each as `name=value` (repeated values joined by commas),
// concatenated with no separator. The storefront stand-in (tests, demo) signs with this; the app
// verifies with the library's authenticate.public.appProxy, which implements the same rule.
// https://shopify.dev/docs/apps/build/online-store/display-dynamic-data#calculate-a-digital-signature
import { createHmac } from "node:crypto";

export function appProxySignature(secret: string, params: URLSearchParams): string {
  const grouped = new Map<string, string[]>();
  for (const [key, value] of params) if (key !== "signature") grouped.set(key, [...(grouped.get(key) ?? []), value]);
  const message = [...grouped.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, values]) => `${key}=${values.join(",")}`)
    .join("");
  return createHmac("sha256", secret).update(message).digest("hex");
}

/** The query Shopify appends when it forwards a storefront request to the app. */
export function signedProxyQuery(
  secret: string,
  shop: string,
  timestampSeconds: number,
  extra: Record<string, string> = {},
): URLSearchParams {
  const params = new URLSearchParams({
    shop,
    logged_in_customer_id: "",
    path_prefix: "/apps/flock",
    timestamp: String(timestampSeconds),
    ...extra,
  });
  params.set("signature", appProxySignature(secret, params));
  return params;
}
