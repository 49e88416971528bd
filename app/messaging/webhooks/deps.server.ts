// The webhook routes' dependencies: the messaging deps plus the web process's job queue, which
// carries the consent write-backs to Shopify.
import { appQueue } from "~/jobs/app-queue.server";
import { kickAttribution } from "../attribution/attribution-job.server";
import { messagingDeps } from "../settings/deps.server";
import type { WebhookDeps } from "./receive.server";

export function webhookDeps(): WebhookDeps {
  return {
    ...messagingDeps(),
    enqueue: async (name, payload, options) => (await appQueue()).enqueue(name, payload, options),
    kickAttribution: async (shop, now) => kickAttribution(await appQueue(), shop, now),
  };
}
