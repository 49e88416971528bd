/**
 * The editor's live count and preview through the real route: `app/routes/app.segments.live.tsx`'s
 * action called in-process with the POST the editor sends at each pause in typing
 * (`/app/segments/live`, query and page 1 in the body: count, total and a preview page from one
 * evaluation) and its JSON answer read, as the sandbox session, against the cached generated
 * SQLite store (default 1M customers). Index snapshots go to bench/.cache/index-snapshots.
 * The first call builds the shop's facts index from the database (`index_build_ms`, the
 * snapshot removed first, so this is a real build; it writes a new snapshot) and
 * `index_mb` is its size; `cold_count_ms` is the first request of a fresh process (a child
 * started for it: loading the app's modules, the snapshot, the catch-up and the evaluation).
 * Then each of six queries is re-asked RUNS times, cycling through the texts a merchant
 * produces while typing it, for `p50_ms` / `p95_ms` (goal ≤ 50 ms).
 * The route only reads (facts index catch-up, preview rows), so the cached store is used in
 * place; the bench checks its modification time is unchanged afterwards.
 */
import { execFileSync } from "node:child_process";
import { rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { BENCH_SHOP, CACHE_DIR, ensureBenchStore } from "./store-cache";
import type { Bench, BenchResult } from "./types";

const RUNS = 30;

/** Each query as it grows under the merchant's fingers; the last text is the finished query. */
export const LIVE_COUNT_QUERIES: readonly { name: string; texts: readonly string[] }[] = [
  { name: "amount spent", texts: ["amount_spent >= 5", "amount_spent >= 50", "amount_spent >= 500"] },
  { name: "number of orders", texts: ["number_of_orders >= 1", "number_of_orders >= 10"] },
  { name: "recent order", texts: ["last_order_date > -3d", "last_order_date > -30d", "last_order_date > -300d"] },
  { name: "tags", texts: ["customer_tags CONTAINS 'v'", "customer_tags CONTAINS 'vi'", "customer_tags CONTAINS 'vip'"] },
  {
    name: "bought a product",
    texts: ["products_purchased MATCHES (id = 8200000000001)", "products_purchased MATCHES (id = 8200000000001) AND number_of_orders >= 2"],
  },
  {
    name: "nested AND/OR",
    texts: [
      "(amount_spent > 100 AND customer_tags CONTAINS 'dog-owner')",
      "(amount_spent > 100 AND customer_tags CONTAINS 'dog-owner') OR (last_order_date >= -90d)",
      "(amount_spent > 100 AND customer_tags CONTAINS 'dog-owner') OR (last_order_date >= -90d AND email_subscription_status = 'SUBSCRIBED' AND number_of_orders >= 3)",
    ],
  },
];

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}
const round = (n: number): number => Math.round(n * 1000) / 1000;

export const SNAPSHOT_DIR = join(CACHE_DIR, "index-snapshots");

/** The sandbox session's environment over the store `file`, with index snapshots on. */
export function setSandboxEnv(file: string): void {
  Object.assign(process.env, {
    DATABASE_URL: `file:${resolve(file)}`,
    FLOCK_INDEX_SNAPSHOT_DIR: SNAPSHOT_DIR,
    FLOCK_SANDBOX: "1",
    FLOCK_SANDBOX_SHOP: BENCH_SHOP,
    NODE_ENV: "development",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
  });
  process.env.SHOPIFY_API_KEY ??= "bench-api-key";
  process.env.SHOPIFY_API_SECRET ??= "bench-api-secret";
  process.env.SHOPIFY_APP_URL ??= "https://flock.bench";
  process.env.SCOPES ??= "read_customers";
  process.env.FLOCK_ENCRYPTION_KEY ??= "2".repeat(64);
}

export const benchLiveCount: Bench = async ({ customers = 1_000_000, seed }) => {
  const store = await ensureBenchStore({ customers, seed, kind: "sqlite" });
  if (store.kind !== "sqlite") throw new Error("live-count runs on the SQLite bench store");
  const before = statSync(store.file).mtimeMs;
  setSandboxEnv(store.file);
  // The route module reads env and opens the database on import: import after the env is set.
  const route = await import("../app/routes/app.segments.live");
  const count = (text: string): Promise<number> => liveRequest(route.action, text);

  const results: BenchResult[] = [];
  // A real build: no snapshot of this store to load (the build writes one).
  rmSync(SNAPSHOT_DIR, { recursive: true, force: true });
  const warm = await count("number_of_orders >= 1");
  results.push({ bench: "live-count", metric: "index_build_ms", value: round(warm), unit: "ms" });
  const { factsIndexCache } = await import("../app/segments/facts-index/facts-index.server");
  results.push({
    bench: "live-count",
    metric: "index_mb",
    value: round((factsIndexCache().peek(BENCH_SHOP)?.bytes() ?? Number.NaN) / 1e6),
    unit: "MB",
  });
  // A fresh process's first request, from the snapshot just written.
  const cold = JSON.parse(
    execFileSync(process.execPath, [...process.execArgv, resolve("bench/live-count-cold.ts"), store.file], { encoding: "utf8" })
      .trim()
      .split("\n")
      .at(-1) ?? "{}",
  ) as { ms?: number };
  results.push({ bench: "live-count", metric: "cold_count_ms", value: round(cold.ms ?? Number.NaN), unit: "ms" });

  // The first re-count is the index's first catch-up; name it when it fails, with the build time.
  await count(LIVE_COUNT_QUERIES[0]?.texts[0] ?? "").catch((error: unknown) => {
    throw new Error(
      `live-count: the first call after the index build (${round(warm)} ms) failed: ${error instanceof Error ? error.message.split("\n").filter(Boolean).at(-1) : String(error)}`,
      { cause: error },
    );
  });

  const all: number[] = [];
  for (const query of LIVE_COUNT_QUERIES) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push(await count(query.texts[i % query.texts.length] ?? ""));
    times.sort((a, b) => a - b);
    all.push(...times);
    results.push({ bench: "live-count", metric: "p50_ms", value: round(percentile(times, 50)), unit: "ms", variant: query.name });
    results.push({ bench: "live-count", metric: "p95_ms", value: round(percentile(times, 95)), unit: "ms", variant: query.name });
  }
  all.sort((a, b) => a - b);
  results.push({ bench: "live-count", metric: "p50_ms", value: round(percentile(all, 50)), unit: "ms", variant: "all" });
  results.push({ bench: "live-count", metric: "p95_ms", value: round(percentile(all, 95)), unit: "ms", variant: "all" });

  const { db } = await import("../app/db/db.server");
  await db().$disconnect();
  if (statSync(store.file).mtimeMs !== before) throw new Error(`live-count: the route wrote to ${store.file}; run it on a copy`);
  return results;
};

type LiveAction = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => Promise<Response>;

/** One request as the editor sends it after a pause in typing; its time in ms. */
export async function liveRequest(action: LiveAction, text: string): Promise<number> {
  const request = new Request("http://127.0.0.1:3000/app/segments/live", {
    method: "POST",
    body: new URLSearchParams({ q: text, page: "1" }),
  });
  const started = performance.now();
  const response = await action({ request, params: {}, context: {} });
  const result: unknown = await response.json();
  const ms = performance.now() - started;
  if (!(typeof result === "object" && result !== null && "ok" in result && result.ok === true))
    throw new Error(`live-count: "${text}" did not count: ${JSON.stringify(result)}`);
  return ms;
}
