/**
 * A job worker (embedded queue, test timings) that runs shopify.import jobs against an Admin
 * stand-in, for the worker crash test: the test SIGKILLs it mid-import and checks that the
 * next worker takes the job over once the lease runs out and finishes the import.
 *
 *   tsx app/shopify/sync/test-support/import-worker-child.ts <database url> <stand-in origin> <access token> <data dir>
 *
 * Pauses 300 ms after each committed batch of orders; prints `batch <resource> <done>`.
 */
import pino from "pino";
import { connectDb } from "~/db/db.server";
import { openTestQueue } from "~/jobs/test-support/test-queues.server";
import { createLogger } from "~/lib/logger.server";
import { createFetchGraphql } from "~/shopify/fetch-graphql.server";
import { IMPORT_JOB, importJobHandler } from "../import-job.server";

const [url, origin, accessToken, dataDir] = process.argv.slice(2);
if (!url || !origin || !accessToken || !dataDir) {
  process.stderr.write("usage: import-worker-child.ts <database url> <stand-in origin> <access token> <data dir>\n");
  process.exit(2);
}

const pause = new Int32Array(new SharedArrayBuffer(4));
const db = connectDb(url);
const queue = await openTestQueue("embedded", url, db, createLogger({ level: "warn", destination: pino.destination(2) }));
const handler = importJobHandler({
  db,
  graphqlFor: async (shop) => createFetchGraphql({ origin, shop, accessToken, apiVersion: "2026-10" }),
  importOptions: {
    dataDir,
    pollIntervalMs: 50,
    batchSize: 40,
    onBatch: (resource, progress) => {
      process.stdout.write(`batch ${resource} ${progress.doneCount}\n`);
      if (resource === "orders") Atomics.wait(pause, 0, 0, 300);
    },
  },
});
await queue.work(IMPORT_JOB, handler, { concurrency: 1 });
