// The segments domain's jobs (composed into the worker's registry by app/jobs/handlers/index.server.ts).
import { db } from "~/db/db.server";
import type { JobRegistry } from "~/jobs/registry";
import { factsIndexCache } from "./facts-index/facts-index.server";
import { SEGMENT_EVALUATE_JOB, segmentEvaluateHandler } from "./membership/segment-evaluate-job.server";

export function segmentJobs(): JobRegistry {
  return { [SEGMENT_EVALUATE_JOB]: { handler: segmentEvaluateHandler(() => ({ db: db(), index: factsIndexCache() })), concurrency: 1 } };
}
