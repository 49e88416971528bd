// A worker process for `npm run bench -- apply` on PostgreSQL: `npm run worker`'s registry on
// the configured queue, plus a record of which inbox rows each committed apply covered, written
// to <out file> as JSON when it is stopped (SIGTERM), so the bench can count double applies.
//
//   tsx bench/apply-worker.ts <out file>
import { writeFileSync } from "node:fs";
import { db } from "~/db/db.server";
import { env } from "~/env.server";
import { createQueue } from "~/jobs/create-queue.server";
import { jobRegistry } from "~/jobs/handlers/index.server";
import { startWorker } from "~/jobs/worker.server";
import { createLogger } from "~/lib/logger.server";

const out = process.argv[2];
if (!out) {
  process.stderr.write("usage: apply-worker.ts <out file>\n");
  process.exit(2);
}
const applied: number[] = [];
const config = env();
const log = createLogger({ level: config.LOG_LEVEL });
const queue = await createQueue(config, { db: db(), log });
const worker = await startWorker({
  queue,
  handlers: jobRegistry({ now: () => new Date(), queue: async () => queue, onApplied: (ids) => void applied.push(...ids) }),
  log,
});
process.stdout.write("ready\n");
process.once("SIGTERM", () => {
  void worker.stop({ timeoutMs: 10_000 }).finally(() => {
    writeFileSync(out, JSON.stringify(applied));
    process.exit(0);
  });
});
