// `npm run bench -- blast [--recipients N]` (default 300,000) on SQLite: a campaign to one
// segment of N subscribed New Yorkers at a fixed noon. preview_ms: the full preview (every
// recipient decided with consent, suppression, cap and quiet hours; every text rendered and
// priced); freeze_ms: the start job's audience read, holdout and rendering; outbox_rows_per_s:
// the start job's holdout and outbox rows written; then sms_rate_pct and email_handover_s
// (bench/blast-send.ts). BLAST_ONLY_FREEZE=1 stops after the first three.
import { connectDb } from "~/db/db.server";
import { createCampaign } from "~/campaigns/campaign-store.server";
import { EMPTY_DRAFT } from "~/campaigns/campaign-form";
import { previewCampaign } from "~/campaigns/preview.server";
import { requestSend, startCampaign } from "~/campaigns/send.server";
import { createScratchDb } from "../scripts/lib/migrations";
import { benchBlastSend } from "./blast-send";
import { benchCampaignDeps, BLAST_SMS, seedNewYorkers } from "./blast-fixtures";
import type { Bench, BenchResult } from "./types";

const NOON_NY = new Date("2026-12-07T17:00:00Z");
const SHOP = "blast.myshopify.com";

export const benchBlast: Bench = async (options) => {
  const recipients = options.recipients ?? 300_000;
  const scratch = await createScratchDb("sqlite", "blast");
  const db = connectDb(scratch.url);
  const deps = benchCampaignDeps(db);
  try {
    const segmentId = await seedNewYorkers(db, scratch.url.replace(/^file:/, ""), SHOP, recipients, NOON_NY);
    const id = await createCampaign(db, SHOP, {
      ...EMPTY_DRAFT,
      name: "Blast",
      includeSegmentIds: [segmentId],
      ...BLAST_SMS,
    });
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
      {
        bench: "blast",
        metric: "outbox_rows_per_s",
        value: Math.round((report.enqueued + report.holdout) / (report.timings.writeMs / 1000)),
        unit: "rows/s",
      },
    ];
    // BLAST_ONLY_FREEZE=1 stops after the first three metrics (for iterating on preview and freeze).
    if (process.env.BLAST_ONLY_FREEZE !== "1") results.push(...(await benchBlastSend(deps, SHOP, NOON_NY, recipients)));
    return results;
  } finally {
    await db.$disconnect();
    await scratch.drop();
  }
};
