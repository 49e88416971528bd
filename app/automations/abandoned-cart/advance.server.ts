/**
 * The due steps of active runs: each run whose `nextDueAt` has come is taken step by step —
 * waiting, late (its window passed), skipped by the carrier plan, or written to the outbox with
 * its code — and saved only if no other tick moved it meanwhile. Cancellation (runs.server.ts)
 * is checked just before and just after, so an order that lands a second before a step is due
 * stops it, and one that lands while its text waits for the morning skips the waiting row.
 */
import { createHash } from "node:crypto";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import type { Db } from "~/db/db.server";
import { unsubscribeUrl } from "~/messaging/consent/unsubscribe-token";
import type { NewOutboxMessage } from "~/messaging/outbox/outbox-store.server";
import { planStep, type StepContact } from "./carrier-rules";
import { composeStepMessage } from "./compose";
import type { DiscountIssuer } from "./discount-port";
import { discountCodeFor, stepDeadlineMs, stepTiming } from "./sequence";
import { sqlFor, toDate } from "./sql.server";
import { parseSequence, type SequenceConfig } from "./steps";

export interface AdvanceDeps {
  db: Db;
  discounts: DiscountIssuer;
  /** The app's public URL and the key unsubscribe links are signed with. */
  appUrl: string;
  key: Buffer;
}

export interface StepLogEntry {
  step: number;
  at: string;
  channel: "sms" | "email" | null;
  outcome: "enqueued" | "skipped";
  reason: string | null;
  code: string | null;
}

interface DueRun {
  id: string;
  shop: string;
  checkoutToken: string;
  nextStep: number;
  smsUsed: boolean | number;
  discountCode: string | null;
  discountGid: string | null;
  stepLog: string;
  steps: string;
  updatedAt: unknown;
  recoveryUrl: string | null;
  currency: string;
  customerId: number | null;
  customerGid: string | null;
  phone: string | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  smsState: string | null;
  emailState: string | null;
  shopName: string;
}

export interface AdvanceResult {
  rows: NewOutboxMessage[];
  runs: number;
}

export const ADVANCE_BATCH = 500;

async function dueRuns(db: Db, now: Date, limit: number): Promise<DueRun[]> {
  const sql = sqlFor(db);
  return sql.query<DueRun>(
    `SELECT r."id", r."shop", r."checkoutToken", r."nextStep", r."smsUsed", r."discountCode", r."discountGid", r."stepLog",
       a."steps", c."shopifyUpdatedAt" AS "updatedAt", c."recoveryUrl", c."currency", cu."id" AS "customerId", cu."gid" AS "customerGid",
       COALESCE(cu."phone", c."phone") AS "phone", COALESCE(cu."email", c."email") AS "email", cu."firstName", cu."lastName",
       cu."smsMarketingState" AS "smsState", cu."emailMarketingState" AS "emailState", s."name" AS "shopName"
     FROM "AutomationRun" r
     JOIN "Automation" a ON a."id" = r."automationId"
     JOIN "AbandonedCheckout" c ON c."shop" = r."shop" AND c."token" = r."checkoutToken"
     JOIN "Shop" s ON s."shop" = r."shop"
     LEFT JOIN "Customer" cu ON cu."id" = c."customerId"
     WHERE r."status" = 'active' AND r."nextDueAt" <= ${sql.ts}
     ORDER BY r."nextDueAt" LIMIT ${Number(limit)}`,
    [now],
  );
}

const runHash = (id: string) => createHash("sha256").update(id).digest("hex");

function contactOf(run: DueRun): StepContact {
  return {
    phone: run.phone,
    phoneCountry: run.phone ? (parsePhoneNumberFromString(run.phone)?.country ?? null) : null,
    smsSubscribed: run.smsState === "SUBSCRIBED",
    email: run.email,
    emailSubscribed: run.emailState === "SUBSCRIBED",
  };
}

interface RunUpdate {
  status: "active" | "finished";
  nextStep: number;
  nextDueAt: Date | null;
  smsUsed: boolean;
  discountCode: string | null;
  discountGid: string | null;
  log: StepLogEntry[];
}

async function planRun(deps: AdvanceDeps, run: DueRun, config: SequenceConfig, now: Date, rows: NewOutboxMessage[]): Promise<RunUpdate> {
  const updatedMs = toDate(run.updatedAt).getTime();
  const nowMs = now.getTime();
  const contact = contactOf(run);
  const state: RunUpdate = {
    status: "active",
    nextStep: run.nextStep,
    nextDueAt: null,
    smsUsed: Boolean(run.smsUsed),
    discountCode: run.discountCode,
    discountGid: run.discountGid,
    log: JSON.parse(run.stepLog) as StepLogEntry[],
  };
  const record = (entry: Omit<StepLogEntry, "at" | "step">) => {
    state.log.push({ step: state.nextStep, at: now.toISOString(), ...entry });
    state.nextStep += 1;
  };
  for (;;) {
    const timing = stepTiming(config, state.nextStep, updatedMs, nowMs);
    if (timing.kind === "wait") {
      state.nextDueAt = new Date(timing.untilMs);
      return state;
    }
    if (timing.kind === "finished") {
      // Watched until the last step's message can no longer be waiting in the outbox.
      const last = config.steps.length - 1;
      const end = stepDeadlineMs(config, last, updatedMs, "email", false);
      if (nowMs >= end) state.status = "finished";
      else state.nextDueAt = new Date(end);
      return state;
    }
    if (timing.kind === "late") {
      record({ channel: null, outcome: "skipped", reason: "late", code: null });
      continue;
    }
    const step = config.steps[timing.step];
    if (!step) throw new Error(`Run ${run.id}: no step ${timing.step + 1}`);
    const plan = planStep(config, timing.step, contact, state.smsUsed);
    if (plan.channel === null) {
      record({ channel: null, outcome: "skipped", reason: plan.skippedBecause, code: null });
      continue;
    }
    const channel = plan.channel;
    if (channel === "sms") state.smsUsed = true;
    let code: string | null = null;
    if (step.discount) {
      if (!run.customerGid) {
        record({ channel, outcome: "skipped", reason: "discount_needs_customer", code: null });
        continue;
      }
      code = discountCodeFor(runHash(run.id), timing.step);
      const created = await deps.discounts.create({
        shop: run.shop,
        code,
        title: `Flock cart recovery ${code}`,
        discount: step.discount,
        customerGid: run.customerGid,
        startsAt: now,
        endsAt: new Date(nowMs + step.discount.expiresInHours * 3_600_000),
        currency: run.currency,
      });
      if (!created.ok) {
        record({ channel, outcome: "skipped", reason: `discount_refused: ${created.errors.join("; ")}`, code });
        continue;
      }
      if (state.discountGid && state.discountGid !== created.gid) {
        const off = await deps.discounts.deactivate(run.shop, state.discountGid);
        if (!off.ok)
          state.log.push({
            step: timing.step,
            at: now.toISOString(),
            channel: null,
            outcome: "skipped",
            reason: `previous code not deactivated: ${off.errors.join("; ")}`,
            code: state.discountCode,
          });
      }
      state.discountCode = code;
      state.discountGid = created.gid;
    }
    const recipient = channel === "sms" ? contact.phone : contact.email;
    if (!recipient || run.customerId === null) throw new Error(`Run ${run.id}: planned ${channel} without an address`);
    const message = composeStepMessage({
      step,
      channel,
      firstName: run.firstName,
      lastName: run.lastName,
      shop: { name: run.shopName, url: `https://${run.shop}` },
      recoveryUrl: run.recoveryUrl,
      discountCode: code,
      country: contact.phoneCountry ?? "US",
      unsubscribeUrl: unsubscribeUrl(deps.appUrl, run.shop, channel, run.customerId, deps.key),
    });
    rows.push({
      shop: run.shop,
      idempotencyKey: `checkout:${run.checkoutToken}:${timing.step}`,
      channel: channel === "sms" ? "SMS" : "EMAIL",
      customerId: run.customerId,
      recipient,
      subject: message.subject,
      body: message.body,
      notBefore: now,
      deadline: new Date(stepDeadlineMs(config, timing.step, updatedMs, channel, contact.phoneCountry === "US")),
      automationRunId: run.id,
    });
    record({ channel, outcome: "enqueued", reason: plan.convertedBecause, code });
  }
}

const UPDATE_PARAMS = 9;
const UPDATES_PER_STATEMENT = Math.floor(990 / UPDATE_PARAMS);

/**
 * Saves the batch's runs in one transaction, a multi-row UPDATE … FROM (VALUES …) per 110 runs
 * (a statement per run cost more than the rest of the tick). A run is saved only if it is still
 * active at the step this tick read (another tick did not move it meanwhile).
 */
async function saveRuns(db: Db, updates: readonly { run: DueRun; update: RunUpdate }[], now: Date): Promise<void> {
  if (updates.length === 0) return;
  await db.$transaction(
    async (tx) => {
      const sql = sqlFor(tx as unknown as Db);
      const pg = sql.dialect === "postgres";
      const tuple = pg
        ? "(?, CAST(? AS integer), ?, CAST(? AS integer), CAST(? AS timestamp(3)), CAST(? AS boolean), ?, ?, ?)"
        : "(?, ?, ?, ?, ?, ?, ?, ?, ?)";
      for (let i = 0; i < updates.length; i += UPDATES_PER_STATEMENT) {
        const chunk = updates.slice(i, i + UPDATES_PER_STATEMENT);
        const params = chunk.flatMap(({ run, update }) => [
          run.id,
          run.nextStep,
          update.status,
          update.nextStep,
          update.nextDueAt,
          update.smsUsed,
          update.discountCode,
          update.discountGid,
          JSON.stringify(update.log),
        ]);
        await sql.exec(
          `UPDATE "AutomationRun" SET "status" = v.column3, "nextStep" = v.column4, "nextDueAt" = v.column5, "smsUsed" = v.column6,
           "discountCode" = v.column7, "discountGid" = v.column8, "stepLog" = v.column9,
           "finishedAt" = CASE WHEN v.column3 = 'finished' THEN ${sql.ts} ELSE "AutomationRun"."finishedAt" END
         FROM (VALUES ${chunk.map(() => tuple).join(", ")}) AS v
         WHERE "AutomationRun"."id" = v.column1 AND "AutomationRun"."status" = 'active' AND "AutomationRun"."nextStep" = v.column2`,
          [now, ...params],
        );
      }
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
}

/**
 * Moves up to `limit` due runs as far as `now` allows. Their outbox rows are written (`write`)
 * before the runs are saved: a tick that dies between the two is repeated by the next one, whose
 * rows carry the same keys and change nothing. A run another tick moved meanwhile keeps that
 * tick's state.
 */
export async function advanceDueRuns(
  deps: AdvanceDeps,
  now: Date,
  write: (rows: NewOutboxMessage[]) => Promise<unknown>,
  limit = ADVANCE_BATCH,
): Promise<AdvanceResult> {
  const runs = await dueRuns(deps.db, now, limit);
  const rows: NewOutboxMessage[] = [];
  const configs = new Map<string, SequenceConfig>();
  const updates: { run: DueRun; update: RunUpdate }[] = [];
  for (const run of runs) {
    let config = configs.get(run.steps);
    if (!config) configs.set(run.steps, (config = parseSequence(run.steps)));
    updates.push({ run, update: await planRun(deps, run, config, now, rows) });
  }
  if (rows.length > 0) await write(rows);
  await saveRuns(deps.db, updates, now);
  return { rows, runs: runs.length };
}
