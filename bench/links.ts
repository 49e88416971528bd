// `npm run bench -- links [--recipients N]`: what tracked links cost a blast on SQLite. The same
// N texts with two links each are enqueued in batches of 5,000 through the plain outbox
// (`plain_rows_per_s`) and through `enqueueTrackedMessages` (`tracked_rows_per_s`: bodies
// rewritten, 2N ShortLink rows written in the same transactions); the pure rewrite alone
// (`rewrites_per_s`); and 1,000 first clicks through the route's loader (`click_p50_ms`, `click_p95_ms`).
import { connectDb } from "~/db/db.server";
import { enqueueTrackedMessages } from "~/messaging/links/enqueue-tracked.server";
import { linkCode, shortLinkKey } from "~/messaging/links/code";
import { shortLinkLoader } from "~/messaging/links/link-route.server";
import { rewriteText } from "~/messaging/links/rewrite";
import { enqueueOutboxMessages, type NewOutboxMessage } from "~/messaging/outbox/outbox-store.server";
import { createScratchDb } from "../scripts/lib/migrations";
import type { Bench, BenchResult } from "./types";

const NOW = new Date("2026-12-07T17:00:00Z");
const KEY = Buffer.alloc(32, 9);
const APP = "https://flock.example.com";
const BATCH = 5_000;
const BODY =
  "Paws & Whiskers: winter sale, 20% off at https://paws.example.com/collections/winter-sale and free treats https://paws.example.com/treats?ref=sms. Reply STOP to opt out";
const UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

function rows(shop: string, label: string, count: number): NewOutboxMessage[] {
  return Array.from({ length: count }, (_, i) => ({
    shop,
    idempotencyKey: `campaign:${label}:${i + 1}`,
    channel: "SMS" as const,
    customerId: i + 1,
    recipient: `+1212${String(i).padStart(7, "0")}`,
    body: BODY,
    notBefore: NOW,
    campaignId: label,
  }));
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export const benchLinks: Bench = async (options) => {
  const count = options.recipients ?? 50_000;
  const scratch = await createScratchDb("sqlite", "lbench");
  const db = connectDb(scratch.url);
  const results: BenchResult[] = [];
  const push = (metric: string, value: number, unit: string) => results.push({ bench: "links", metric, value, unit });
  try {
    const plain = rows("plain.myshopify.com", "p", count);
    let started = performance.now();
    for (let i = 0; i < plain.length; i += BATCH) await enqueueOutboxMessages(db, plain.slice(i, i + BATCH), NOW);
    push("plain_rows_per_s", Math.round(count / ((performance.now() - started) / 1000)), "rows/s");

    const tracked = rows("tracked.myshopify.com", "t", count);
    started = performance.now();
    for (let i = 0; i < tracked.length; i += BATCH)
      await enqueueTrackedMessages(db, tracked.slice(i, i + BATCH), NOW, { appUrl: APP, key: KEY });
    push("tracked_rows_per_s", Math.round(count / ((performance.now() - started) / 1000)), "rows/s");
    const links = await db.shortLink.count({ where: { shop: "tracked.myshopify.com" } });
    if (links !== 2 * count) throw new Error(`links bench: ${links} short links for ${count} texts`);

    const linkKey = shortLinkKey(KEY);
    started = performance.now();
    for (let i = 0; i < count; i++)
      rewriteText(BODY, {
        appUrl: APP,
        channel: "sms",
        campaign: "t",
        codeFor: (index) => linkCode(linkKey, "s", `campaign:t:${i}`, index),
      });
    push("rewrites_per_s", Math.round(count / ((performance.now() - started) / 1000)), "texts/s");

    const codes = (await db.shortLink.findMany({ where: { shop: "tracked.myshopify.com" }, select: { code: true }, take: 1_000 })).map(
      (l) => l.code,
    );
    const times: number[] = [];
    for (const code of codes) {
      const t0 = performance.now();
      const response = await shortLinkLoader(db, code, new Request(`${APP}/l/${code}`, { headers: { "user-agent": UA } }), NOW);
      times.push(performance.now() - t0);
      if (!(response instanceof Response) || response.status !== 302) throw new Error(`links bench: /l/${code} did not redirect`);
    }
    times.sort((a, b) => a - b);
    push("click_p50_ms", Math.round(percentile(times, 50) * 100) / 100, "ms");
    push("click_p95_ms", Math.round(percentile(times, 95) * 100) / 100, "ms");
  } finally {
    await db.$disconnect();
    await scratch.drop();
  }
  return results;
};
