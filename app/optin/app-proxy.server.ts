// Requests from the storefront arrive through Shopify's app proxy (shopify.app.toml [app_proxy]):
// https://<shop>/apps/flock/subscribe → <app>/apps/flock/subscribe?shop=…&timestamp=…&signature=….
// The signature (HMAC-SHA256 of the sorted query with the app secret) and its timestamp, within
// 90 seconds of now, are checked by the library's authenticate.public.appProxy before anything
// else is read; it answers 400 to a forged or replayed request, which we turn into 401. The shop
// must also have the app installed.
// https://shopify.dev/docs/apps/build/online-store/display-dynamic-data#calculate-a-digital-signature
import type { Db } from "~/db/db.server";

export type AppProxyAuthenticate = (request: Request) => Promise<unknown>;

/** The shop the signed request names; throws a 401 or 404 Response otherwise. */
export async function verifyAppProxy(db: Db, authenticate: AppProxyAuthenticate, request: Request): Promise<string> {
  try {
    await authenticate(request);
  } catch (error) {
    if (error instanceof Response) throw new Response("Invalid or expired app proxy signature", { status: 401 });
    throw error;
  }
  const shop = new URL(request.url).searchParams.get("shop") ?? "";
  const installed = await db.shop.findUnique({ where: { shop }, select: { uninstalledAt: true } });
  if (!installed || installed.uninstalledAt) throw new Response("Unknown shop", { status: 404 });
  return shop;
}
