// `npm run bench -- import [--customers N] [--seed S]`: the bulk import (app/shopify/sync) of a
// generated store's JSONL export into a fresh SQLite database. Goal at 1M customers / ~5M
// orders: ≥ 200,000 JSONL lines/s with peak RSS ≤ 256 MB.
//
// The export is written by the Admin stand-in's exporter (the same code that serves bulk
// operations), once per size and seed, under bench/.cache/, in a child process so its memory
// is not counted. The import then runs in this process: `peak_rss_mb` is the process's
// maximum resident set (getrusage), `lines_per_s` counts every JSONL line of the five files
// over the whole import, facts recomputation included.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { importBulkFiles } from "../app/shopify/sync/import-files.server";
import { RESOURCE_IMPORTS, SYNC_RESOURCES, type SyncResource } from "../app/shopify/sync/resources";
import { openSqliteRunner, prismaRunner, type SqlRunner } from "../app/db/sql-runner.server";
import { connectDb } from "../app/db/db.server";
import { schemaTag } from "../scripts/lib/migrations";
import { BENCH_NOW, BENCH_SHOP, CACHE_DIR, createScratchStore, discardStore } from "./store-cache";
import type { Bench, BenchOptions, BenchResult } from "./types";

const DEFAULT_CUSTOMERS = 1_000_000;

function exportDir(customers: number, seed: number): string {
  // Keyed by the schema too: the bulk queries change with it, and an older export lacks fields.
  return join(CACHE_DIR, `jsonl-c${customers}-s${seed}-m${schemaTag()}`);
}

function exportFiles(dir: string): Record<SyncResource, string> {
  return Object.fromEntries(SYNC_RESOURCES.map((r) => [r, join(dir, `${r}.jsonl`)])) as Record<SyncResource, string>;
}

/** Writes the five exports (child process entry point). */
async function writeExports(customers: number, seed: number, dir: string): Promise<void> {
  const { createGeneratedStoreSource } = await import("../app/sandbox/shopify-admin/store-source");
  const { exportBulkJsonl } = await import("../app/sandbox/shopify-admin/export-jsonl.server");
  const { CollectionView } = await import("../app/sandbox/shopify-admin/views");
  // Until the stand-in answers `Collection.sources` (2026-10's replacement for the deprecated
  // `ruleSet`), derive it here the way import-store.integration.test.ts does.
  if (!("sources" in CollectionView.prototype)) {
    Object.defineProperty(CollectionView.prototype, "sources", {
      configurable: true,
      get(this: { ruleSet: unknown; id: string }) {
        return this.ruleSet ? [{ id: `${this.id}/source/1` }] : [];
      },
    });
  }
  const source = createGeneratedStoreSource({ seed, customers, now: BENCH_NOW, shop: BENCH_SHOP, cacheLimit: 0 });
  const scratch = `${dir}.part`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const files = exportFiles(scratch);
  for (const resource of SYNC_RESOURCES) {
    const counts = await exportBulkJsonl(source, RESOURCE_IMPORTS[resource].query, files[resource]);
    process.stderr.write(`exported ${resource}: ${counts.objectCount} lines\n`);
  }
  renameSync(scratch, dir);
}

function ensureExports(customers: number, seed: number): string {
  const dir = exportDir(customers, seed);
  if (existsSync(dir)) return dir;
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), "--export", String(customers), String(seed), dir],
    {
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  if (child.status !== 0) throw new Error(`JSONL export failed (exit ${child.status})`);
  return dir;
}

interface ImportRun {
  seconds: number;
  /** CPU time of this process (user + system): what an idle machine's wall time would be. */
  cpuSeconds: number;
  lines: number;
}

async function importSqlite(files: Record<SyncResource, string>): Promise<ImportRun> {
  const store = await createScratchStore("sqlite", `import-${process.pid}`);
  if (store.kind !== "sqlite") throw new Error("unreachable");
  const runner = openSqliteRunner(store.file);
  try {
    return await timeImport(runner, files);
  } finally {
    await runner.close();
    await discardStore(store);
  }
}

/** PostgreSQL through Prisma raw statements, one round trip per row (no COPY path yet). */
async function importPostgres(files: Record<SyncResource, string>): Promise<ImportRun> {
  const store = await createScratchStore("postgres", `import_${process.pid}`);
  if (store.kind !== "postgres") throw new Error("unreachable");
  const db = connectDb(store.url);
  try {
    return await timeImport(await prismaRunner(db), files);
  } finally {
    await db.$disconnect();
    await discardStore(store);
  }
}

async function timeImport(runner: SqlRunner, files: Record<SyncResource, string>): Promise<ImportRun> {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const result = await importBulkFiles({ runner, shop: BENCH_SHOP, files, now: () => BENCH_NOW });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  return {
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    lines: SYNC_RESOURCES.reduce((sum, r) => sum + (result[r]?.lines ?? 0), 0),
  };
}

function figures(variant: string, run: ImportRun): BenchResult[] {
  const cpu: BenchResult[] =
    variant === "sqlite"
      ? [
          // On a shared machine the wall-clock rate understates the import; CPU time does not (SQLite
          // runs in-process; PostgreSQL's server time would be missing, hence SQLite only).
          { bench: "import", variant, metric: "lines_per_cpu_s", value: Math.round(run.lines / run.cpuSeconds), unit: "lines/s" },
        ]
      : [];
  return [
    ...cpu,
    { bench: "import", variant, metric: "lines_per_s", value: Math.round(run.lines / run.seconds), unit: "lines/s" },
    { bench: "import", variant, metric: "lines", value: run.lines, unit: "lines" },
    { bench: "import", variant, metric: "total_s", value: Math.round(run.seconds * 10) / 10, unit: "s" },
  ];
}

/** `--target sqlite` (default), `pg` or `both`; PostgreSQL runs only when it answers. */
export const benchImport: Bench = async (options: BenchOptions & { target?: "sqlite" | "pg" | "both" }) => {
  const customers = options.customers ?? DEFAULT_CUSTOMERS;
  const files = exportFiles(ensureExports(customers, options.seed));
  const bytes = SYNC_RESOURCES.reduce((sum, r) => sum + statSync(files[r]).size, 0);
  const target = options.target ?? "sqlite";
  const out: BenchResult[] = [{ bench: "import", metric: "jsonl_mb", value: Math.round(bytes / 2 ** 20), unit: "MB" }];
  if (target !== "pg") {
    out.push(...figures("sqlite", await importSqlite(files)));
    // getrusage's peak for this process: the export ran in a child, so this is the import's.
    out.push({
      bench: "import",
      variant: "sqlite",
      metric: "peak_rss_mb",
      value: Math.round(process.resourceUsage().maxRSS / 1024),
      unit: "MB",
    });
  }
  if (target !== "sqlite") out.push(...figures("postgres", await importPostgres(files)));
  return out;
};

// Run directly until bench/main.ts lists it: `npx tsx bench/import.ts [customers] [sqlite|pg|both]`.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === "--export") {
    const [customers, seed, dir] = process.argv.slice(3);
    await writeExports(Number(customers), Number(seed), dir ?? "");
  } else {
    const target = (process.argv[3] ?? "sqlite") as "sqlite" | "pg" | "both";
    const results = await benchImport({ customers: Number(process.argv[2] ?? DEFAULT_CUSTOMERS), seed: 1, target } as BenchOptions);
    for (const r of results) process.stdout.write(`${JSON.stringify(r)}\n`);
  }
}
