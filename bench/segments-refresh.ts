/**
 * The segment refresh as production runs it, on the benchmark store: 50 saved segments (the ten
 * benchmark rules and four narrower variants of each) refreshed whole by `refreshAllSegments`
 * (what a sync or reconciliation ends with) for `refresh_all_ms`, and 2,000 customers whose facts
 * change in the database refreshed by `refreshCustomers` (what the webhook apply job runs: the
 * index catch-up reads, one evaluation pass per customer, the membership writes) for
 * `incremental_us`. The saved segments and their memberships stay in the cached store for the next
 * run; the changed facts are put back (and the memberships with them) before the bench returns,
 * and a run killed half-way is undone by the next from the file it leaves in bench/.cache.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Db } from "../app/db/db.server";
import { BENCHMARK_SEGMENTS } from "../app/segments/test-support/benchmark-segments";
import type { FactsIndexCache } from "../app/segments/facts-index/facts-index.server";
import { parseSegmentQuery } from "../app/segments/query-language/parser";
import { printSegmentQuery } from "../app/segments/query-language/printer";
import { refreshAllSegments, refreshCustomers } from "../app/segments/segment-service.server";
import { BENCH_NOW, BENCH_SHOP, CACHE_DIR } from "./store-cache";

const NARROWER = [
  "",
  " AND email_subscription_status = 'SUBSCRIBED'",
  " AND number_of_orders >= 2",
  " AND customer_countries CONTAINS 'US'",
  " AND amount_spent > 200",
];
export const REFRESH_SEGMENTS = BENCHMARK_SEGMENTS.flatMap((s, i) =>
  NARROWER.map((extra, j) => {
    const parsed = parseSegmentQuery(extra === "" ? s.query : `(${s.query})${extra}`);
    if (!parsed.ok) throw new Error(`refresh bench query ${i}-${j} does not parse: ${parsed.error.message}`);
    return { id: `bench-refresh-${i}-${j}`, name: `${s.name} ${j}`, query: printSegmentQuery(parsed.tree) };
  }),
);
const CHANGED_CUSTOMERS = 2_000;
const ALL_RUNS = 3;

type Metric = (name: string, value: number, unit: string) => void;
interface SavedFacts {
  customerId: number;
  amountSpent: string;
  orderCount: number;
  lastOrderAt: string | null;
}

const undoFile = (file: string) => join(CACHE_DIR, `${file.split("/").pop() ?? "store"}.refresh-undo.json`);

async function bumpVersion(db: Db): Promise<bigint> {
  const [row] = await db.$queryRawUnsafe<{ v: number | bigint | null }[]>(
    `SELECT MAX("version") AS "v" FROM "CustomerFacts" WHERE "shop" = ?`,
    BENCH_SHOP,
  );
  return BigInt(row?.v ?? 0) + 1n;
}

async function writeFacts(db: Db, rows: readonly SavedFacts[]): Promise<void> {
  const version = await bumpVersion(db);
  await db.$transaction(
    async (tx) => {
      for (const r of rows) {
        const data = {
          amountSpent: BigInt(r.amountSpent),
          orderCount: r.orderCount,
          lastOrderAt: r.lastOrderAt === null ? null : new Date(r.lastOrderAt),
          version,
        };
        await tx.customerFacts.updateMany({ where: { customerId: r.customerId, shop: BENCH_SHOP }, data });
      }
    },
    { timeout: 600_000 },
  );
}

/** Puts back the facts a killed run changed. */
async function undoLeftover(db: Db, file: string): Promise<void> {
  const path = undoFile(file);
  if (!existsSync(path)) return;
  await writeFacts(db, JSON.parse(readFileSync(path, "utf8")) as SavedFacts[]);
  rmSync(path);
}

async function ensureSegments(db: Db): Promise<void> {
  const have = new Set(
    (await db.segment.findMany({ where: { shop: BENCH_SHOP, id: { in: REFRESH_SEGMENTS.map((s) => s.id) } }, select: { id: true } })).map(
      (s) => s.id,
    ),
  );
  const missing = REFRESH_SEGMENTS.filter((s) => !have.has(s.id));
  if (missing.length > 0) await db.segment.createMany({ data: missing.map((s) => ({ ...s, shop: BENCH_SHOP, kind: "DYNAMIC" as const })) });
}

export async function benchRefresh(db: Db, cache: FactsIndexCache, file: string, metric: Metric): Promise<void> {
  await undoLeftover(db, file);
  await ensureSegments(db);
  const deps = { db, index: cache };
  // The first refresh of a process reads each segment's members back from the database (and on
  // the first run ever, writes them all); later ones diff against the members the index holds.
  let t0 = performance.now();
  await refreshAllSegments(deps, BENCH_SHOP, BENCH_NOW);
  metric("refresh_all_first_ms", performance.now() - t0, "ms");
  const times: number[] = [];
  for (let i = 0; i < ALL_RUNS; i++) {
    t0 = performance.now();
    await refreshAllSegments(deps, BENCH_SHOP, BENCH_NOW);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  metric("refresh_all_ms", times[Math.floor(times.length / 2)] ?? Number.NaN, "ms");

  // Customers spread over the store get an order today (facts written as the apply job would).
  const index = await cache.get(BENCH_SHOP);
  const step = Math.max(1, Math.floor(index.size / CHANGED_CUSTOMERS));
  const ids: number[] = [];
  for (let p = 0; p < index.size && ids.length < CHANGED_CUSTOMERS; p += step) ids.push(index.customerIdAt(p));
  const saved = (
    await db.customerFacts.findMany({
      where: { customerId: { in: ids } },
      select: { customerId: true, amountSpent: true, orderCount: true, lastOrderAt: true },
    })
  ).map((f): SavedFacts => ({
    customerId: f.customerId,
    amountSpent: f.amountSpent.toString(),
    orderCount: f.orderCount,
    lastOrderAt: f.lastOrderAt?.toISOString() ?? null,
  }));
  writeFileSync(undoFile(file), JSON.stringify(saved));
  await writeFacts(
    db,
    saved.map((f) => ({
      ...f,
      amountSpent: (BigInt(f.amountSpent) + 2_500n).toString(),
      orderCount: f.orderCount + 1,
      lastOrderAt: BENCH_NOW.toISOString(),
    })),
  );
  t0 = performance.now();
  const changed = await refreshCustomers(deps, BENCH_SHOP, ids, BENCH_NOW);
  metric("incremental_us", ((performance.now() - t0) * 1000) / ids.length, "us");
  metric("incremental_membership_changes", changed.entered + changed.exited, "count");
  // And back: the same path again, which also restores the memberships.
  await writeFacts(db, saved);
  t0 = performance.now();
  const restored = await refreshCustomers(deps, BENCH_SHOP, ids, BENCH_NOW);
  metric("incremental_restore_us", ((performance.now() - t0) * 1000) / ids.length, "us");
  metric("incremental_restore_membership_changes", restored.entered + restored.exited, "count");
  rmSync(undoFile(file));
}
