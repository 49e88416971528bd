// The `campaigns.start` job's registry entry (app/jobs/handlers/index.server.ts spreads it in).
import { db } from "~/db/db.server";
import { messagingDeps } from "~/messaging/settings/deps.server";
import type { JobHandler, JobQueue } from "~/jobs/queue";
import { campaignStartHandler } from "./send.server";
import { CAMPAIGN_START_JOB } from "./start-job";

interface Options {
  now: () => Date;
  queue: () => Promise<JobQueue>;
}

export function campaignStartJob(options: Options): Record<string, { handler: JobHandler; concurrency: number }> {
  const deps = async () => {
    const messaging = messagingDeps();
    return { db: db(), queue: await options.queue(), key: messaging.key, appUrl: messaging.appUrl };
  };
  // A 300k-recipient freeze holds one worker slot for a few seconds; two at once is plenty.
  return { [CAMPAIGN_START_JOB]: { handler: campaignStartHandler(deps, options.now), concurrency: 2 } };
}
