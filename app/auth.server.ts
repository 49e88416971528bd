// Who is asking: the Shopify admin (authenticate.admin), or the demo shop through the
// sandbox session when — and only when — the sandbox guard allows it.
import { env } from "./env.server";
import { sandboxDecision, sandboxRequestCheck } from "./lib/sandbox-guard.server";
import type { AdminGraphql } from "./shopify/admin-client.server";
import { createFetchGraphql } from "./shopify/fetch-graphql.server";
import { authenticate } from "./shopify.server";

export type AdminContext =
  { shop: string; sandbox: true; graphql: AdminGraphql | null } | { shop: string; sandbox: false; graphql: AdminGraphql };

export function isSandboxEnabled(): boolean {
  return sandboxDecision(env()).enabled;
}

/** Authenticates an /app request; throws Shopify's redirect/401 Responses when it fails. */
export async function requireAdmin(request: Request): Promise<AdminContext> {
  if (isSandboxEnabled()) {
    // DNS rebinding and cross-origin posts (app/lib/sandbox-guard.server.ts).
    const check = sandboxRequestCheck(request, env());
    if (!check.ok) throw new Response(check.reason, { status: check.status });
    return { shop: env().FLOCK_SANDBOX_SHOP, sandbox: true, graphql: sandboxGraphql() };
  }
  const { session, admin } = await authenticate.admin(request);
  return { shop: session.shop, sandbox: false, graphql: admin.graphql };
}

/** The sandbox's Admin API: the loopback stand-in `npm run demo` started, if any. */
function sandboxGraphql(): AdminGraphql | null {
  const { FLOCK_SANDBOX_ADMIN_ORIGIN: origin, FLOCK_SANDBOX_ADMIN_TOKEN: accessToken, FLOCK_SANDBOX_SHOP: shop } = env();
  if (!origin || !accessToken) return null;
  return createFetchGraphql({ origin, shop, accessToken, apiVersion: "2026-10" });
}
