// Writes a bulk query's result as Shopify's JSONL (https://shopify.dev/docs/api/usage/bulk-operations/queries#download-result-data):
// one line per node, connections flattened, every child line carrying `__parentId`. With
// `groupObjects: false` (the default since 2026-01) Shopify does not keep children next to or
// after their parent, so neither does this: about half the root objects are written after their
// descendants, to keep importers honest. Memory stays bounded (one root object's lines at a time),
// so the 1M-customer benchmark store exports without being held in memory. The bulk operation
// runner and the import benchmark both write files through this function.
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { loadAdminSchema } from "./schema.server";
import { compileBulkQuery, projectNode } from "./bulk-query";
import type { ConnectionSource } from "./connection";
import type { StoreSource } from "./store-source";
import { StoreViews } from "./store-views";

export interface ExportCounts {
  objectCount: number;
  rootObjectCount: number;
  fileSize: number;
}

export interface ExportOptions {
  /** Stop early (bulkOperationCancel); the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Called after each flushed chunk with the running counts (BulkOperation.objectCount). */
  onProgress?: (counts: ExportCounts) => void;
  /** Reuse views across calls (the stand-in keeps one per store). */
  views?: StoreViews;
  /** `bulkOperationRunQuery(groupObjects: true)`: every child after its parent. */
  groupObjects?: boolean;
}

const FLUSH_BYTES = 1 << 20;
const ROOTS: Record<string, (v: StoreViews) => ConnectionSource<unknown>> = {
  customers: (v) => v.customers() as ConnectionSource<unknown>,
  orders: (v) => v.orders() as ConnectionSource<unknown>,
  products: (v) => v.products() as ConnectionSource<unknown>,
  collections: (v) => v.collections() as ConnectionSource<unknown>,
  abandonedCheckouts: (v) => v.abandonedCheckouts() as ConnectionSource<unknown>,
};

/** The top-level fields a bulk query may start at in this stand-in. */
export const BULK_ROOT_FIELDS = Object.keys(ROOTS);

/** Runs the bulk query `query` over `source` and writes the JSONL to `file`. Throws if the query is invalid. */
export async function exportBulkJsonl(
  source: StoreSource,
  query: string,
  file: string,
  options: ExportOptions = {},
): Promise<ExportCounts> {
  const compiled = compileBulkQuery(loadAdminSchema(), query);
  if ("errors" in compiled) throw new Error(compiled.errors.map((e) => e.message).join("; "));
  const { plan } = compiled;
  const root = ROOTS[plan.rootField];
  if (!root) throw new Error(`Admin stand-in cannot run bulk queries on \`${plan.rootField}\` (supported: ${BULK_ROOT_FIELDS.join(", ")})`);
  const views = options.views ?? new StoreViews(source);
  const counts: ExportCounts = { objectCount: 0, rootObjectCount: 0, fileSize: 0 };
  const out = createWriteStream(file);
  const failed = once(out, "error").then(([e]) => {
    throw e;
  });
  failed.catch(() => undefined);
  // A plain string buffer: V8 concatenates into ropes cheaply, cheaper than joining an array.
  let pending = "";
  const flush = async () => {
    if (pending.length === 0) return;
    const chunk = pending;
    pending = "";
    if (!out.write(chunk)) await Promise.race([once(out, "drain"), failed]);
    options.onProgress?.({ ...counts, fileSize: out.bytesWritten });
    // Let the HTTP server answer status polls while a large export runs.
    await new Promise((resolve) => setImmediate(resolve));
    options.signal?.throwIfAborted();
  };
  try {
    const lines: string[] = [];
    const emit = (line: string) => {
      lines.push(line);
    };
    for (const view of root(views).all(typeof plan.rootArgs.query === "string" ? plan.rootArgs.query : null)) {
      lines.length = 0;
      projectNode(view, plan.node, null, emit);
      // `lines` ends with the root; descendants precede their parents. Every other root is
      // written parent-first instead, so both orders occur, as in Shopify's ungrouped output.
      if (options.groupObjects || counts.rootObjectCount % 2 === 1) lines.reverse();
      for (const l of lines) pending += `${l}\n`;
      counts.objectCount += lines.length;
      counts.rootObjectCount += 1;
      if (pending.length >= FLUSH_BYTES) await flush();
      else if ((counts.rootObjectCount & 1023) === 0) options.signal?.throwIfAborted();
    }
    await flush();
  } finally {
    out.end();
    await Promise.race([once(out, "close"), failed]).catch(() => undefined);
  }
  counts.fileSize = out.bytesWritten;
  return counts;
}
