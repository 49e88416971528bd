/**
 * `npm run worker`: runs every registered job until SIGTERM or SIGINT, then shuts down
 * gracefully: in-flight jobs get STOP_TIMEOUT_MS to finish, after which they are released back
 * to pending for the next worker.
 */
import "./load-env-file.server";
import { db } from "~/db/db.server";
import { clockOf, env } from "~/env.server";
import { createLogger } from "~/lib/logger.server";
import { createQueue } from "./create-queue.server";
import { jobRegistry } from "./handlers/index.server";
import { startWorker } from "./worker.server";

// Below the 30 s most process managers (and Kubernetes) wait before SIGKILL.
const STOP_TIMEOUT_MS = 25_000;

const config = env();
// The system clock, unless a test moved it (FLOCK_CLOCK_OFFSET_MS): queue, worker and handlers share it.
const now = clockOf(config);
const log = createLogger({ level: config.LOG_LEVEL });

// The signal handlers come first: a SIGTERM while the queue connects or the start hooks run
// (scheduling can take a moment) must still stop the worker cleanly, not kill it mid-write.
let stopping = false;
type Worker = Awaited<ReturnType<typeof startWorker>>;
const started: { worker?: Worker } = {};

function shutdown(running: Worker): void {
  running
    .stop({ timeoutMs: STOP_TIMEOUT_MS })
    .then(() => db().$disconnect())
    .then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ error: error instanceof Error ? error.message : String(error) }, "job worker did not stop cleanly");
        process.exit(1);
      },
    );
}

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping job worker");
    if (started.worker) shutdown(started.worker);
  });
}

const queue = await createQueue(config, { db: db(), log, now, superviseIntervalSeconds: config.FLOCK_JOB_SUPERVISE_SECONDS });
// Handlers schedule their follow-up work on this worker's own queue.
started.worker = await startWorker({ queue, handlers: jobRegistry({ now, queue: async () => queue }), log, now });
if (stopping) shutdown(started.worker);
