// `npm run bench -- dispatch [--recipients N]`: the outbox dispatcher in one process on SQLite
// against the Twilio and SendGrid fakes over loopback (the stand-ins without Prism, with the
// official SDKs): texts handed over per second (goal ≥ 1,000), email recipients per second in
// 1,000-personalization requests (goal ≥ 20,000), and how closely the shared slot row holds a
// configured 100/s and 500/s (goal within ±5 %). Every row passes the full dispatch decision
// (consent, suppression, cap, quiet hours) at a fixed noon in New York.
import Database from "better-sqlite3";
import { connectDb, type Db } from "~/db/db.server";
import { createSendGridChannel } from "~/messaging/channels/sendgrid.server";
import { createTwilioChannel } from "~/messaging/channels/twilio.server";
import { shiftedClock } from "~/messaging/dispatch/clock";
import { dispatchShop, type DispatchDeps } from "~/messaging/dispatch/dispatcher.server";
import { enqueueOutboxMessages, type NewOutboxMessage } from "~/messaging/outbox/outbox-store.server";
import { SANDBOX_SENDGRID } from "~/sandbox/sendgrid/stand-in.server";
import { SANDBOX_TWILIO } from "~/sandbox/twilio/stand-in.server";
import { createScratchDb } from "../scripts/lib/migrations";
import type { Bench, BenchResult } from "./types";
import { startFakes, stopFakes } from "./fakes-process";

const NOON_NY = new Date("2026-12-07T17:00:00Z");
const KEY = Buffer.alloc(32, 9);

async function seed(db: Db, shop: string, count: number, channel: "SMS" | "EMAIL", label: string): Promise<void> {
  await db.shop.upsert({ where: { shop }, create: { shop, name: "Bench", ianaTimezone: "America/New_York" }, update: {} });
  const base = await db.customer.count();
  const customers = Array.from({ length: count }, (_, i) => ({
    shop,
    gid: `gid://shopify/Customer/${label}${base + i}`,
    phone: `+1212${String(base + i).padStart(7, "0")}`,
    email: `c${base + i}@example.com`,
    countryCode: "US",
    provinceCode: "NY",
    smsMarketingState: "SUBSCRIBED" as const,
    emailMarketingState: "SUBSCRIBED" as const,
    shopifyCreatedAt: NOON_NY,
    shopifyUpdatedAt: NOON_NY,
  }));
  for (let i = 0; i < customers.length; i += 500) await db.customer.createMany({ data: customers.slice(i, i + 500) });
  const rows = await db.customer.findMany({
    where: { shop, gid: { startsWith: `gid://shopify/Customer/${label}` } },
    select: { id: true, phone: true, email: true },
  });
  const messages: NewOutboxMessage[] = rows.map((c) => ({
    shop,
    idempotencyKey: `campaign:${label}:${c.id}`,
    channel,
    customerId: c.id,
    recipient: channel === "SMS" ? (c.phone ?? "") : (c.email ?? ""),
    subject: channel === "EMAIL" ? "Winter sale" : null,
    body: "Winter sale: 20% off today. Reply STOP to opt out",
    notBefore: NOON_NY,
  }));
  await enqueueOutboxMessages(db, messages, NOON_NY);
}

/** When each outbound text reached the Twilio fake (its clock), in epoch ms. */
async function textTimes(twilio: string): Promise<number[]> {
  const response = await fetch(`${twilio}/_sandbox/messages`);
  const { messages } = (await response.json()) as { messages: { direction: string; dateCreated: string }[] };
  return messages.filter((m) => m.direction === "outbound-api").map((m) => Date.parse(m.dateCreated));
}

async function drain(deps: DispatchDeps, shop: string): Promise<number> {
  let sent = 0;
  for (;;) {
    const report = await dispatchShop(deps, shop, { budgetMs: 10_000, concurrency: 32 });
    sent += report.sent;
    if (report.nextDueAt === null || report.nextDueAt > deps.clock.now()) return sent;
  }
}

export const benchDispatch: Bench = async (options) => {
  const texts = options.recipients ?? 5_000;
  const emails = (options.recipients ?? 5_000) * 8;
  const scratch = await createScratchDb("sqlite", "dbench");
  // WAL, as the app's database runs once the server starts (the webhook inbox switches it).
  const setup = new Database(scratch.url.replace(/^file:/, ""));
  setup.pragma("journal_mode = WAL");
  setup.close();
  const db = connectDb(scratch.url);
  const anchor = Date.now();
  const clock = shiftedClock(NOON_NY, anchor);
  const fakes = await startFakes(NOON_NY, anchor);
  const sms = createTwilioChannel({
    auth: { accountSid: SANDBOX_TWILIO.accountSid, authToken: SANDBOX_TWILIO.authToken },
    sender: { from: SANDBOX_TWILIO.number },
    origin: fakes.twilio,
  });
  const email = {
    channel: createSendGridChannel({ apiKey: SANDBOX_SENDGRID.apiKey, origin: fakes.sendgrid }),
    from: { email: SANDBOX_SENDGRID.fromEmail },
  };
  const deps = (smsPerSecond: number): DispatchDeps => ({ db, key: KEY, clock, sms, email, smsPerSecond });
  const results: BenchResult[] = [];
  // The SDK loads its Messages resource and opens its connection on first use: not part of the figures.
  await sms.findSent("+15005550000", clock.now());
  try {
    await seed(db, "sms.myshopify.com", texts, "SMS", "s");
    let started = performance.now();
    const sentTexts = await drain(deps(1_000_000), "sms.myshopify.com");
    results.push({
      bench: "dispatch",
      metric: "sms_per_s",
      value: Math.round(sentTexts / ((performance.now() - started) / 1000)),
      unit: "texts/s",
    });
    if (sentTexts !== texts) throw new Error(`dispatch bench: ${sentTexts} of ${texts} texts sent`);

    await seed(db, "email.myshopify.com", emails, "EMAIL", "e");
    started = performance.now();
    const sentEmails = await drain(deps(1_000_000), "email.myshopify.com");
    results.push({
      bench: "dispatch",
      metric: "email_per_s",
      value: Math.round(sentEmails / ((performance.now() - started) / 1000)),
      unit: "recipients/s",
    });
    if (sentEmails !== emails) throw new Error(`dispatch bench: ${sentEmails} of ${emails} emails sent`);

    for (const rate of [100, 500]) {
      const shop = `rate${rate}.myshopify.com`;
      const count = rate * 4;
      await seed(db, shop, count, "SMS", `r${rate}`);
      const before = (await textTimes(fakes.twilio)).length;
      await drain(deps(rate), shop);
      const times = (await textTimes(fakes.twilio)).slice(before).sort((a, b) => a - b);
      const measured = ((times.length - 1) * 1000) / ((times.at(-1) ?? 0) - (times[0] ?? 0));
      process.stderr.write(`dispatch: configured ${rate}/s, measured ${measured.toFixed(1)}/s at the stand-in\n`);
      results.push({
        bench: "dispatch",
        metric: "rate_error_pct",
        value: Math.round((Math.abs(measured - rate) / rate) * 10_000) / 100,
        unit: "%",
        variant: `${rate}/s`,
      });
    }
  } finally {
    await stopFakes(fakes);
    await db.$disconnect();
    await scratch.drop();
  }
  return results;
};
