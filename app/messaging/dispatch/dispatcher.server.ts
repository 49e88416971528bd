/**
 * The outbox dispatcher for one shop: expire dead claims, reconcile texts whose outcome is
 * unknown, then claim due rows in batches and, per row, decide again (consent, suppression, pause,
 * frequency cap, quiet hours — read fresh per batch), send through the shop's channel at the
 * shop's rate and record the outcome. A row is settled only under its claim, so a dispatcher that
 * lost its lease changes nothing.
 */
import type { Db } from "~/db/db.server";
import { suppressionHash } from "~/privacy/suppression-hash";
import type { EmailAddress, EmailChannel, SmsChannel, SmsLookup } from "../channel";
import { expireClaims, claimDueMessages, type AttemptOutcome, type ClaimedMessage } from "../outbox/outbox-store.server";
import { applyEarlyTwilioStatuses, nextDueAt, settleAttempts } from "../outbox/dispatch-store.server";
import { decideDispatch, type DispatchDecision } from "../rules/decide-dispatch";
import { DEFAULT_FREQUENCY_CAP, type FrequencyCapSettings, type SentMessage } from "../rules/frequency-cap";
import type { RecipientLocation } from "../rules/quiet-hours/next-allowed";
import { lookupPhoneLocation, type PhoneLocation } from "../rules/quiet-hours/phone-location";
import { defaultQuietHours, type QuietHoursSettings } from "../rules/quiet-hours/settings";
import type { EmailParts } from "./campaign-email.server";
import type { DispatchClock } from "./clock";
import { loadBatchContext, type BatchContext } from "./context.server";
import { capPolicyOf, DEFAULT_RETRY, messageKindOf, outcomeOf, TWILIO_OPTED_OUT, validityPeriodSeconds, type RetryPolicy } from "./policy";
import { reserveSendSlots } from "./rate-limit.server";
import { reconcileUnknownSms } from "./reconcile.server";
import { sendEmails, type Settled } from "./send-emails.server";

export interface EmailSender {
  channel: EmailChannel;
  from: EmailAddress;
  replyTo?: EmailAddress;
  unsubscribeGroupId?: number;
}

export interface DispatchDeps {
  db: Db;
  /** The deployment secret the suppression list is hashed with. */
  key: Buffer;
  clock: DispatchClock;
  /** Null when the shop has not set SMS up: its texts wait. */
  sms: (SmsChannel & SmsLookup) | null;
  email: EmailSender | null;
  /** The shop's configured messages per second (texts). */
  smsPerSecond: number;
  statusCallbackUrl?: string;
  frequencyCap?: FrequencyCapSettings;
  /** Defaults to the standard windows in the shop's zone. */
  quietHours?: (shopTimeZone: string) => QuietHoursSettings;
  /**
   * Asked once per batch: the ids of rows their source no longer wants sent (an abandoned
   * checkout bought meanwhile), skipped as `cancelled` even when the source has not caught up yet.
   */
  cancelledBySource?: (shop: string, rows: readonly ClaimedMessage[]) => Promise<ReadonlySet<string>>;
  /** The HTML part of the emails it knows (campaigns: campaign-email.server.ts); others go as their text. */
  emailParts?: EmailParts;
}

export interface DispatchOptions {
  batchSize: number;
  leaseMs: number;
  /** Stop claiming after this long (the job re-enqueues itself for the rest). */
  budgetMs: number;
  /** Texts in flight at once. */
  concurrency: number;
  retry: RetryPolicy;
}

export const DEFAULT_DISPATCH_OPTIONS: DispatchOptions = {
  batchSize: 1000,
  leaseMs: 5 * 60_000,
  budgetMs: 60_000,
  concurrency: 16,
  retry: DEFAULT_RETRY,
};

export interface DispatchReport {
  sent: number;
  skipped: number;
  waiting: number;
  retried: number;
  failed: number;
  unknown: number;
  reconciled: number;
  /** When the shop's next queued row is due, or null when nothing is queued. */
  nextDueAt: Date | null;
}

type Tally = Omit<DispatchReport, "nextDueAt">;

export async function dispatchShop(deps: DispatchDeps, shop: string, options: Partial<DispatchOptions> = {}): Promise<DispatchReport> {
  const opts = { ...DEFAULT_DISPATCH_OPTIONS, ...options };
  const started = deps.clock.now().getTime();
  const tally: Tally = { sent: 0, skipped: 0, waiting: 0, retried: 0, failed: 0, unknown: 0, reconciled: 0 };
  await expireClaims(deps.db, deps.clock.now(), shop);
  if (deps.sms) tally.reconciled = await reconcileUnknownSms(deps.db, deps.sms, shop, deps.clock.now());
  // A batch's texts must all go within a quarter of the lease at the shop's rate, or the claim
  // would run out while its dispatcher is still sending. Emails are not paced: a batch claims
  // `batchSize` rows and texts past this limit go back to the queue unattempted.
  const textLimit = Math.max(1, Math.min(opts.batchSize, Math.floor((deps.smsPerSecond * opts.leaseMs) / 4000)));
  // What this run sent, for the cap of later batches (their context is read before earlier batches settle).
  const sentThisRun = new Map<number, SentMessage[]>();
  const prepare = () => prepareBatch(deps, shop, textLimit, opts, { startedMs: started, sent: sentThisRun });
  // Three batches overlap: one is prepared (claimed, decided, given its send slots) while the next
  // sends, and the one before finishes its last answers and settles meanwhile. A batch starts
  // sending once the previous one's texts have all taken their send times, so the shop's slots run
  // on without a gap between batches (awaiting the settle first cost ~170 ms per 1,000 texts on an
  // idle machine, 0.4–0.9 s under load) and the pacer sees the texts in slot order.
  const pacer: Pacer = { lastAt: -Infinity };
  let next: Promise<PreparedBatch | null> = prepare();
  let previous: Promise<void> = Promise.resolve();
  let emailsSent: Promise<unknown> = Promise.resolve();
  try {
    for (;;) {
      const batch = await next;
      if (batch === null) break;
      next = deps.clock.now().getTime() - started >= opts.budgetMs ? Promise.resolve(null) : prepare();
      // Awaited in the next round; this keeps a failure meanwhile from being reported as unhandled.
      next.catch(() => undefined);
      const texts = sendTexts(deps, shop, batch.texts, batch.firstSlot, opts, pacer);
      // One email request at a time: the next batch's go once this one's are answered.
      const emails = emailsSent.then(() => sendEmails(deps, shop, batch.emails, opts));
      emailsSent = emails.catch(() => undefined);
      const done = settleBatch(deps, shop, batch, texts.settled, emails, tally);
      done.catch(() => undefined);
      await texts.allTimed;
      // At most two batches in flight: this one sending, the one before settling.
      await previous;
      previous = done;
    }
    await previous;
  } catch (error) {
    // What is in flight still settles (or fails) before the error goes up.
    await Promise.allSettled([previous, next]);
    throw error;
  }
  return { ...tally, nextDueAt: await nextDueAt(deps.db, shop, { unknownSms: deps.sms !== null }) };
}

/** Once the batch's texts and emails are answered, every outcome recorded under the claim. */
async function settleBatch(
  deps: DispatchDeps,
  shop: string,
  batch: PreparedBatch,
  texts: Promise<Settled[]>,
  emails: Promise<Settled[]>,
  tally: Tally,
): Promise<void> {
  const [textsSettled, emailsSettled] = await Promise.all([texts, emails]);
  const settled = [...batch.decided, ...textsSettled, ...emailsSettled];
  await settleAttempts(deps.db, settled, deps.clock.now());
  const sent = settled.flatMap(({ message, outcome }) =>
    outcome.kind === "sent" ? [{ id: message.id, providerMessageId: outcome.providerMessageId }] : [],
  );
  await applyEarlyTwilioStatuses(deps.db, shop, sent);
  for (const { outcome } of settled) count(tally, outcome);
}

function count(tally: Tally, outcome: AttemptOutcome): void {
  const field = ({ sent: "sent", skipped: "skipped", wait: "waiting", retry: "retried", failed: "failed", unknown: "unknown" } as const)[
    outcome.kind
  ];
  tally[field] += 1;
}

interface PreparedBatch {
  /** Rows settled without an attempt: skipped, or waiting for quiet hours or the cap. */
  decided: Settled[];
  texts: ClaimedMessage[];
  emails: ClaimedMessage[];
  /** Epoch ms of the first text's send slot. */
  firstSlot: number;
}

interface RunMemory {
  startedMs: number;
  sent: Map<number, SentMessage[]>;
}

async function prepareBatch(
  deps: DispatchDeps,
  shop: string,
  textLimit: number,
  opts: DispatchOptions,
  run: RunMemory,
): Promise<PreparedBatch | null> {
  const rows = await claimDueMessages(deps.db, { shop, now: deps.clock.now(), limit: opts.batchSize, leaseMs: opts.leaseMs });
  if (rows.length === 0) return null;
  const now = deps.clock.now();
  const context = await loadBatchContext(deps.db, deps.key, shop, rows, now);
  // For people this run already sent to, the run's own record replaces stored rows from since it
  // started (some of which may not be settled yet), so nothing is counted twice or missed.
  for (const row of rows) {
    const sent = row.customerId === null ? undefined : run.sent.get(row.customerId);
    if (row.customerId === null || sent === undefined) continue;
    const before = (context.history.get(row.customerId) ?? []).filter((m) => m.at < run.startedMs);
    context.history.set(row.customerId, [...before, ...sent]);
  }
  const batch: PreparedBatch = { decided: [], texts: [], emails: [], firstSlot: 0 };
  const quietHours = deps.quietHours?.(context.shopTimeZone) ?? defaultQuietHours(context.shopTimeZone, "US");
  // Each number placed once per batch (the lookup is cached per prefix, but async), then the
  // rows are decided without an await each.
  const places = new Map<string, PhoneLocation | null>();
  await Promise.all(
    [...new Set(rows.flatMap((row) => phoneOf(row, context, quietHours) ?? []))].map(async (phone) => {
      places.set(phone, await lookupPhoneLocation(phone));
    }),
  );
  const cancelled = deps.cancelledBySource ? await deps.cancelledBySource(shop, rows) : new Set<string>();
  let textsDecided = 0;
  for (const row of rows) {
    // Back to the queue before any decision (which would count it as sent for the cap).
    if (row.channel === "SMS" && textsDecided++ >= textLimit) {
      batch.decided.push({ message: row, outcome: { kind: "wait", at: now } });
      continue;
    }
    if (cancelled.has(row.id)) {
      batch.decided.push({ message: row, outcome: { kind: "skipped", reason: "cancelled" } });
      continue;
    }
    const decision = decide(deps, context, quietHours, places, row, now, run.sent);
    if (decision.action === "skip") batch.decided.push({ message: row, outcome: { kind: "skipped", reason: decision.reason } });
    else if (decision.action === "wait_until") batch.decided.push({ message: row, outcome: { kind: "wait", at: decision.at } });
    else (row.channel === "SMS" ? batch.texts : batch.emails).push(row);
  }
  if (batch.texts.length > 0 && deps.sms)
    batch.firstSlot = await reserveSendSlots(deps.db, shop, batch.texts.length, deps.smsPerSecond, deps.clock.now());
  return batch;
}

/** The number that places the recipient for quiet hours: the text's own, or for an email (when its quiet hours are on) the customer's. */
function phoneOf(row: ClaimedMessage, context: BatchContext, quietHours: QuietHoursSettings): string | null {
  if (row.channel === "SMS") return row.recipient;
  if (!quietHours.email.enabled || row.customerId === null) return null;
  return context.customers.get(row.customerId)?.phone ?? null;
}

function decide(
  deps: DispatchDeps,
  context: BatchContext,
  quietHours: QuietHoursSettings,
  places: ReadonlyMap<string, PhoneLocation | null>,
  row: ClaimedMessage,
  now: Date,
  sentThisRun: Map<number, SentMessage[]>,
): DispatchDecision {
  const channel = row.channel === "SMS" ? "sms" : "email";
  const customer = row.customerId === null ? undefined : context.customers.get(row.customerId);
  const kind = messageKindOf(row.idempotencyKey);
  const phone = phoneOf(row, context, quietHours);
  const location: RecipientLocation = {
    phone: phone === null ? null : (places.get(phone) ?? null),
    address: customer ? { country: customer.country, province: customer.province } : null,
  };
  const history = row.customerId === null ? [] : (context.history.get(row.customerId) ?? []);
  const decision = decideDispatch(
    { contact: { address: row.recipient, marketingState: customer ? customer[channel] : "not_subscribed" }, location },
    { channel, kind, onCap: capPolicyOf(row.idempotencyKey), deadline: row.deadline?.getTime() ?? null },
    history,
    {
      consent: { suppressed: context.suppressed, shopPaused: context.shopPaused },
      frequencyCap: deps.frequencyCap ?? DEFAULT_FREQUENCY_CAP,
      quietHours,
    },
    now,
  );
  // Two rows for one person in one batch: the second sees the first as sent.
  if (decision.action === "send_now" && row.customerId !== null && kind === "marketing") {
    const sent: SentMessage = { at: now.getTime(), channel, kind };
    context.history.set(row.customerId, [...history, sent]);
    sentThisRun.set(row.customerId, [...(sentThisRun.get(row.customerId) ?? []), sent]);
  }
  return decision;
}

/** The send time of the last text planned in this run, shared by its batches. */
interface Pacer {
  lastAt: number;
}

/**
 * Texts at their send slots, `concurrency` in flight. `allTimed` resolves once every text has
 * taken its send time (the next batch may then start), `settled` once every answer is in.
 */
function sendTexts(
  deps: DispatchDeps,
  shop: string,
  rows: ClaimedMessage[],
  first: number,
  opts: DispatchOptions,
  pacer: Pacer,
): { allTimed: Promise<void>; settled: Promise<Settled[]> } {
  if (rows.length === 0) return { allTimed: Promise.resolve(), settled: Promise.resolve([]) };
  const sms = deps.sms;
  if (!sms) {
    const settled = rows.map((message) => ({
      message,
      outcome: outcomeOf(
        { kind: "retryable", reason: "SMS is not set up for this shop", retryAfterSeconds: 3600 },
        message.attempts,
        deps.clock.now(),
        opts.retry,
      ),
    }));
    return { allTimed: Promise.resolve(), settled: Promise.resolve(settled) };
  }
  const interval = 1000 / deps.smsPerSecond;
  const settled: Settled[] = new Array<Settled>(rows.length);
  let next = 0;
  let timed!: () => void;
  const allTimed = new Promise<void>((resolve) => (timed = resolve));
  // A text whose slot has passed (the process was busy) goes late and pushes the ones after it:
  // catching up would burst faster than the shop's rate.
  const lane = async () => {
    for (let i = next++; i < rows.length; i = next++) {
      const message = rows[i] as ClaimedMessage;
      const at = Math.max(first + i * interval, pacer.lastAt + interval);
      pacer.lastAt = Math.max(at, deps.clock.now().getTime());
      if (i === rows.length - 1) timed();
      const wait = at - deps.clock.now().getTime();
      if (wait > 0) await deps.clock.sleep(wait);
      const now = deps.clock.now();
      const result = await sms.sendSms({
        to: message.recipient,
        body: message.body,
        validityPeriodSeconds: validityPeriodSeconds(message.deadline, now),
        ...(deps.statusCallbackUrl ? { statusCallback: deps.statusCallbackUrl } : {}),
      });
      if (result.kind === "permanent" && result.code === TWILIO_OPTED_OUT) await suppress(deps, shop, message.recipient);
      settled[i] = { message, outcome: outcomeOf(result, message.attempts, deps.clock.now(), opts.retry) };
    }
  };
  const all = Promise.all(Array.from({ length: Math.min(opts.concurrency, rows.length) }, lane)).then(() => settled);
  // A lane that failed before the last text was timed must not leave the loop waiting.
  all.then(timed, timed);
  return { allTimed, settled: all };
}

/** Twilio 21610: the number texted STOP to the sender; it stays opted out here too. */
async function suppress(deps: DispatchDeps, shop: string, phone: string): Promise<void> {
  const addressHash = suppressionHash(deps.key, shop, "SMS", phone);
  await deps.db.suppression.upsert({
    where: { shop_channel_addressHash: { shop, channel: "SMS", addressHash } },
    create: { shop, channel: "SMS", addressHash, reason: "twilio_21610" },
    update: {},
  });
}
