// `npm run bench -- blast-freeze [--recipients N]` (default 300,000) on SQLite: only the start
// job (`startCampaign`) of the blast bench's two campaigns, without preview and sending, so the
// writes can be profiled on their own (`node --cpu-prof --import tsx bench/main.ts blast-freeze`).
// sms_*: the SMS campaign to N people (10 % holdout), as `blast` measures it; email_freeze_s: the
// email campaign of bench/blast-send.ts (first name, two tracked links, unsubscribe link) to 5/3 × N
// people, the whole start job (audience, rendering, outbox and 2 × 5/3 × N short-link rows).
// BLAST_FREEZE_SMS_ONLY=1 stops after the SMS metrics (for iterating on the outbox writes).
import { connectDb } from "~/db/db.server";
import { createCampaign } from "~/campaigns/campaign-store.server";
import { EMPTY_DRAFT, type CampaignDraft } from "~/campaigns/campaign-form";
import { requestSend, startCampaign } from "~/campaigns/send.server";
import { createScratchDb } from "../scripts/lib/migrations";
import { benchCampaignDeps, BLAST_EMAIL, BLAST_SMS, seedNewYorkers } from "./blast-fixtures";
import type { Bench, BenchResult } from "./types";

const NOON_NY = new Date("2026-12-07T17:00:00Z");

/** A scratch database with `count` subscribed New Yorkers in one static segment; the campaign's start report. */
async function freeze(count: number, draft: Partial<CampaignDraft>) {
  const scratch = await createScratchDb("sqlite", "bfreeze");
  const db = connectDb(scratch.url);
  const shop = "freeze.myshopify.com";
  const deps = benchCampaignDeps(db);
  try {
    const segmentId = await seedNewYorkers(db, scratch.url.replace(/^file:/, ""), shop, count, NOON_NY);
    const id = await createCampaign(db, shop, { ...EMPTY_DRAFT, name: "Freeze", includeSegmentIds: [segmentId], ...draft });
    const sent = await requestSend(deps, shop, id, NOON_NY);
    if (!sent.ok) throw new Error(`blast-freeze bench: send refused: ${JSON.stringify(sent.errors)}`);
    const started = performance.now();
    const cpu = process.cpuUsage();
    const report = await startCampaign(deps, shop, id, NOON_NY);
    const totalMs = performance.now() - started;
    const { user, system } = process.cpuUsage(cpu);
    if (!report.started) throw new Error(`blast-freeze bench: not started: ${report.reason}`);
    return { ...report, totalMs, cpuMs: (user + system) / 1000 };
  } finally {
    await db.$disconnect();
    await scratch.drop();
  }
}

export const benchBlastFreeze: Bench = async (options) => {
  const recipients = options.recipients ?? 300_000;
  const sms = await freeze(recipients, BLAST_SMS);
  const result = (metric: string, value: number, unit: string): BenchResult => ({ bench: "blast-freeze", metric, value, unit });
  const smsResults = [
    result("sms_freeze_ms", Math.round(sms.timings.freezeMs), "ms"),
    result("sms_outbox_rows_per_s", Math.round((sms.enqueued + sms.holdout) / (sms.timings.writeMs / 1000)), "rows/s"),
    // The start job's CPU time (all threads of the process): A/B comparisons on a loaded machine.
    result("sms_start_cpu_ms", Math.round(sms.cpuMs), "ms"),
  ];
  if (process.env.BLAST_FREEZE_SMS_ONLY === "1") return smsResults;
  const email = await freeze(Math.round((recipients * 5) / 3), BLAST_EMAIL);
  return [
    ...smsResults,
    result("email_freeze_s", Math.round(email.totalMs / 100) / 10, "s"),
    result("email_write_s", Math.round(email.timings.writeMs / 100) / 10, "s"),
  ];
};
