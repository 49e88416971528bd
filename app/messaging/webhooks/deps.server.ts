// The webhook routes' dependencies: the messaging deps plus the web process's job queue, which
// carries the consent write-backs to Shopify, and the storefront opt-in's double opt-in lookup.
import { appQueue } from "~/jobs/app-queue.server";
import { optInInboundDeps } from "~/optin/optin-store.server";
import { kickAttribution } from "../attribution/attribution-job.server";
import { messagingDeps } from "../settings/deps.server";
import type { WebhookDeps } from "./receive.server";

export function webhookDeps(): WebhookDeps {
  const deps: WebhookDeps = {
    ...messagingDeps(),
    enqueue: async (name, payload, options) => (await appQueue()).enqueue(name, payload, options),
    kickAttribution: async (shop, now) => kickAttribution(await appQueue(), shop, now),
  };
  // A YES confirms a storefront sign-up (app/optin) only while one is pending for that number.
  return { ...deps, ...optInInboundDeps(deps) };
}
