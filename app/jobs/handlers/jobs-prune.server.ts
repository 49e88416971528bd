/**
 * `jobs.prune`: deletes finished jobs from the embedded queue's table. Failed jobs stay until
 * someone retries them (`flock jobs retry`). pg-boss prunes its own tables (deleteAfterSeconds,
 * set to the same 7 days), and there this table is empty, so the job is harmless on both.
 */
import type { Db } from "~/db/db.server";

export const PRUNE_AFTER_DAYS = 7;

export async function pruneFinishedJobs(db: Db, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - PRUNE_AFTER_DAYS * 24 * 3600 * 1000);
  const { count } = await db.job.deleteMany({
    where: { state: { in: ["COMPLETED", "CANCELLED"] }, completedAt: { lt: cutoff } },
  });
  return count;
}
