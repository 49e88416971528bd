// Bulk query operations: start, wait (bulk_operations/finish webhook, with polling as the
// fallback), download. https://shopify.dev/docs/api/usage/bulk-operations/queries
import { createWriteStream, existsSync, mkdirSync, renameSync } from "node:fs";
import { dirname } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { AdminClient } from "~/shopify/admin-client.server";
import type { AdminUserError } from "~/shopify/admin-errors";
import { BULK_OPERATION_QUERY, BULK_OPERATION_RUN_QUERY } from "~/shopify/graphql/bulk-operations";
import type { SqlRunner } from "../../db/sql-runner.server";
import { findRunByOperation, updateSyncRun, type SyncRunRow } from "./sync-runs.server";

export interface BulkOperationState {
  id: string;
  status: "CREATED" | "RUNNING" | "COMPLETED" | "CANCELING" | "CANCELED" | "FAILED" | "EXPIRED";
  errorCode: string | null;
  objectCount: string;
  url: string | null;
  partialDataUrl: string | null;
}

/** Starts a bulk query; Shopify runs several at once per shop since 2026-01. */
export async function startBulkQuery(client: AdminClient, query: string): Promise<string> {
  const payload = await client.mutate<{ bulkOperation: { id: string } | null; userErrors: AdminUserError[] }>(
    BULK_OPERATION_RUN_QUERY,
    { query },
    "bulkOperationRunQuery",
  );
  if (!payload.bulkOperation) throw new Error("bulkOperationRunQuery returned no operation");
  return payload.bulkOperation.id;
}

export async function fetchBulkOperation(client: AdminClient, id: string): Promise<BulkOperationState> {
  const data = await client.request<{ bulkOperation: BulkOperationState | null }>(BULK_OPERATION_QUERY, { id });
  if (!data.bulkOperation) throw new Error(`Bulk operation ${id} not found`);
  return data.bulkOperation;
}

const FINISHED = new Set(["COMPLETED", "CANCELED", "FAILED", "EXPIRED"]);

/** Records a finished operation on its SyncRun: ready with its URL, or failed. */
export async function recordBulkOperation(runner: SqlRunner, shop: string, run: SyncRunRow, op: BulkOperationState): Promise<SyncRunRow> {
  if (!FINISHED.has(op.status)) return run;
  const objectCount = Number(op.objectCount);
  if (op.status === "COMPLETED") {
    // An export with no objects has no file (url null): nothing to apply.
    const update = { status: "ready" as const, resultUrl: op.url ?? "", objectCount };
    await updateSyncRun(runner, shop, run.id, update);
    return { ...run, ...update };
  }
  const update = { status: "failed" as const, lastError: `Bulk operation ${op.status}${op.errorCode ? ` (${op.errorCode})` : ""}` };
  await updateSyncRun(runner, shop, run.id, update);
  return { ...run, ...update };
}

/**
 * The bulk_operations/finish webhook's handler (wired by the webhooks issue): stores the
 * result URL so the waiting import proceeds without its next poll. The payload carries the
 * id and status only; the URL is read from the API.
 * https://shopify.dev/docs/api/usage/bulk-operations/queries#option-a-subscribe-to-the-webhook
 */
export async function onBulkOperationFinished(options: {
  client: AdminClient;
  runner: SqlRunner;
  shop: string;
  bulkOperationGid: string;
}): Promise<SyncRunRow | null> {
  const run = await findRunByOperation(options.runner, options.shop, options.bulkOperationGid);
  if (!run || run.status !== "running") return run;
  return recordBulkOperation(options.runner, options.shop, run, await fetchBulkOperation(options.client, options.bulkOperationGid));
}

export interface WaitOptions {
  pollIntervalMs: number;
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
}

/** Waits for the run's operation to finish: the webhook may record it first, else polling does. */
export async function waitForBulkOperation(
  client: AdminClient,
  runner: SqlRunner,
  shop: string,
  run: SyncRunRow,
  options: WaitOptions,
): Promise<SyncRunRow> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const id = run.bulkOperationGid;
  if (!id) throw new Error(`SyncRun ${run.id} has no bulk operation`);
  for (;;) {
    options.signal?.throwIfAborted();
    const current = await findRunByOperation(runner, shop, id);
    if (current && current.status !== "running") return current;
    const op = await fetchBulkOperation(client, id);
    if (FINISHED.has(op.status)) return recordBulkOperation(runner, shop, current ?? run, op);
    await sleep(options.pollIntervalMs);
  }
}

/** Streams the result file to `file` (via a .part file, so a half download is never applied). */
export async function downloadJsonl(url: string, file: string, fetchFn: typeof fetch = fetch): Promise<void> {
  if (existsSync(file)) return;
  mkdirSync(dirname(file), { recursive: true });
  const response = await fetchFn(url);
  if (!response.ok || !response.body) throw new Error(`Downloading bulk result failed: HTTP ${response.status}`);
  const part = `${file}.part`;
  await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), createWriteStream(part));
  renameSync(part, file);
}
