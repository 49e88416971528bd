// The sending half of `npm run bench -- blast` (called at the end of bench/blast.ts, on its scratch
// SQLite database in WAL mode, as the app's database runs), through the production path:
// `dispatchShop` (what the messaging.dispatch job runs) with the official SDKs against the Twilio
// and SendGrid fakes in a process of their own (bench/dispatch-fakes.ts), the shop's sending rules
// and the campaign email template as production wires them (shop-deps.server.ts).
//
// sms_rate_pct: the blast's frozen SMS campaign dispatched at the shop's configured 500/s for one
// dispatcher run of a 20 s budget; the rate measured at the stand-in ((n − 1) / (last − first),
// its clock) as % of the configured rate.
// email_handover_s: an email campaign (first name, two tracked links, unsubscribe link: every email
// differs) to 5/3 × --recipients people (500,000 at the default 300,000) frozen by the start job,
// then dispatcher runs back to back until every row is handed to SendGrid; seconds from the first
// run's start to the last row settled SENT. BLAST_EMAILS=N sets the email count instead (for
// iterating: the 500,000-email freeze alone takes minutes; the rate scales with the count).
import { EMPTY_DRAFT } from "~/campaigns/campaign-form";
import { createCampaign } from "~/campaigns/campaign-store.server";
import type { CampaignDeps } from "~/campaigns/deps.server";
import { requestSend, startCampaign } from "~/campaigns/send.server";
import type { Db } from "~/db/db.server";
import { createSendGridChannel } from "~/messaging/channels/sendgrid.server";
import { createTwilioChannel } from "~/messaging/channels/twilio.server";
import { campaignEmailParts } from "~/messaging/dispatch/campaign-email.server";
import { shiftedClock, type DispatchClock } from "~/messaging/dispatch/clock";
import { dispatchShop, type DispatchDeps } from "~/messaging/dispatch/dispatcher.server";
import { sendingRulesDeps } from "~/messaging/dispatch/shop-deps.server";
import { SANDBOX_SENDGRID } from "~/sandbox/sendgrid/stand-in.server";
import { SANDBOX_TWILIO } from "~/sandbox/twilio/stand-in.server";
import { BLAST_EMAIL } from "./blast-fixtures";
import type { BenchResult } from "./types";
import { startFakes, stopFakes, type Fakes } from "./fakes-process";

const EMAIL_SHOP = "blast-email.myshopify.com";
const SMS_WINDOW_MS = 20_000;

async function seedEmailCampaign(deps: CampaignDeps, count: number, now: Date): Promise<{ id: string; enqueued: number }> {
  const { db } = deps;
  await db.shop.create({ data: { shop: EMAIL_SHOP, name: "Bench", ianaTimezone: "America/New_York" } });
  await db.channelSettings.create({ data: { shop: EMAIL_SHOP, brandName: "Paws", postalAddress: "1 Main St\nNew York, NY 10001" } });
  for (let start = 0; start < count; start += 500) {
    const n = Math.min(500, count - start);
    await db.customer.createMany({
      data: Array.from({ length: n }, (_, i) => ({
        shop: EMAIL_SHOP,
        gid: `gid://shopify/Customer/e${start + i + 1}`,
        email: `e${start + i}@example.com`,
        firstName: `Sam${start + i}`,
        countryCode: "US",
        provinceCode: "NY",
        emailMarketingState: "SUBSCRIBED" as const,
        shopifyCreatedAt: now,
        shopifyUpdatedAt: now,
      })),
    });
  }
  const segment = await db.segment.create({
    data: { shop: EMAIL_SHOP, name: "Everyone", kind: "STATIC", memberCount: count },
    select: { id: true },
  });
  const ids = (await db.customer.findMany({ where: { shop: EMAIL_SHOP }, select: { id: true } })).map((c) => c.id);
  for (let start = 0; start < ids.length; start += 1_000) {
    await db.segmentMembership.createMany({
      data: ids.slice(start, start + 1_000).map((customerId) => ({ shop: EMAIL_SHOP, segmentId: segment.id, customerId, enteredAt: now })),
    });
  }
  const id = await createCampaign(db, EMAIL_SHOP, {
    ...EMPTY_DRAFT,
    name: "Winter sale",
    ...BLAST_EMAIL,
    includeSegmentIds: [segment.id],
  });
  const sent = await requestSend(deps, EMAIL_SHOP, id, now);
  if (!sent.ok) throw new Error(`blast bench: email send refused: ${JSON.stringify(sent.errors)}`);
  const report = await startCampaign(deps, EMAIL_SHOP, id, now);
  if (!report.started) throw new Error(`blast bench: email campaign not started: ${report.reason}`);
  return { id, enqueued: report.enqueued };
}

/** Arrival times (fake's clock, epoch ms) of the outbound texts the Twilio fake holds. */
async function textTimes(twilio: string): Promise<number[]> {
  const response = await fetch(`${twilio}/_sandbox/messages`);
  const { messages } = (await response.json()) as { messages: { direction: string; dateCreated: string }[] };
  return messages
    .filter((m) => m.direction === "outbound-api")
    .map((m) => Date.parse(m.dateCreated))
    .sort((a, b) => a - b);
}

async function smsRate(db: Db, shop: string, clock: DispatchClock, fakes: Fakes, key: Buffer): Promise<BenchResult> {
  const settings = await db.channelSettings.findUniqueOrThrow({ where: { shop }, select: { smsPerSecond: true } });
  const sms = createTwilioChannel({
    auth: { accountSid: SANDBOX_TWILIO.accountSid, authToken: SANDBOX_TWILIO.authToken },
    sender: { from: SANDBOX_TWILIO.number },
    origin: fakes.twilio,
  });
  // The SDK loads its Messages resource and opens its connection on first use: not part of the figure.
  await sms.findSent("+15005550000", clock.now());
  const deps: DispatchDeps = {
    db,
    key,
    clock,
    sms,
    email: null,
    smsPerSecond: settings.smsPerSecond,
    ...(await sendingRulesDeps(db, shop)),
  };
  const report = await dispatchShop(deps, shop, { budgetMs: SMS_WINDOW_MS });
  const times = await textTimes(fakes.twilio);
  const windowMs = (times.at(-1) ?? 0) - (times[0] ?? 0);
  const measured = ((times.length - 1) * 1000) / windowMs;
  process.stderr.write(
    `blast: ${report.sent} texts sent (${times.length} at the stand-in) over ${(windowMs / 1000).toFixed(1)} s: ${measured.toFixed(1)}/s, configured ${settings.smsPerSecond}/s\n`,
  );
  return { bench: "blast", metric: "sms_rate_pct", value: Math.round((measured / settings.smsPerSecond) * 1000) / 10, unit: "%" };
}

async function emailHandover(deps: CampaignDeps, clock: DispatchClock, fakes: Fakes, count: number, now: Date): Promise<BenchResult> {
  const seeded = performance.now();
  const campaign = await seedEmailCampaign(deps, count, now);
  process.stderr.write(
    `blast: ${campaign.enqueued} campaign emails frozen in ${((performance.now() - seeded) / 1000).toFixed(1)} s (not timed)\n`,
  );
  const dispatch: DispatchDeps = {
    db: deps.db,
    key: deps.key,
    clock,
    sms: null,
    smsPerSecond: 1,
    email: {
      channel: createSendGridChannel({ apiKey: SANDBOX_SENDGRID.apiKey, origin: fakes.sendgrid }),
      from: { email: SANDBOX_SENDGRID.fromEmail, name: "Paws" },
    },
    emailParts: campaignEmailParts(deps.db, { appUrl: deps.appUrl, key: deps.key }),
    ...(await sendingRulesDeps(deps.db, EMAIL_SHOP)),
  };
  const started = performance.now();
  let sent = 0;
  // What the messaging.dispatch job does: a run per job until nothing is due.
  for (;;) {
    const report = await dispatchShop(dispatch, EMAIL_SHOP);
    sent += report.sent;
    if (report.nextDueAt === null || report.nextDueAt > clock.now()) break;
  }
  const seconds = (performance.now() - started) / 1000;
  const settled = await deps.db.outboxMessage.count({ where: { shop: EMAIL_SHOP, campaignId: campaign.id, status: "SENT" } });
  if (sent !== campaign.enqueued || settled !== campaign.enqueued)
    throw new Error(`blast bench: ${sent} sent, ${settled} SENT of ${campaign.enqueued} emails`);
  process.stderr.write(`blast: ${sent} emails handed over in ${seconds.toFixed(1)} s\n`);
  const mails = (await (await fetch(`${fakes.sendgrid}/_bench/mails`)).json()) as { requests: number; withHtml: number };
  process.stderr.write(`blast: in ${mails.requests} SendGrid requests (${mails.withHtml} with the HTML part)\n`);
  return { bench: "blast", metric: "email_handover_s", value: Math.round(seconds * 10) / 10, unit: "s" };
}

/** 5/3 × the blast's recipients, or BLAST_EMAILS when set. */
function emailCount(recipients: number): number {
  const set = process.env.BLAST_EMAILS;
  if (set === undefined || set === "") return Math.round((recipients * 5) / 3);
  const count = Number(set);
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`blast bench: BLAST_EMAILS must be a positive integer, got ${JSON.stringify(set)}`);
  return count;
}

/** sms_rate_pct for the blast's frozen SMS campaign of `smsShop`, then email_handover_s for a new email campaign. */
export async function benchBlastSend(deps: CampaignDeps, smsShop: string, now: Date, recipients: number): Promise<BenchResult[]> {
  await deps.db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  const anchor = Date.now();
  const clock = shiftedClock(now, anchor);
  const fakes = await startFakes(now, anchor);
  try {
    const sms = await smsRate(deps.db, smsShop, clock, fakes, deps.key);
    const email = await emailHandover(deps, clock, fakes, emailCount(recipients), now);
    return [sms, email];
  } finally {
    await stopFakes(fakes);
  }
}
