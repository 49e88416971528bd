/**
 * Runs: started and cancelled set-based over AbandonedCheckout rows by the `automations.tick` job,
 * so the webhook apply path needs no hook and a checkout starts one run however many webhooks,
 * duplicates or late deliveries arrive.
 *
 * Checkout identity: webhooks (`checkouts/create|update`, field `token`) and the GraphQL
 * `AbandonedCheckout` (whose `abandonedCheckoutUrl` is `…/checkouts/<token>/recover?key=…`) meet
 * on one AbandonedCheckout row keyed (shop, token) in sync (app/shopify/mappers/checkout.ts). A
 * run joins that row by (shop, checkoutToken); its id is `<automation id>:<token>` and
 * (automationId, checkoutToken) is unique, so starting a run twice is a no-op. Delays count from
 * the row's `shopifyUpdatedAt`, read fresh each tick: a later update moves the later steps.
 */
import type { Db } from "~/db/db.server";
import { CANCEL_REASONS, type CancelReason } from "./sequence";
import { sqlFor, type Sql } from "./sql.server";
import { AUTOMATION_KIND, parseSequence } from "./steps";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const subscribed = (column: string) => `${column} = 'SUBSCRIBED'`;
/** A phone subscribed to texts or an email subscribed to marketing, on the checkout's customer. */
const CONSENTED = `cu."redactedAt" IS NULL AND cu."deletedAt" IS NULL AND (
  (COALESCE(cu."phone", c."phone") IS NOT NULL AND ${subscribed(`cu."smsMarketingState"`)})
  OR (COALESCE(cu."email", c."email") IS NOT NULL AND ${subscribed(`cu."emailMarketingState"`)}))`;
/**
 * The customer's latest storefront sign-up (app/optin) offered cart reminders and they left the box
 * unticked: they asked for none, so no abandoned-checkout run starts for them.
 */
const DECLINED_CART_REMINDERS = `EXISTS (SELECT 1 FROM "OptInRequest" q WHERE q."shop" = c."shop" AND q."customerId" = cu."id"
  AND q."cartRemindersDeclined" = TRUE AND NOT EXISTS (
    SELECT 1 FROM "OptInRequest" q2 WHERE q2."shop" = q."shop" AND q2."customerId" = q."customerId" AND q2."createdAt" > q."createdAt"))`;
const REACHABLE = `cu."id" IS NOT NULL AND ${CONSENTED} AND NOT ${DECLINED_CART_REMINDERS}`;
/** An order from the same checkout or customer since the checkout was created (c = the checkout). */
export const ORDERED_SINCE = `(
  EXISTS (SELECT 1 FROM "Order" o WHERE o."shop" = c."shop" AND o."checkoutToken" = c."token" AND o."processedAt" >= c."shopifyCreatedAt")
  OR (c."customerId" IS NOT NULL AND EXISTS (SELECT 1 FROM "Order" o WHERE o."customerId" = c."customerId" AND o."processedAt" >= c."shopifyCreatedAt"))
  OR (c."customerGid" IS NOT NULL AND EXISTS (SELECT 1 FROM "Order" o WHERE o."shop" = c."shop" AND o."customerGid" = c."customerGid" AND o."processedAt" >= c."shopifyCreatedAt")))`;

interface EnabledAutomation {
  id: string;
  shop: string;
  steps: string;
  enabledAt: Date | null;
}

/**
 * Starts a run for every checkout of every enabled automation that has gone `triggerMinutes`
 * without an update, is neither completed nor deleted nor followed by an order, and has a
 * reachable consented contact who did not decline cart reminders on the storefront form. Only checkouts that became abandoned (last update plus the
 * trigger delay) after the automation was switched on count, and none whose last step's window
 * has passed: an import's months-old checkouts never get a message. Returns how many runs started.
 */
export async function startRuns(db: Db, now: Date): Promise<number> {
  const sql = sqlFor(db);
  const automations: EnabledAutomation[] = await db.automation.findMany({
    where: { kind: AUTOMATION_KIND, enabled: true },
    select: { id: true, shop: true, steps: true, enabledAt: true },
  });
  const shops = new Map(
    (
      await db.shop.findMany({
        where: { shop: { in: automations.map((a) => a.shop) } },
        select: { shop: true, uninstalledAt: true, sendingPaused: true },
      })
    ).map((s) => [s.shop, s]),
  );
  let started = 0;
  for (const automation of automations) {
    const shop = shops.get(automation.shop);
    if (!shop || shop.uninstalledAt || shop.sendingPaused) continue;
    const config = parseSequence(automation.steps);
    const lastDelay = config.steps[config.steps.length - 1]?.delayMinutes ?? 0;
    const cutoff = new Date(now.getTime() - config.triggerMinutes * MINUTE);
    // Abandoned (last update + trigger) after the switch-on, and not past the last step's window.
    const enabledMs = automation.enabledAt?.getTime() ?? now.getTime();
    const oldest = new Date(Math.max(enabledMs - config.triggerMinutes * MINUTE, now.getTime() - lastDelay * MINUTE - DAY));
    started += await sql.exec(
      `INSERT INTO "AutomationRun" ("id", "shop", "automationId", "checkoutToken", "status", "nextStep", "nextDueAt", "stepLog", "startedAt")
       SELECT ? || ':' || c."token", c."shop", ?, c."token", 'active', 0, ${sql.ts}, '[]', ${sql.ts}
       FROM "AbandonedCheckout" c LEFT JOIN "Customer" cu ON cu."id" = c."customerId"
       WHERE c."shop" = ? AND c."completedAt" IS NULL AND c."deletedAt" IS NULL
         AND c."shopifyUpdatedAt" <= ${sql.ts} AND c."shopifyUpdatedAt" >= ${sql.ts}
         AND NOT EXISTS (SELECT 1 FROM "AutomationRun" r WHERE r."automationId" = ? AND r."checkoutToken" = c."token")
         AND ${REACHABLE} AND NOT ${ORDERED_SINCE}
       ON CONFLICT ("automationId", "checkoutToken") DO NOTHING`,
      [automation.id, automation.id, now, now, automation.shop, cutoff, oldest, automation.id],
    );
  }
  return started;
}

/** The condition on a run `r` (joined to its checkout `c`) for each reason, checked in this order. */
const CANCEL_WHERE: Readonly<Record<CancelReason, string>> = {
  purchased: ORDERED_SINCE,
  checkout_completed: `c."completedAt" IS NOT NULL`,
  checkout_deleted: `c."deletedAt" IS NOT NULL`,
  shop_uninstalled: `EXISTS (SELECT 1 FROM "Shop" s WHERE s."shop" = c."shop" AND s."uninstalledAt" IS NOT NULL)`,
  // TRUE/FALSE: SQLite (3.23+) reads them as 1/0, how it stores booleans.
  shop_paused: `EXISTS (SELECT 1 FROM "Shop" s WHERE s."shop" = c."shop" AND s."sendingPaused" = TRUE)`,
  automation_off: `EXISTS (SELECT 1 FROM "Automation" a WHERE a."id" = "AutomationRun"."automationId" AND a."enabled" = FALSE)`,
  opted_out: `NOT EXISTS (SELECT 1 FROM "Customer" cu WHERE cu."id" = c."customerId" AND ${CONSENTED})`,
  // Signed up again during the run and left cart reminders unticked this time.
  reminders_declined: `EXISTS (SELECT 1 FROM "Customer" cu WHERE cu."id" = c."customerId" AND ${DECLINED_CART_REMINDERS})`,
};

/**
 * One statement for every reason: each active run joined to its checkout once, the first
 * matching reason (CANCEL_REASONS order) chosen by CASE. Seven statements, one per reason, each
 * re-joined every active run to its checkout and cost most of a tick.
 */
function cancelStatement(sql: Sql, onlyIds: number, dueOnly: boolean): string {
  const matched = (r: CancelReason) => `(${CANCEL_WHERE[r]})`;
  const reason = `CASE ${CANCEL_REASONS.map((r) => `WHEN ${matched(r)} THEN '${r}'`).join(" ")} END`;
  const only =
    (onlyIds > 0 ? ` AND "id" IN (${Array.from({ length: onlyIds }, () => "?").join(", ")})` : "") +
    (dueOnly ? ` AND "nextDueAt" <= ${sql.ts}` : "");
  return `UPDATE "AutomationRun" SET "status" = 'cancelled', "nextDueAt" = NULL, "finishedAt" = ${sql.ts},
    "cancelReason" = (SELECT ${reason} FROM "AbandonedCheckout" c WHERE c."shop" = "AutomationRun"."shop" AND c."token" = "AutomationRun"."checkoutToken")
    WHERE "status" = 'active'${only} AND EXISTS (
      SELECT 1 FROM "AbandonedCheckout" c WHERE c."shop" = "AutomationRun"."shop" AND c."token" = "AutomationRun"."checkoutToken"
        AND (${CANCEL_REASONS.map(matched).join(" OR ")}))
    RETURNING "id"`;
}

/**
 * Cancels every active run that must stop (sequence.ts `cancellationOf`, as SQL), and skips the
 * outbox rows they left waiting (a text held back by quiet hours): a purchase, a completed or
 * deleted checkout, uninstall or pause, the automation switched off, no consent left, or a later
 * storefront sign-up that declined cart reminders.
 * `onlyRunIds` limits the check to those runs, `dueOnly` to runs whose next step is due by `now`
 * (the quick ticks between full sweeps). Returns the cancelled run ids.
 */
export async function cancelRuns(db: Db, now: Date, onlyRunIds?: readonly string[], dueOnly = false): Promise<string[]> {
  const sql = sqlFor(db);
  const cancelled: string[] = [];
  const chunks =
    onlyRunIds === undefined
      ? [[]]
      : Array.from({ length: Math.ceil(onlyRunIds.length / 400) }, (_, i) => onlyRunIds.slice(i * 400, i * 400 + 400));
  for (const ids of chunks) {
    const rows = await sql.query<{ id: string }>(cancelStatement(sql, ids.length, dueOnly), [now, ...ids, ...(dueOnly ? [now] : [])]);
    cancelled.push(...rows.map((r) => r.id));
  }
  for (let i = 0; i < cancelled.length; i += 500) {
    await db.outboxMessage.updateMany({
      where: { automationRunId: { in: cancelled.slice(i, i + 500) }, status: "QUEUED" },
      data: { status: "SKIPPED", skipReason: "cancelled", statusAt: now },
    });
  }
  return cancelled;
}
