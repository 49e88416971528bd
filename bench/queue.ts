// `npm run bench -- queue [--recipients N]`: jobs enqueued and completed per second on each
// adapter — embedded on SQLite, embedded on PostgreSQL and pg-boss (PostgreSQL when reachable).
// Production-like timings except polling, which is tightened so idle waits don't dominate.
import pino from "pino";
import { connectDb } from "~/db/db.server";
import { createEmbeddedQueue } from "~/jobs/embedded-queue.server";
import { createPgBossQueue } from "~/jobs/pgboss-queue.server";
import type { JobQueue } from "~/jobs/queue";
import { createScratchDb, postgresReachable } from "../scripts/lib/migrations";
import type { Bench, BenchResult } from "./types";

const CONCURRENCY = 8;
const log = pino({ level: "silent" });

type Variant = { name: string; kind: "sqlite" | "postgres"; open(url: string): Promise<{ queue: JobQueue; close(): Promise<void> }> };

const embedded =
  (dialect: "sqlite" | "postgres"): Variant["open"] =>
  async (url) => {
    const db = connectDb(url);
    return { queue: createEmbeddedQueue({ db, dialect, log, timings: { pollIntervalMs: 20 } }), close: () => db.$disconnect() };
  };

const VARIANTS: Variant[] = [
  { name: "embedded-sqlite", kind: "sqlite", open: embedded("sqlite") },
  { name: "embedded-postgres", kind: "postgres", open: embedded("postgres") },
  {
    name: "pgboss",
    kind: "postgres",
    open: async (url) => ({
      queue: await createPgBossQueue({ connectionString: url, log, timings: { pollIntervalMs: 20 } }),
      close: async () => {},
    }),
  },
];

async function measure(variant: Variant, jobs: number): Promise<BenchResult[]> {
  const scratch = await createScratchDb(variant.kind, "qbench");
  const { queue, close } = await variant.open(scratch.url);
  try {
    const enqueueStart = performance.now();
    for (let i = 0; i < jobs; i++) await queue.enqueue("bench.noop", { i });
    const enqueueSeconds = (performance.now() - enqueueStart) / 1000;

    let done = 0;
    let finished: () => void = () => {};
    const allDone = new Promise<void>((resolve) => (finished = resolve));
    const workStart = performance.now();
    await queue.work(
      "bench.noop",
      async () => {
        done += 1;
        if (done === jobs) finished();
      },
      { concurrency: CONCURRENCY },
    );
    await allDone;
    const workSeconds = (performance.now() - workStart) / 1000;
    await queue.stop({ timeoutMs: 5000 });
    return [
      { bench: "queue", metric: "enqueue_per_s", value: round(jobs / enqueueSeconds), unit: "jobs/s", variant: variant.name },
      { bench: "queue", metric: "complete_per_s", value: round(jobs / workSeconds), unit: "jobs/s", variant: variant.name },
    ];
  } finally {
    await close();
    await scratch.drop();
  }
}

const round = (n: number) => Math.round(n * 10) / 10;

export const benchQueue: Bench = async (options) => {
  const jobs = options.recipients ?? 2000;
  const withPostgres = await postgresReachable();
  const results: BenchResult[] = [];
  for (const variant of VARIANTS) {
    if (variant.kind === "postgres" && !withPostgres) continue;
    results.push(...(await measure(variant, jobs)));
  }
  return results;
};
