// `npm run bench -- blast [--recipients N]` (default 300,000) on SQLite: a campaign to one
// segment of N subscribed New Yorkers at a fixed noon. preview_ms: the full preview (every
// recipient decided with consent, suppression, cap and quiet hours; every text rendered and
// priced); freeze_ms: the start job's audience read, holdout and rendering; outbox_rows_per_s:
// the start job's holdout and outbox rows written; then sms_rate_pct and email_handover_s
// (bench/blast-send.ts). BLAST_ONLY_FREEZE=1 stops after the first three.
import { connectDb, type Db } from "~/db/db.server";
import { createCampaign } from "~/campaigns/campaign-store.server";
import { EMPTY_DRAFT } from "~/campaigns/campaign-form";
import { previewCampaign } from "~/campaigns/preview.server";
import { requestSend, startCampaign } from "~/campaigns/send.server";
import { sqliteParam } from "~/db/sql-runner.server";
import { createScratchDb } from "../scripts/lib/migrations";
import { benchBlastSend } from "./blast-send";
import { benchCampaignDeps, BLAST_SMS } from "./blast-fixtures";
import type { Bench, BenchResult } from "./types";

const NOON_NY = new Date("2026-12-07T17:00:00Z");
const SHOP = "blast.myshopify.com";

/**
 * Seeds the scratch file directly through better-sqlite3 (one transaction, prepared statements):
 * seeding is not timed, and through Prisma 300k customers took many minutes on a loaded machine.
 */
// Valid New York numbers (exchanges 200–279): the earlier +1212 000xxxx … 029xxxx are not valid
// NANP numbers, which sent libphonenumber through every NANP country's patterns per number.
async function seed(db: Db, file: string, count: number): Promise<string> {
  await db.shop.create({ data: { shop: SHOP, name: "Bench", ianaTimezone: "America/New_York" } });
  await db.channelSettings.create({ data: { shop: SHOP, brandName: "Paws", smsPerSecond: 500 } });
  const segment = await db.segment.create({
    data: { shop: SHOP, name: "Everyone", kind: "STATIC", memberCount: count },
    select: { id: true },
  });
  const { default: Database } = await import("better-sqlite3");
  const sqlite = new Database(file);
  try {
    const at = sqliteParam(NOON_NY);
    const customer =
      sqlite.prepare(`INSERT INTO "Customer" ("shop", "gid", "phone", "email", "firstName", "countryCode", "provinceCode", "smsMarketingState", "shopifyCreatedAt", "shopifyUpdatedAt")
      VALUES (?, ?, ?, ?, ?, 'US', 'NY', 'SUBSCRIBED', ?, ?)`);
    const member = sqlite.prepare(`INSERT INTO "SegmentMembership" ("shop", "segmentId", "customerId", "enteredAt") VALUES (?, ?, ?, ?)`);
    sqlite.transaction(() => {
      for (let i = 0; i < count; i++) {
        const { lastInsertRowid } = customer.run(
          SHOP,
          `gid://shopify/Customer/${i + 1}`,
          `+1212${200 + Math.floor(i / 10_000)}${String(i % 10_000).padStart(4, "0")}`,
          `c${i}@example.com`,
          `Pat${i}`,
          at,
          at,
        );
        member.run(SHOP, segment.id, lastInsertRowid, at);
      }
    })();
  } finally {
    sqlite.close();
  }
  return segment.id;
}

export const benchBlast: Bench = async (options) => {
  const recipients = options.recipients ?? 300_000;
  const scratch = await createScratchDb("sqlite", "blast");
  const db = connectDb(scratch.url);
  const deps = benchCampaignDeps(db);
  try {
    const segmentId = await seed(db, scratch.url.replace(/^file:/, ""), recipients);
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
