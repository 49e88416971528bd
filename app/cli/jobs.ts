/**
 * `flock jobs …`: look at and retry failed jobs, on whichever queue the environment selects.
 *
 *   flock jobs list            queue counts, then failed jobs: id, name, attempts, last error
 *   flock jobs retry <id>      give one failed job another attempt; exit 1 if there is none
 *   flock jobs retry --all     the same for every failed job
 */
import type { CliIo } from "./io";
import type { FailedJob, JobQueue } from "../jobs/queue";

const USAGE = `Usage:
  flock jobs list            queue counts and failed jobs with their last error
  flock jobs retry <id>      run one failed job again
  flock jobs retry --all     run every failed job again
`;

export interface JobsCliDeps {
  /** Opens the queue; the CLI stops it when done. Defaults to the environment's queue. */
  openQueue?: () => Promise<JobQueue>;
}

export async function runJobsCli(args: string[], io: CliIo, deps: JobsCliDeps = {}): Promise<number> {
  const [command, ...rest] = args;
  if (command === "--help" || command === "-h" || command === "help") {
    io.stdout.write(USAGE);
    return 0;
  }
  const valid = (command === "list" && rest.length === 0) || (command === "retry" && rest.length === 1 && rest[0] !== "");
  if (!valid) {
    io.stderr.write(
      command === undefined || command === "list" || command === "retry" ? USAGE : `Unknown jobs command '${command}'.\n${USAGE}`,
    );
    return 2;
  }
  const { queue, close } = deps.openQueue ? await ownedBy(deps.openQueue) : await openFromEnv();
  try {
    if (command === "list") return await list(queue, io);
    const target = rest[0] as string;
    return target === "--all" ? await retryAll(queue, io) : await retryOne(queue, target, io);
  } finally {
    await close();
  }
}

async function ownedBy(open: () => Promise<JobQueue>) {
  const queue = await open();
  return { queue, close: () => queue.stop({ timeoutMs: 0 }) };
}

// Loaded lazily so `flock jobs --help` and the tests need no environment.
async function openFromEnv() {
  const [{ db }, { env }, { createLogger }, { createQueue }, { default: pino }] = await Promise.all([
    import("../db/db.server"),
    import("../env.server"),
    import("../lib/logger.server"),
    import("../jobs/create-queue.server"),
    import("pino"),
  ]);
  const config = env();
  const log = createLogger({ level: "warn", destination: pino.destination(2) });
  // No supervisor: a one-shot client should not take part in pg-boss maintenance.
  const queue = await createQueue(config, { db: db(), log, supervise: false });
  return {
    queue,
    close: async () => {
      await queue.stop({ timeoutMs: 0 });
      await db().$disconnect();
    },
  };
}

async function list(queue: JobQueue, io: CliIo): Promise<number> {
  const { counts, failed } = await queue.inspect();
  io.stdout.write(`pending ${counts.pending}  running ${counts.running}  failed ${counts.failed}\n`);
  if (failed.length === 0) return 0;
  io.stdout.write(`\n${formatTable(failed)}`);
  if (counts.failed > failed.length) io.stdout.write(`(showing the ${failed.length} most recent of ${counts.failed} failed jobs)\n`);
  return 0;
}

function formatTable(jobs: FailedJob[]): string {
  const rows = [
    ["ID", "NAME", "ATTEMPTS", "LAST ERROR"],
    ...jobs.map((job) => [job.id, job.name, String(job.attempts), firstLine(job.lastError ?? "")]),
  ];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  return rows
    .map(
      (row) =>
        `${row
          .map((cell, column) => cell.padEnd(widths[column] ?? 0))
          .join("  ")
          .trimEnd()}\n`,
    )
    .join("");
}

function firstLine(text: string): string {
  const line = text.split("\n")[0] ?? "";
  return line.length > 160 ? `${line.slice(0, 160)}…` : line;
}

async function retryOne(queue: JobQueue, id: string, io: CliIo): Promise<number> {
  try {
    if (await queue.retry(id)) {
      io.stdout.write(`Job ${id} will run again.\n`);
      return 0;
    }
    io.stderr.write(`No failed job with id ${id}.\n`);
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  }
  return 1;
}

async function retryAll(queue: JobQueue, io: CliIo): Promise<number> {
  const seen = new Set<string>();
  let retried = 0;
  let problems = 0;
  // inspect() lists a page of failed jobs; retried ones leave the list, so page until no new ids.
  for (;;) {
    const fresh = (await queue.inspect()).failed.filter((job) => !seen.has(job.id));
    if (fresh.length === 0) break;
    for (const job of fresh) {
      seen.add(job.id);
      try {
        if (await queue.retry(job.id)) retried++;
      } catch (error) {
        problems++;
        io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
  }
  io.stdout.write(`Retried ${retried} failed job${retried === 1 ? "" : "s"}.\n`);
  return problems === 0 ? 0 : 1;
}
