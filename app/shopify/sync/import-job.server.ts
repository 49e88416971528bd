// The bulk import as a job on the app's queue (app/jobs): install, Retry and a resume after a
// crash all go through it. One unique key per shop keeps one import per shop at a time — the
// queue refuses a second while one is pending or running — and the queue's lease hands the
// job of a worker that died to the next worker, whose attempt resumes the import from its
// SyncRun checkpoints (importStoreFromAdmin).
import { z } from "zod";
import type { Db } from "~/db/db.server";
import type { JobHandler, JobQueue } from "~/jobs/queue";
import type { AdminGraphql } from "~/shopify/admin-client.server";
import { importStoreFromAdmin, type ImportStoreOptions } from "./import.server";
import { beginImport } from "./import-state.server";
import { SYNC_RESOURCES, type SyncResource } from "./resources";

export const IMPORT_JOB = "shopify.import";

const ImportPayload = z.object({ shop: z.string().min(1), resources: z.array(z.enum(SYNC_RESOURCES)).min(1).optional() });

/** Tries per import job, and the wait before the next (a bulk operation can fail transiently). */
export const IMPORT_JOB_OPTIONS = { attempts: 3, backoffMs: 60_000 } as const;

export function importJobKey(shop: string): string {
  return `${IMPORT_JOB}:${shop}`;
}

export interface ImportJobDeps {
  db: Db;
  /** The shop's Admin API (offline session in production, the stand-in in the sandbox). */
  graphqlFor(shop: string): Promise<AdminGraphql>;
  /** Runs after the facts and before the shop counts as imported (segment refresh). */
  afterFacts?(shop: string): Promise<void>;
  /** Runs once the import is complete (scheduling the reconciliation). */
  afterImport?(shop: string): Promise<void>;
  /** Passed through to the import (tests: poll interval, batch size, data dir, clock). */
  importOptions?: Partial<Pick<ImportStoreOptions, "dataDir" | "pollIntervalMs" | "batchSize" | "now" | "onBatch">>;
}

export function importJobHandler(deps: ImportJobDeps): JobHandler {
  return async (job) => {
    const { shop, resources } = ImportPayload.parse(job.payload);
    await importStoreFromAdmin({
      ...deps.importOptions,
      graphql: await deps.graphqlFor(shop),
      db: deps.db,
      shop,
      resources,
      signal: job.signal,
      afterFacts: deps.afterFacts && (() => deps.afterFacts!(shop)),
    });
    await deps.afterImport?.(shop);
  };
}

export type ImportRequest = { ok: true; jobId: string } | { ok: false; reason: "import_running"; message: string };

/**
 * Queues an import of the shop (all resources, or a Retry's). Refused while another import of
 * the shop is queued or running: that one resumes whatever is unfinished.
 */
export async function requestImport(
  queue: Pick<JobQueue, "enqueue">,
  db: Db,
  shop: string,
  resources: readonly SyncResource[] | undefined,
  now: Date,
): Promise<ImportRequest> {
  const payload = resources ? { shop, resources: [...resources] } : { shop };
  const jobId = await queue.enqueue(IMPORT_JOB, payload, { uniqueKey: importJobKey(shop), ...IMPORT_JOB_OPTIONS });
  if (jobId === null)
    return {
      ok: false,
      reason: "import_running",
      message: "An import of this store is already queued or running; it picks up what is unfinished. Retry once it has ended.",
    };
  // The pages say "importing" from now on, not only once the worker has started.
  await beginImport(db, shop, now);
  return { ok: true, jobId };
}
