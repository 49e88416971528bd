// The `optin.start` job definition (registered in app/jobs/handlers/index.server.ts): the
// customer lookup or customerCreate call and the confirmation SMS, outside the storefront request.
import { z } from "zod";
import { db } from "~/db/db.server";
import type { JobDefinition, RegistryOptions } from "~/jobs/registry";
import { adminGraphqlFor } from "~/shopify/admin-graphql-for.server";
import { messagingDeps } from "~/messaging/settings/deps.server";
import { startOptIn, type OptInDeps } from "./optin-store.server";
import { pruneAttempts } from "./rate-limit.server";

const Payload = z.object({ shop: z.string().min(1), requestId: z.string().min(1) });

export function optInStartJob(options: RegistryOptions, deps?: () => OptInDeps): JobDefinition {
  const build =
    deps ??
    ((): OptInDeps => ({
      db: db(),
      key: messagingDeps().key,
      appUrl: messagingDeps().appUrl,
      graphqlFor: adminGraphqlFor,
      enqueue: async (name, payload, opts) => (await options.queue()).enqueue(name, payload, opts),
    }));
  return {
    handler: async (job) => {
      const parsed = Payload.safeParse(job.payload);
      if (!parsed.success)
        throw new Error(
          `optin.start payload: ${parsed.error.issues.map((i) => `${i.path.join(".") || "payload"} ${i.message}`).join("; ")}`,
        );
      const deps = build();
      await startOptIn(deps, parsed.data.shop, parsed.data.requestId, options.now());
      await pruneAttempts(deps.db, parsed.data.shop, options.now());
    },
    concurrency: 2,
    ratePerSecond: 2,
  };
}
