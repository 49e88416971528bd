// `npm run bench -- recipients [--recipients N]` (default 300,000) on SQLite: a sent campaign's
// recipients table and CSV through the production read model (app/campaigns/recipients.server.ts).
// N customers, a 10 % holdout, and outbox rows mostly delivered with 1 % failed and 1 % skipped.
// page_p50_ms / page_p95_ms: a page of 50 of all recipients after a random cursor (what the
// table's route answers); failed_page_p95_ms: the same filtered by Failed (a rare status);
// csv_rows_per_s: the whole CSV streamed and read.
import { connectDb, type Db } from "~/db/db.server";
import { createCampaign } from "~/campaigns/campaign-store.server";
import { EMPTY_DRAFT } from "~/campaigns/campaign-form";
import { exportRecipientsCsv, recipientsTablePage } from "~/campaigns/recipients.server";
import type { RecipientFilter } from "~/campaigns/recipients";
import { createScratchDb } from "../scripts/lib/migrations";
import type { Bench, BenchResult } from "./types";

const AT = new Date("2026-12-07T17:00:00Z");
const SHOP = "recipients.myshopify.com";
const SAMPLES = 40;

async function seed(db: Db, count: number): Promise<{ id: string; customerIds: number[] }> {
  await db.shop.create({ data: { shop: SHOP, name: "Bench", ianaTimezone: "America/New_York" } });
  for (let start = 0; start < count; start += 500) {
    const n = Math.min(500, count - start);
    await db.customer.createMany({
      data: Array.from({ length: n }, (_, i) => ({
        shop: SHOP,
        gid: `gid://shopify/Customer/${start + i + 1}`,
        phone: `+1212${String(start + i).padStart(7, "0")}`,
        firstName: `Pat${start + i}`,
        shopifyCreatedAt: AT,
        shopifyUpdatedAt: AT,
      })),
    });
  }
  const customerIds = (await db.customer.findMany({ where: { shop: SHOP }, select: { id: true }, orderBy: { id: "asc" } })).map(
    (c) => c.id,
  );
  const id = await createCampaign(db, SHOP, { ...EMPTY_DRAFT, name: "Bench blast", smsText: "Hi" });
  await db.campaign.update({ where: { id }, data: { status: "SENT", frozenAt: AT } });
  for (let start = 0; start < customerIds.length; start += 1_000) {
    const chunk = customerIds.slice(start, start + 1_000);
    await db.campaignHoldout.createMany({
      data: chunk.filter((_, i) => (start + i) % 10 === 0).map((customerId) => ({ shop: SHOP, campaignId: id, customerId })),
    });
    await db.outboxMessage.createMany({
      data: chunk.flatMap((customerId, i) => {
        const k = start + i;
        if (k % 10 === 0) return [];
        const outcome =
          k % 100 === 1
            ? { status: "FAILED" as const, lastError: "30003: Unreachable destination handset" }
            : k % 100 === 2
              ? { status: "SKIPPED" as const, skipReason: "no_consent" }
              : { status: "DELIVERED" as const, sentAt: AT };
        return [
          {
            shop: SHOP,
            idempotencyKey: `campaign:${id}:${customerId}`,
            channel: "SMS" as const,
            customerId,
            recipient: `+1212${String(k).padStart(7, "0")}`,
            body: "Hi",
            notBefore: AT,
            campaignId: id,
            ...outcome,
          },
        ];
      }),
    });
  }
  return { id, customerIds };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function pageTimes(db: Db, id: string, customerIds: readonly number[], status: RecipientFilter): Promise<number[]> {
  const times: number[] = [];
  for (let s = 0; s < SAMPLES; s++) {
    // Cursors spread over the whole range, deterministic: the first page, then evenly deeper.
    const after = s === 0 ? undefined : customerIds[Math.floor((s / SAMPLES) * customerIds.length)];
    const started = performance.now();
    const page = await recipientsTablePage(db, SHOP, id, { status, after });
    times.push(performance.now() - started);
    if (!page || (status === "all" && page.rows.length !== 50)) throw new Error(`recipients bench: short page at ${String(after)}`);
  }
  return times.sort((a, b) => a - b);
}

export const benchRecipients: Bench = async (options) => {
  const recipients = options.recipients ?? 300_000;
  const scratch = await createScratchDb("sqlite", "recipients");
  const db = connectDb(scratch.url);
  try {
    const { id, customerIds } = await seed(db, recipients);
    const all = await pageTimes(db, id, customerIds, "all");
    const failed = await pageTimes(db, id, customerIds, "failed");
    const started = performance.now();
    const exported = await exportRecipientsCsv(db, SHOP, id);
    if (!exported) throw new Error("recipients bench: campaign not found");
    const lines = (await new Response(exported.body).text()).split("\r\n").length - 2;
    const csvS = (performance.now() - started) / 1000;
    if (lines !== recipients) throw new Error(`recipients bench: CSV has ${lines} rows for ${recipients} recipients`);
    const results: BenchResult[] = [
      { bench: "recipients", metric: "page_p50_ms", value: Math.round(percentile(all, 50) * 10) / 10, unit: "ms" },
      { bench: "recipients", metric: "page_p95_ms", value: Math.round(percentile(all, 95) * 10) / 10, unit: "ms" },
      { bench: "recipients", metric: "failed_page_p95_ms", value: Math.round(percentile(failed, 95) * 10) / 10, unit: "ms" },
      { bench: "recipients", metric: "csv_rows_per_s", value: Math.round(lines / csvS), unit: "rows/s" },
    ];
    return results;
  } finally {
    await db.$disconnect();
    await scratch.drop();
  }
};
