/**
 * The editor's live count through the real route: `app/routes/app.segments.count.tsx`'s
 * action called in-process with the POST the editor sends (`/app/segments/count`, the query
 * in the body) and its JSON answer read, as the sandbox session, against the cached generated
 * SQLite store (default 1M customers). The first call builds the shop's facts index
 * (`index_build_ms`); then each of six queries is re-counted RUNS times, cycling through the
 * texts a merchant produces while typing it, for `p50_ms` / `p95_ms` (goal ≤ 100 ms).
 * The route only reads (facts index catch-up and customer count), so the cached store is
 * used in place; the bench checks its modification time is unchanged afterwards.
 */
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { BENCH_SHOP, ensureBenchStore } from "./store-cache";
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

function setSandboxEnv(file: string): void {
  Object.assign(process.env, {
    DATABASE_URL: `file:${resolve(file)}`,
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
  const route = await import("../app/routes/app.segments.count");

  const count = async (text: string): Promise<number> => {
    const request = new Request("http://127.0.0.1:3000/app/segments/count", { method: "POST", body: new URLSearchParams({ q: text }) });
    const started = performance.now();
    const response = await route.action({ request, params: {}, context: {} });
    const result: unknown = await response.json();
    const ms = performance.now() - started;
    if (!(typeof result === "object" && result !== null && "ok" in result && result.ok === true)) throw new Error(`live-count: "${text}" did not count: ${JSON.stringify(result)}`);
    return ms;
  };

  const results: BenchResult[] = [];
  const warm = await count("number_of_orders >= 1");
  results.push({ bench: "live-count", metric: "index_build_ms", value: round(warm), unit: "ms" });

  // The first re-count is the index's first catch-up; name it when it fails, with the build time.
  await count(LIVE_COUNT_QUERIES[0]?.texts[0] ?? "").catch((error: unknown) => {
    throw new Error(`live-count: the first call after the index build (${round(warm)} ms) failed: ${error instanceof Error ? error.message.split("\n").filter(Boolean).at(-1) : String(error)}`, { cause: error });
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

  const { db } = await import("../app/db.server");
  await db().$disconnect();
  if (statSync(store.file).mtimeMs !== before) throw new Error(`live-count: the route wrote to ${store.file}; run it on a copy`);
  return results;
};
