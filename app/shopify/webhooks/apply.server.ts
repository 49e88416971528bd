// Applies inbox events: parse the raw body (64-bit ids kept), dispatch on the topic, refresh
// the facts of the customers touched, list them for segment re-evaluation, mark the rows
// applied: all in one transaction per batch, so an event is applied exactly once even when a
// worker dies half way.
import { assertNever } from "~/segments/engine/assert-never";
import type { Db } from "~/db/db.server";
import { refreshCustomerFacts } from "~/facts/incremental-facts.server";
import { recordDataRequest } from "~/privacy/data-request.server";
import { eraseShop } from "~/privacy/erase-shop.server";
import { redactCustomer } from "~/privacy/redact-customer.server";
import { applyAppUninstalled } from "~/privacy/uninstall.server";
import type { AdminGraphql } from "~/shopify/admin-client.server";
import { createAdminClient } from "~/shopify/admin-client.server";
import { obj, type Json } from "~/shopify/mappers/fields";
import { parseShopifyJson } from "~/shopify/mappers/gid";
import { onBulkOperationFinished } from "~/shopify/sync/bulk-operations.server";
import { prismaRunner, type Dialect } from "~/db/sql-runner.server";
import {
  applyCollectionDelete,
  applyCollectionUpsert,
  applyProductDelete,
  applyProductUpsert,
  applyScopesUpdate,
  applyShopUpdate,
  bulkOperationGid,
} from "./apply-catalog.server";
import { applyConsent, applyCustomerDelete, applyCustomerUpsert } from "./apply-customers.server";
import { applyOrderUpsertRun } from "./apply-orders-batch.server";
import { applyCheckoutDelete, applyCheckoutUpsert, applyOrderDelete } from "./apply-orders.server";
import type { Affected, ApplyContext } from "./context";
import { markBatchApplied, stillUnapplied } from "./apply-inbox.server";
import type { InboxRow } from "./inbox.server";
import { markPending, WHOLE_STORE } from "./segment-refresh-pending.server";
import { isWebhookTopic, type WebhookTopic } from "./topics";
import { lockShop } from "./tx-sql.server";

export interface ApplyDeps {
  db: Db;
  dialect: Dialect;
  /** Key for suppression hashes (derived from FLOCK_ENCRYPTION_KEY). */
  secret: Buffer;
  /** An Admin API client for the shop (bulk_operations/finish reads the operation's URL). */
  adminGraphql(shop: string): Promise<AdminGraphql>;
  now?: () => Date;
  /** Told the ids of inbox rows whose apply committed (the apply benchmark counts them). */
  onApplied?: (rowIds: readonly number[]) => void;
}

/** Topics whose work is a row change in the transaction; the others talk to Shopify first. */
async function applyInTransaction(
  ctx: ApplyContext,
  deps: ApplyDeps,
  topic: Exclude<WebhookTopic, "bulk_operations/finish">,
  payload: Json,
  row: InboxRow,
  affected: Affected,
): Promise<void> {
  switch (topic) {
    case "customers/create":
    case "customers/update":
      return applyCustomerUpsert(ctx, payload, affected);
    case "customers/delete":
      return applyCustomerDelete(ctx, payload, affected);
    case "customers_email_marketing_consent/update":
      return applyConsent(ctx, "email", payload, affected);
    case "customers_marketing_consent/update":
      return applyConsent(ctx, "sms", payload, affected);
    case "orders/create":
    case "orders/updated":
    case "orders/cancelled":
      return applyOrderUpsertRun(ctx, [payload], affected);
    case "orders/delete":
      return applyOrderDelete(ctx, payload, affected);
    case "checkouts/create":
    case "checkouts/update":
      return applyCheckoutUpsert(ctx, payload, affected);
    case "checkouts/delete":
      return applyCheckoutDelete(ctx, payload, affected);
    case "products/create":
    case "products/update":
      return applyProductUpsert(ctx, payload, affected);
    case "products/delete":
      return applyProductDelete(ctx, payload, affected);
    case "collections/create":
    case "collections/update":
      return applyCollectionUpsert(ctx, payload);
    case "collections/delete":
      return applyCollectionDelete(ctx, payload);
    case "shop/update":
      return applyShopUpdate(ctx, payload);
    case "app/uninstalled":
      return applyAppUninstalled(ctx.tx, ctx.shop, ctx.triggeredAt);
    case "app/scopes_update":
      return applyScopesUpdate(ctx, payload);
    case "customers/data_request":
      await recordDataRequest(ctx.tx, ctx.shop, payload, ctx.now);
      return;
    case "customers/redact": {
      const id = await redactCustomer({ tx: ctx.tx, shop: ctx.shop, now: ctx.now, secret: deps.secret }, payload);
      if (id !== null) affected.add(id);
      return;
    }
    case "shop/redact":
      await eraseShop(ctx.tx, ctx.shop, row.id);
      return;
    default:
      return assertNever(topic, "webhook topic");
  }
}

/**
 * What an applied event changed for segment membership: the customers whose facts were
 * refreshed, or the whole store (a finished bulk import).
 */
export type AppliedChange = { customers: readonly number[] } | { storeWide: true };

const ORDER_UPSERTS: ReadonlySet<WebhookTopic> = new Set(["orders/create", "orders/updated", "orders/cancelled"]);

function parseRow(row: InboxRow): { topic: WebhookTopic; payload: Json } {
  const topic = row.topic;
  if (!isWebhookTopic(topic)) throw new Error(`Inbox row ${row.id}: unknown topic ${topic}`);
  const payload = obj(parseShopifyJson(row.payload));
  if (!payload) throw new Error(`Inbox row ${row.id} (${topic}): body is not a JSON object`);
  return { topic, payload };
}

/** Applies one inbox row; throws on failure (the caller records it and retries later). */
export async function applyInboxRow(deps: ApplyDeps, shop: string, row: InboxRow): Promise<AppliedChange> {
  const now = deps.now?.() ?? new Date();
  const { topic, payload } = parseRow(row);
  if (topic === "bulk_operations/finish") {
    // Reads the operation from the Admin API: outside any transaction.
    const client = createAdminClient(await deps.adminGraphql(shop));
    await onBulkOperationFinished({ client, runner: await prismaRunner(deps.db), shop, bulkOperationGid: bulkOperationGid(payload) });
    await deps.db.$transaction(async (tx) => {
      await markPending(tx, deps.dialect, shop, [WHOLE_STORE]);
      await markBatchApplied(tx, deps.dialect, [row.id], now);
    });
    deps.onApplied?.([row.id]);
    return { storeWide: true };
  }
  return applyInboxBatch(deps, shop, [row]);
}

/**
 * Applies rows that need no Admin API call (never bulk_operations/finish) in one transaction,
 * in the given order: the row changes, then the facts of every customer they touched at once,
 * the customers listed for segment re-evaluation, and the rows marked applied. All or nothing,
 * so an event is applied exactly once even when a worker dies half way; the caller retries a
 * failed batch row by row to find the bad event.
 */
export async function applyInboxBatch(
  deps: ApplyDeps,
  shop: string,
  rows: readonly InboxRow[],
  budgetMs = Infinity,
): Promise<{ customers: readonly number[]; consumed: number }> {
  const now = deps.now?.() ?? new Date();
  const parsed = rows.map((row) => ({ row, ...parseRow(row) }));
  const affected: Affected = new Set();
  let appliedIds: number[] = [];
  let consumed = 0;
  await deps.db.$transaction(
    async (tx) => {
      await lockShop(tx, deps.dialect, shop);
      // Under the shop lock, only rows nobody applied meanwhile: even two drains of one shop
      // (a lease that ran out under a stalled worker) cannot apply an event twice.
      const unapplied = await stillUnapplied(
        tx,
        deps.dialect,
        rows.map((r) => r.id),
      );
      const started = Date.now();
      // Consecutive order upserts are applied together, set-based (apply-orders-batch.server.ts);
      // any other event is applied on its own, in order between them.
      let orderRun: Json[] = [];
      const flushOrders = async () => {
        if (orderRun.length > 0) await applyOrderUpsertRun({ tx, shop, dialect: deps.dialect }, orderRun, affected);
        orderRun = [];
      };
      for (const { row, topic, payload } of parsed) {
        // A transaction holds SQLite's only writer (and in-process, Prisma's connection that
        // the webhook receiver also needs): past the budget, the rest waits for the next one.
        if (consumed > 0 && Date.now() - started > budgetMs) break;
        consumed += 1;
        if (!unapplied.has(row.id)) continue;
        if (topic === "bulk_operations/finish") throw new Error(`Inbox row ${row.id}: bulk_operations/finish cannot be applied in a batch`);
        if (ORDER_UPSERTS.has(topic)) {
          orderRun.push(payload);
          continue;
        }
        await flushOrders();
        const ctx: ApplyContext = { tx, shop, dialect: deps.dialect, now, triggeredAt: row.triggeredAt ?? row.receivedAt };
        await applyInTransaction(ctx, deps, topic, payload, row, affected);
      }
      await flushOrders();
      await refreshCustomerFacts(tx, shop, affected);
      await markPending(tx, deps.dialect, shop, affected);
      appliedIds = rows
        .slice(0, consumed)
        .map((r) => r.id)
        .filter((id) => unapplied.has(id));
      await markBatchApplied(tx, deps.dialect, appliedIds, now);
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  deps.onApplied?.(appliedIds);
  return { customers: [...affected], consumed };
}
