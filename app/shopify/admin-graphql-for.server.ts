// A shop's Admin API for background jobs: the offline session, or in the sandbox the demo's
// loopback stand-in.
import { env } from "~/env.server";
import { sandboxDecision } from "~/lib/sandbox-guard.server";
import type { AdminGraphql } from "~/shopify/admin-client.server";
import { createFetchGraphql } from "~/shopify/fetch-graphql.server";

export async function adminGraphqlFor(shop: string): Promise<AdminGraphql> {
  const config = env();
  if (sandboxDecision(config).enabled && shop === config.FLOCK_SANDBOX_SHOP) {
    const { FLOCK_SANDBOX_ADMIN_ORIGIN: origin, FLOCK_SANDBOX_ADMIN_TOKEN: accessToken } = config;
    if (!origin || !accessToken) throw new Error(`The sandbox shop ${shop} has no Admin API stand-in to import from`);
    return createFetchGraphql({ origin, shop, accessToken, apiVersion: "2026-10" });
  }
  const { unauthenticated } = await import("~/shopify.server");
  return (await unauthenticated.admin(shop)).admin.graphql;
}
