// `npm run bench -- blast [--recipients N]` (default 300,000) on SQLite: a campaign to one
// segment of N subscribed New Yorkers at a fixed noon. preview_ms: the full preview (every
// recipient decided with consent, suppression, cap and quiet hours; every text rendered and
// priced); freeze_ms: the start job's audience read, holdout and rendering; outbox_rows_per_s:
// the start job's holdout and outbox rows written. sms_rate_pct and email_handover_s are not
// measured by this bench yet (see docs/BENCHMARKS.md).
import { connectDb, type Db } from "~/db.server";
import { createCampaign } from "~/campaigns/campaign-store.server";
import { EMPTY_DRAFT } from "~/campaigns/campaign-form";
import type { CampaignDeps } from "~/campaigns/deps.server";
import { previewCampaign } from "~/campaigns/preview.server";
import { requestSend, startCampaign } from "~/campaigns/send.server";
import { createScratchDb } from "../scripts/lib/migrations";
import { benchBlastSend } from "./blast-send";
import type { Bench, BenchResult } from "./types";

const NOON_NY = new Date("2026-12-07T17:00:00Z");
const SHOP = "blast.myshopify.com";

async function seed(db: Db, count: number): Promise<string> {
  await db.shop.create({ data: { shop: SHOP, name: "Bench", ianaTimezone: "America/New_York" } });
  await db.channelSettings.create({ data: { shop: SHOP, brandName: "Paws", smsPerSecond: 500 } });
  for (let start = 0; start < count; start += 500) {
    const n = Math.min(500, count - start);
    await db.customer.createMany({
      data: Array.from({ length: n }, (_, i) => ({
        shop: SHOP, gid: `gid://shopify/Customer/${start + i + 1}`, phone: `+1212${String(start + i).padStart(7, "0")}`, email: `c${start + i}@example.com`,
        firstName: `Pat${start + i}`, countryCode: "US", provinceCode: "NY", smsMarketingState: "SUBSCRIBED" as const, shopifyCreatedAt: NOON_NY, shopifyUpdatedAt: NOON_NY,
      })),
    });
  }
  const segment = await db.segment.create({ data: { shop: SHOP, name: "Everyone", kind: "STATIC", memberCount: count }, select: { id: true } });
  const ids = (await db.customer.findMany({ where: { shop: SHOP }, select: { id: true } })).map((c) => c.id);
  for (let start = 0; start < ids.length; start += 1_000) {
    await db.segmentMembership.createMany({ data: ids.slice(start, start + 1_000).map((customerId) => ({ shop: SHOP, segmentId: segment.id, customerId, enteredAt: NOON_NY })) });
  }
  return segment.id;
}

export const benchBlast: Bench = async (options) => {
  const recipients = options.recipients ?? 300_000;
  const scratch = await createScratchDb("sqlite", "blast");
  const db = connectDb(scratch.url);
  const deps: CampaignDeps = { db, queue: { enqueue: async () => "1", cancel: async () => 0 }, key: Buffer.alloc(32, 9), appUrl: "https://flock.test" };
  try {
    const segmentId = await seed(db, recipients);
    const id = await createCampaign(db, SHOP, { ...EMPTY_DRAFT, name: "Blast", includeSegmentIds: [segmentId], smsText: "Hi {{ customer.first_name }}, 20% off treats today at {{ shop.name }}", holdoutPercent: 10 });
    let started = performance.now();
    const preview = await previewCampaign(deps, SHOP, id, NOON_NY);
    const previewMs = performance.now() - started;
    if (!preview.ok) throw new Error(`blast bench: preview refused: ${JSON.stringify(preview.errors)}`);
    const sent = await requestSend(deps, SHOP, id, NOON_NY);
    if (!sent.ok) throw new Error(`blast bench: send refused: ${JSON.stringify(sent.errors)}`);
    started = performance.now();
    const report = await startCampaign(deps, SHOP, id, NOON_NY);
    if (!report.started) throw new Error(`blast bench: not started: ${report.reason}`);
    const written = await db.outboxMessage.count({ where: { campaignId: id } });
    if (written !== report.enqueued) throw new Error(`blast bench: ${written} rows for ${report.enqueued} recipients`);
    const results: BenchResult[] = [
      { bench: "blast", metric: "preview_ms", value: Math.round(previewMs), unit: "ms" },
      { bench: "blast", metric: "freeze_ms", value: Math.round(report.timings.freezeMs), unit: "ms" },
      { bench: "blast", metric: "outbox_rows_per_s", value: Math.round((report.enqueued + report.holdout) / (report.timings.writeMs / 1000)), unit: "rows/s" },
    ];
    results.push(...(await benchBlastSend(deps, SHOP, NOON_NY, recipients)));
    return results;
  } finally {
    await db.$disconnect();
    await scratch.drop();
  }
};
