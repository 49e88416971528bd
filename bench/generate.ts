/**
 * Store generation and bulk load: a fresh store of `--customers` customers generated and
 * written into an empty migrated SQLite file (and PostgreSQL database), timed end to end
 * (generation, row building, writing, commit). Metrics for PostgreSQL carry a `_pg` suffix.
 * `--target sqlite|pg|both` picks the databases (default sqlite; PostgreSQL is skipped with a
 * note when the server is unreachable, unless asked for alone). The written store then becomes
 * the cached store for that size and seed, so other benches need not generate it again.
 */
import { postgresReachable } from "../scripts/lib/migrations";
import { adoptIntoCache, createScratchStore, discardStore, writeBenchStore, type BenchStoreSpec } from "./store-cache";
import type { BenchOptions, BenchResult } from "./types";

export const GENERATE_TARGETS = ["sqlite", "pg", "both"] as const;
export type GenerateTarget = (typeof GENERATE_TARGETS)[number];

export interface GenerateBenchOptions extends BenchOptions {
  target?: GenerateTarget;
}

const DEFAULT_CUSTOMERS = 100_000;

export async function benchGenerate(options: GenerateBenchOptions): Promise<BenchResult[]> {
  const spec: BenchStoreSpec = { customers: options.customers ?? DEFAULT_CUSTOMERS, seed: options.seed };
  // SQLite by default: the goal is "1M customers into SQLite within 10 minutes" for the plain
  // command; PostgreSQL is measured with --target pg (or both).
  const target = options.target ?? "sqlite";
  const results: BenchResult[] = [];
  if (target !== "pg") results.push(...(await measure("sqlite", spec, "")));
  if (target !== "sqlite") {
    if (await postgresReachable()) results.push(...(await measure("postgres", spec, "_pg")));
    else if (target === "pg") throw new Error("PostgreSQL is not reachable (FLOCK_TEST_PG_URL or postgres@127.0.0.1:5432)");
    else process.stderr.write("generate: PostgreSQL not reachable, measuring SQLite only\n");
  }
  return results;
}

let measuredBefore = false;

async function measure(kind: "sqlite" | "postgres", spec: BenchStoreSpec, suffix: string): Promise<BenchResult[]> {
  const scratch = await createScratchStore(kind, `gen_${process.pid}`);
  // The first load in a fresh process can use the kernel's exact peak; a later one samples RSS
  // (the SQLite load blocks the event loop, so it also samples after every committed batch).
  const exactPeak = !measuredBefore;
  measuredBefore = true;
  let peak = process.memoryUsage.rss();
  const sample = (): void => {
    peak = Math.max(peak, process.memoryUsage.rss());
  };
  const timer = setInterval(sample, 250);
  const label = kind === "sqlite" ? "SQLite" : "PostgreSQL";
  let reported = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  try {
    const written = await writeBenchStore(scratch, spec, (progress) => {
      sample();
      if (progress.customers - reported >= spec.customers / 10 || (progress.customers === spec.customers && reported < spec.customers)) {
        reported = progress.customers;
        const seconds = (performance.now() - started) / 1000;
        process.stderr.write(
          `generate ${label}: ${progress.customers}/${spec.customers} customers, ${progress.rows} rows, ${seconds.toFixed(1)} s\n`,
        );
      }
    });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    sample();
    const peakMb = exactPeak ? process.resourceUsage().maxRSS / 1024 : peak / 1024 / 1024;
    await adoptIntoCache(scratch, spec);
    const metric = (name: string, value: number, unit: string): BenchResult => ({
      bench: "generate",
      metric: `${name}${suffix}`,
      value,
      unit,
    });
    return [
      metric("rows_per_s", Math.round(written.rows / seconds), "rows/s"),
      metric("seconds", Math.round(seconds * 10) / 10, "s"),
      // This process only (user + system): steadier than wall time on a shared machine, and
      // for PostgreSQL it leaves out the server's own work.
      metric("cpu_seconds", Math.round((cpu.user + cpu.system) / 1e5) / 10, "s"),
      metric("rows", written.rows, "rows"),
      metric("customers", written.customers, "customers"),
      metric("orders", written.orders, "orders"),
      metric("line_items", written.lineItems, "line items"),
      metric("peak_rss_mb", Math.round(peakMb), "MB"),
    ];
  } catch (error) {
    await discardStore(scratch);
    throw error;
  } finally {
    clearInterval(timer);
  }
}
