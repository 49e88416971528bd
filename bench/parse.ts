/**
 * Parser latency on a large, realistic query (~10,000 characters: many
 * clauses, nested parentheses, MATCHES, dates and strings). Goal: p95 < 5 ms.
 */
import { parseSegmentQuery } from "../app/segments/query-language/parser";
import type { Bench, BenchResult } from "./types";

const TARGET_CHARS = 10_000;
const WARMUP = 30;
const RUNS = 200;

/** Small deterministic PRNG so the same seed always builds the same query. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function buildLargeQuery(seed: number, targetChars = TARGET_CHARS): string {
  const random = mulberry32(seed);
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const id = (): string => `${int(1, 9)}${String(int(0, 999_999_999)).padStart(9, "0")}${String(int(0, 999)).padStart(3, "0")}`;
  const day = (): string => `20${String(int(18, 25))}-${String(int(1, 12)).padStart(2, "0")}-${String(int(1, 28)).padStart(2, "0")}`;
  const offset = (): string => `-${int(1, 90)}${pick(["d", "w", "m", "h"])}`;
  const tag = (): string => pick(["vip", "wholesale", "newsletter", "it\\'s complicated", "Sports wear", "returning"]);

  const clauses: (() => string)[] = [
    () => `amount_spent > ${int(10, 5000)}.${String(int(0, 99)).padStart(2, "0")}`,
    () => `number_of_orders BETWEEN ${int(1, 5)} AND ${int(6, 40)}`,
    () => `last_order_date >= ${offset()}`,
    () => `first_order_date BETWEEN ${day()}T08:30:00 AND today`,
    () => `customer_tags ${pick(["CONTAINS", "NOT CONTAINS"])} '${tag()}'`,
    () => `customer_countries CONTAINS '${pick(["CA", "US", "FR", "DE", "JP"])}'`,
    () => `email_subscription_status = '${pick(["SUBSCRIBED", "NOT_SUBSCRIBED", "PENDING"])}'`,
    () => `products_purchased MATCHES (id IN (${id()}, ${id()}, ${id()}), date > ${offset()})`,
    () => `orders_placed MATCHES (sum_amount >= ${int(50, 900)}, date BETWEEN ${day()} AND yesterday)`,
    () => `abandoned_checkouts MATCHES (date > -${int(1, 48)}h, recovered = false, amount > ${int(20, 400)})`,
    () => `messages MATCHES (channel = '${pick(["sms", "email"])}', event IN ('opened', 'clicked'), date > ${offset()})`,
    () => `shopify_email.opened MATCHES (activity_id = ${id()}, date > 30_days_ago)`,
    () => `abandoned_checkout_date IS NOT NULL`,
    () => `products_purchased(id: ${id()}) = true`,
  ];

  const group = (depth: number): string => {
    const parts: string[] = [];
    const size = int(2, 4);
    for (let i = 0; i < size; i++) {
      parts.push(depth > 0 && random() < 0.4 ? `(${group(depth - 1)})` : pick(clauses)());
    }
    return parts.join(random() < 0.5 ? " AND " : " OR ");
  };

  const groups: string[] = [];
  let length = 0;
  while (length < targetChars) {
    const next = `(${group(3)})`;
    groups.push(next);
    length += next.length + 4;
  }
  return groups.join(" OR\n");
}

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

function runParseBench(seed: number): BenchResult[] {
  const query = buildLargeQuery(seed);
  const check = parseSegmentQuery(query);
  if (!check.ok) throw new Error(`bench query does not parse: ${check.error.message}`);

  for (let i = 0; i < WARMUP; i++) parseSegmentQuery(query);
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    parseSegmentQuery(query);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const round = (n: number): number => Math.round(n * 1000) / 1000;
  const results: BenchResult[] = [
    { bench: "parse", metric: "p50_ms", value: round(percentile(samples, 50)), unit: "ms" },
    { bench: "parse", metric: "p95_ms", value: round(percentile(samples, 95)), unit: "ms" },
  ];
  return results;
}

export const benchParse: Bench = ({ seed }) => Promise.resolve().then(() => runParseBench(seed));
