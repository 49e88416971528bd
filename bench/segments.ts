/**
 * Segment engine on a generated store (default 1M customers, ~5M orders): building the
 * columnar index from the database, latency of ten representative segments, incremental
 * re-evaluation of changed customers across all saved segments, and peak RSS; then mingo and
 * json-rules-engine evaluate the same ten rules over the same facts (pre-resolved dates, so
 * they only do matching) for `ratio_vs_mingo` and `ratio_vs_json_rules_engine`.
 * Baselines run on an evenly spaced sample of customers and are scaled linearly to the whole
 * store (json-rules-engine needs ~minutes per rule at 1M); their counts on the sample are
 * checked against Flock's.
 */
import { Engine } from "json-rules-engine";
import { Query } from "mingo";
import { connectDb } from "../app/db/db.server";
import { BENCHMARK_SEGMENTS, PURCHASE_WINDOW_SEGMENTS } from "../app/segments/test-support/benchmark-segments";
import type { Bitset } from "../app/segments/engine/bitset";
import type { CustomerRecord } from "../app/segments/engine/facts";
import { FactsIndexCache } from "../app/segments/facts-index/facts-index.server";
import { parseSegmentQuery } from "../app/segments/query-language/parser";
import type { SegmentQuery } from "../app/segments/query-language/tree";
import type { ShopIndex } from "../app/segments/engine/shop-index";
import { benchRefresh } from "./segments-refresh";
import { BENCH_NOW, BENCH_SHOP, ensureBenchStore } from "./store-cache";
import type { Bench, BenchResult } from "./types";

const RUNS = 30;
const MINGO_SAMPLE = 200_000;
const JRE_SAMPLE = 20_000;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}
const round = (n: number, digits = 3): number => Math.round(n * 10 ** digits) / 10 ** digits;

function parse(query: string): SegmentQuery {
  const r = parseSegmentQuery(query);
  if (!r.ok) throw new Error(`bench query does not parse: ${r.error.message}`);
  return r.tree;
}

/** A baseline document: the facts the ten rules read, with dates as epoch seconds (0 = none). */
type Doc = Record<string, unknown> & {
  amountSpent: number;
  orderCount: number;
  lastOrderAt: number;
  tags: string[];
  region: string | null;
  emailState: string;
  products: string[];
  checkouts: { at: number; recovered: boolean }[];
};

function docOf(r: CustomerRecord, productIds: readonly string[]): Doc {
  return {
    amountSpent: r.amountSpent,
    orderCount: r.orderCount,
    lastOrderAt: r.lastOrderAt ?? 0,
    tags: [...r.tags],
    region: r.region,
    emailState: r.emailState,
    products: [...new Set(r.purchases.map((p) => productIds[p.product] ?? ""))],
    checkouts: r.checkouts.map((k) => ({ at: k.at, recovered: k.recovered })),
  };
}

/** The ten rules with their dates resolved by the shop's clock, as plain thresholds. */
function thresholds(index: ShopIndex) {
  const clock = index.clock;
  const span = (value: Parameters<typeof clock.resolve>[0]) => clock.span(clock.resolve(value, BENCH_NOW));
  const collection = index.catalog.collections.get("4100000000002") ?? [];
  return {
    since30: span({ kind: "relative", amount: -30, unit: "d" }).to,
    before: span({ kind: "absolute", date: "2026-03-01" }).from,
    since90: span({ kind: "relative", amount: -90, unit: "d" }).from,
    since24h: Math.floor(BENCH_NOW.getTime() / 1000) - 86_400 + 1,
    collectionProducts: collection.map((p) => index.catalog.products[p]?.shopifyId ?? ""),
  };
}

function mingoCriteria(t: ReturnType<typeof thresholds>): Record<string, unknown>[] {
  return [
    { amountSpent: { $gte: 50_000 } },
    { lastOrderAt: { $gte: t.since30 } },
    { lastOrderAt: { $gt: 0, $lt: t.before } },
    { orderCount: { $gte: 10 } },
    { products: "8200000000001" },
    { products: { $in: t.collectionProducts } },
    { checkouts: { $elemMatch: { at: { $gte: t.since24h }, recovered: false } } },
    { tags: "vip" },
    { region: "US-NY" },
    {
      $or: [
        { $and: [{ amountSpent: { $gt: 10_000 } }, { tags: "dog-owner" }] },
        { $and: [{ lastOrderAt: { $gte: t.since90 } }, { emailState: "SUBSCRIBED" }, { orderCount: { $gte: 3 } }] },
      ],
    },
  ];
}

type JreCondition = { fact: string; operator: string; value: unknown };
function jreRules(t: ReturnType<typeof thresholds>): ({ all: JreCondition[] } | { any: ({ all: JreCondition[] } | JreCondition)[] })[] {
  const c = (fact: string, operator: string, value: unknown): JreCondition => ({ fact, operator, value });
  return [
    { all: [c("amountSpent", "greaterThanInclusive", 50_000)] },
    { all: [c("lastOrderAt", "greaterThanInclusive", t.since30)] },
    { all: [c("lastOrderAt", "greaterThan", 0), c("lastOrderAt", "lessThan", t.before)] },
    { all: [c("orderCount", "greaterThanInclusive", 10)] },
    { all: [c("products", "contains", "8200000000001")] },
    { any: t.collectionProducts.map((p) => c("products", "contains", p)) },
    { all: [c("checkouts", "someUnrecoveredSince", t.since24h)] },
    { all: [c("tags", "contains", "vip")] },
    { all: [c("region", "equal", "US-NY")] },
    {
      any: [
        { all: [c("amountSpent", "greaterThan", 10_000), c("tags", "contains", "dog-owner")] },
        {
          all: [
            c("lastOrderAt", "greaterThanInclusive", t.since90),
            c("emailState", "equal", "SUBSCRIBED"),
            c("orderCount", "greaterThanInclusive", 3),
          ],
        },
      ],
    },
  ];
}

async function runSegmentsBench(customers: number, seed: number): Promise<BenchResult[]> {
  const store = await ensureBenchStore({ kind: "sqlite", customers, seed });
  if (store.kind !== "sqlite") throw new Error("expected a SQLite store");
  const url = `file:${store.file}`;
  const db = connectDb(url);
  const results: BenchResult[] = [];
  const metric = (name: string, value: number, unit: string) => {
    results.push({ bench: "segments", metric: name, value: round(value), unit });
    process.stderr.write(`segments: ${name} ${round(value)} ${unit}\n`);
  };
  try {
    const cache = new FactsIndexCache(db, { url });
    let t0 = performance.now();
    // CPU time too: on a shared machine it moves much less with the load than wall time.
    const cpu = process.cpuUsage();
    const index = await cache.get(BENCH_SHOP);
    metric("index_build_ms", performance.now() - t0, "ms");
    const used = process.cpuUsage(cpu);
    metric("index_build_cpu_ms", (used.user + used.system) / 1000, "ms");
    metric("index_mb", index.bytes() / 1e6, "MB");

    const trees = BENCHMARK_SEGMENTS.map((s) => parse(s.query));
    const flockBits: Bitset[] = trees.map((tree) => index.evaluate(tree, BENCH_NOW));
    const samples: number[] = [];
    const perSegmentP95: number[] = [];
    for (const tree of trees) {
      const own: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        t0 = performance.now();
        index.evaluate(tree, BENCH_NOW).count();
        own.push(performance.now() - t0);
      }
      own.sort((a, b) => a - b);
      perSegmentP95.push(percentile(own, 95));
      process.stderr.write(
        `segments: '${BENCHMARK_SEGMENTS[perSegmentP95.length - 1]?.name}' p50 ${round(percentile(own, 50))} ms, p95 ${round(percentile(own, 95))} ms\n`,
      );
      samples.push(...own);
    }
    samples.sort((a, b) => a - b);
    metric("p50_ms", percentile(samples, 50), "ms");
    metric("p95_ms", percentile(samples, 95), "ms");
    metric("max_segment_p95_ms", Math.max(...perSegmentP95), "ms");

    // Purchase rules that walk every purchase of the product (a window, a day), outside the ten.
    for (const [k, segment] of PURCHASE_WINDOW_SEGMENTS.entries()) {
      const tree = parse(segment.query);
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        t0 = performance.now();
        index.evaluate(tree, BENCH_NOW).count();
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      metric(`purchase_window_${k + 1}_p50_ms`, percentile(times, 50), "ms");
      metric(`purchase_window_${k + 1}_p95_ms`, percentile(times, 95), "ms");
    }

    // The refresh paths production runs (segments-refresh.ts): whole-shop and per changed customer.
    await benchRefresh(db, cache, store.file, metric);
    metric("peak_rss_mb", process.resourceUsage().maxRSS / 1024, "MB");

    // Baselines over an evenly spaced sample of the same facts.
    const productIds = index.catalog.products.map((p) => p.shopifyId);
    const t = thresholds(index);
    const sampleOf = (size: number) => {
      const positions: number[] = [];
      const every = Math.max(1, Math.floor(index.size / size));
      for (let p = 0; p < index.size && positions.length < size; p += every) positions.push(p);
      return positions;
    };
    const flockTotalMs = trees.reduce((s, tree) => {
      const start = performance.now();
      index.evaluate(tree, BENCH_NOW).count();
      return s + performance.now() - start;
    }, 0);
    const check = (name: string, k: number, positions: number[], count: number) => {
      const expected = positions.filter((p) => flockBits[k]?.has(p)).length;
      if (count !== expected)
        throw new Error(`${name} counted ${count} for '${BENCHMARK_SEGMENTS[k]?.name}' on the sample, Flock ${expected}`);
    };

    const mingoPositions = sampleOf(MINGO_SAMPLE);
    const mingoDocs = mingoPositions.map((p) => docOf(index.record(p), productIds));
    let mingoMs = 0;
    mingoCriteria(t).forEach((criteria, k) => {
      const query = new Query(criteria);
      const start = performance.now();
      let count = 0;
      for (const doc of mingoDocs) if (query.test(doc)) count++;
      mingoMs += performance.now() - start;
      check("mingo", k, mingoPositions, count);
    });
    const mingoFullMs = (mingoMs * index.size) / mingoPositions.length;
    metric("mingo_total_ms", mingoFullMs, "ms");
    metric("ratio_vs_mingo", mingoFullMs / flockTotalMs, "x");

    const jrePositions = sampleOf(JRE_SAMPLE);
    const jreDocs = jrePositions.map((p) => docOf(index.record(p), productIds));
    let jreMs = 0;
    for (const [k, conditions] of jreRules(t).entries()) {
      const engine = new Engine([{ conditions: conditions as never, event: { type: "match" } }], { allowUndefinedFacts: true });
      engine.addOperator(
        "someUnrecoveredSince",
        (checkouts: unknown, since: unknown) =>
          Array.isArray(checkouts) && checkouts.some((c: Doc["checkouts"][number]) => !c.recovered && c.at >= Number(since)),
      );
      const start = performance.now();
      let count = 0;
      for (const doc of jreDocs) if ((await engine.run(doc as unknown as Record<string, unknown>)).events.length > 0) count++;
      jreMs += performance.now() - start;
      check("json-rules-engine", k, jrePositions, count);
    }
    const jreFullMs = (jreMs * index.size) / jrePositions.length;
    metric("json_rules_engine_total_ms", jreFullMs, "ms");
    metric("ratio_vs_json_rules_engine", jreFullMs / flockTotalMs, "x");

    // The index as an orders_placed rule needs it (per-order rows too): the memory budget's case.
    cache.drop(BENCH_SHOP);
    t0 = performance.now();
    const withOrders = await cache.get(BENCH_SHOP, { withOrders: true });
    metric("index_with_orders_build_ms", performance.now() - t0, "ms");
    metric("index_with_orders_mb", withOrders.bytes() / 1e6, "MB");
    return results;
  } finally {
    await db.$disconnect();
  }
}

export const benchSegments: Bench = ({ customers, seed }) => runSegmentsBench(customers ?? 1_000_000, seed);
