// Who is asking: the Shopify admin (authenticate.admin), or the demo shop through the
// sandbox session when — and only when — the sandbox guard allows it.
import { env } from "./env.server";
import { sandboxDecision } from "./sandbox/guard.server";
import { authenticate } from "./shopify.server";

export type AdminGraphql = Awaited<ReturnType<typeof authenticate.admin>>["admin"]["graphql"];

export type AdminContext =
  | { shop: string; sandbox: true; graphql: null }
  | { shop: string; sandbox: false; graphql: AdminGraphql };

export function isSandboxEnabled(): boolean {
  return sandboxDecision(env()).enabled;
}

/** Authenticates an /app request; throws Shopify's redirect/401 Responses when it fails. */
export async function requireAdmin(request: Request): Promise<AdminContext> {
  if (isSandboxEnabled()) return { shop: env().FLOCK_SANDBOX_SHOP, sandbox: true, graphql: null };
  const { session, admin } = await authenticate.admin(request);
  return { shop: session.shop, sandbox: false, graphql: admin.graphql };
}
