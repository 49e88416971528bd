// The segments.evaluate job: the safety net behind a segment save. The save queues it (due
// after EVALUATION_GRACE_MS) before storing the new definition and cancels it once the members
// are stored; if the process died in between, the job evaluates the segment — after a restart
// too, since the job is in the queue's database.
import { z } from "zod";
import type { JobHandler, JobQueue } from "~/jobs/queue";
import { finishPendingEvaluation, type SegmentDeps, type SegmentEvaluations } from "../segment-service.server";

export const SEGMENT_EVALUATE_JOB = "segments.evaluate";

const EvaluatePayload = z.object({ shop: z.string().min(1), segmentId: z.string().min(1) });

export function segmentEvaluateKey(segmentId: string): string {
  return `${SEGMENT_EVALUATE_JOB}:${segmentId}`;
}

/** Schedules and cancels the job on the given queue (resolved lazily: most requests never save). */
export function queuedSegmentEvaluations(queue: () => Promise<Pick<JobQueue, "enqueue" | "cancel">>): SegmentEvaluations {
  return {
    async schedule(shop, segmentId, runAt) {
      // A job already pending for the segment (an earlier interrupted save) evaluates the newest definition.
      await (
        await queue()
      ).enqueue(
        SEGMENT_EVALUATE_JOB,
        { shop, segmentId },
        { runAt, uniqueKey: segmentEvaluateKey(segmentId), attempts: 5, backoffMs: 30_000 },
      );
    },
    async done(_shop, segmentId) {
      await (await queue()).cancel(segmentEvaluateKey(segmentId));
    },
  };
}

export function segmentEvaluateHandler(deps: () => SegmentDeps): JobHandler {
  return async (job) => {
    const { shop, segmentId } = EvaluatePayload.parse(job.payload);
    await finishPendingEvaluation(deps(), shop, segmentId, new Date());
  };
}
