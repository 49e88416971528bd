/**
 * A worker that claims one job and then hangs, for the crash test: the test SIGKILLs this
 * process mid-job and checks that another worker takes the job over once the lease expires.
 *
 *   tsx app/jobs/test-support/crash-worker.ts <embedded|pgboss> <database url> <job name>
 *
 * Prints `claimed <job id> <attempt>` on stdout when its handler starts; logs go to stderr.
 */
import pino from "pino";
import { createLogger } from "~/lib/logger.server";
import { openTestQueue, type TestAdapter } from "./test-queues.server";

const [adapter, url, name] = process.argv.slice(2);
if ((adapter !== "embedded" && adapter !== "pgboss") || !url || !name) {
  process.stderr.write("usage: crash-worker.ts <embedded|pgboss> <database url> <job name>\n");
  process.exit(2);
}

const queue = await openTestQueue(
  adapter as TestAdapter,
  url,
  undefined,
  createLogger({ level: "warn", destination: pino.destination(2) }),
);
await queue.work(
  name,
  async (job) => {
    process.stdout.write(`claimed ${job.id} ${job.attempt}\n`);
    // Never settles: the heartbeat keeps the claim alive until the process is killed.
    await new Promise(() => {});
  },
  { concurrency: 1 },
);
