// Bulk query operations as Shopify runs them (https://shopify.dev/docs/api/usage/bulk-operations/queries):
// `bulkOperationRunQuery` answers at once with a CREATED operation, which then runs in the
// background (RUNNING, `objectCount` growing) and ends COMPLETED with a JSONL `url` (null when
// nothing matched), FAILED with an `errorCode` and `partialDataUrl`, or CANCELED. Since API
// version 2026-01 an app may run up to five bulk queries at a time per shop. On completion the
// optional `onFinish` receives the `bulk_operations/finish` webhook payload.
import { mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { GraphQLSchema } from "graphql";
import { compileBulkQuery, type BulkUserError } from "./bulk-query";
import { ConnectionSource } from "./connection";
import { BULK_ROOT_FIELDS, exportBulkJsonl } from "./export-jsonl.server";
import { isoSeconds, seconds, uint64 } from "./format";
import type { StoreSource } from "./store-source";
import type { StoreViews } from "./store-views";

export const MAX_CONCURRENT_BULK_QUERIES = 5;
type Status = "CREATED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELING" | "CANCELED" | "EXPIRED";

/** Body of Shopify's `bulk_operations/finish` webhook. */
export interface BulkFinishPayload {
  admin_graphql_api_id: string;
  completed_at: string | null;
  created_at: string;
  error_code: string | null;
  status: string;
  type: "query" | "mutation";
}

type UserError = BulkUserError | { field: string[] | null; message: string; code?: string };

interface BulkRecord {
  n: number;
  id: string;
  query: string;
  status: Status;
  createdAt: Date;
  completedAt: Date | null;
  objectCount: number;
  rootObjectCount: number;
  fileSize: number | null;
  errorCode: string | null;
  file: string;
  abort: AbortController;
  groupObjects: boolean;
}

export interface BulkOperationsOptions {
  schema: GraphQLSchema;
  source: StoreSource;
  views: StoreViews;
  dataDir: string;
  /** The server's origin, known once it listens. */
  origin: () => string;
  onFinish?: (payload: BulkFinishPayload) => void | Promise<void>;
}

export class BulkOperations {
  readonly #records = new Map<string, BulkRecord>();
  #seq = 0;
  /** Settles when every started operation has finished (tests and shutdown wait on it). */
  #running = new Set<Promise<void>>();

  constructor(private readonly options: BulkOperationsOptions) {
    mkdirSync(options.dataDir, { recursive: true });
  }

  runQuery(query: string, groupObjects = false): { bulkOperation: object | null; userErrors: UserError[] } {
    const compiled = compileBulkQuery(this.options.schema, query);
    if ("errors" in compiled) return { bulkOperation: null, userErrors: compiled.errors };
    if (!BULK_ROOT_FIELDS.includes(compiled.plan.rootField)) {
      return {
        bulkOperation: null,
        userErrors: [
          { field: ["query"], message: `The Admin stand-in does not run bulk queries on \`${compiled.plan.rootField}\`.`, code: "INVALID" },
        ],
      };
    }
    const active = [...this.#records.values()].filter((r) => r.status === "CREATED" || r.status === "RUNNING" || r.status === "CANCELING");
    if (active.length >= MAX_CONCURRENT_BULK_QUERIES) {
      return {
        bulkOperation: null,
        userErrors: [
          {
            field: [],
            message: `A maximum of ${MAX_CONCURRENT_BULK_QUERIES} bulk query operations can run at the same time for this app and shop.`,
            code: "LIMIT_REACHED",
          },
        ],
      };
    }
    const n = 7_000_000_000 + ++this.#seq;
    const record: BulkRecord = {
      n,
      id: `gid://shopify/BulkOperation/${n}`,
      query,
      status: "CREATED",
      createdAt: new Date(),
      completedAt: null,
      objectCount: 0,
      rootObjectCount: 0,
      fileSize: null,
      errorCode: null,
      file: join(this.options.dataDir, `bulk-${n}.jsonl`),
      abort: new AbortController(),
      groupObjects,
    };
    this.#records.set(record.id, record);
    const done = this.#execute(record).finally(() => this.#running.delete(done));
    this.#running.add(done);
    return { bulkOperation: this.view(record.id), userErrors: [] };
  }

  cancel(id: string): { bulkOperation: object | null; userErrors: UserError[] } {
    const record = this.#records.get(id);
    if (!record) return { bulkOperation: null, userErrors: [{ field: ["id"], message: "Bulk operation does not exist" }] };
    if (record.status !== "CREATED" && record.status !== "RUNNING") {
      return {
        bulkOperation: this.view(id),
        userErrors: [{ field: null, message: `A bulk operation cannot be canceled when it is ${record.status.toLowerCase()}` }],
      };
    }
    record.status = "CANCELING";
    record.abort.abort(new Error("canceled"));
    return { bulkOperation: this.view(id), userErrors: [] };
  }

  view(id: string): object | null {
    const r = this.#records.get(id);
    if (!r) return null;
    const url = `${this.options.origin()}/bulk/${r.n}.jsonl`;
    return {
      __typename: "BulkOperation",
      id: r.id,
      status: r.status,
      type: "QUERY",
      query: r.query,
      errorCode: r.errorCode,
      createdAt: isoSeconds(r.createdAt),
      completedAt: isoSeconds(r.completedAt),
      objectCount: uint64(r.objectCount),
      rootObjectCount: uint64(r.rootObjectCount),
      fileSize: r.fileSize === null ? null : uint64(r.fileSize),
      url: r.status === "COMPLETED" && r.objectCount > 0 ? url : null,
      partialDataUrl: r.status === "FAILED" && (r.fileSize ?? 0) > 0 ? url : null,
    };
  }

  connection() {
    return new ConnectionSource<BulkRecord>({
      scan: () => [...this.#records.values()],
      id: (r) => r.id,
      sortKeys: { CREATED_AT: (r) => seconds(r.createdAt), COMPLETED_AT: (r) => (r.completedAt ? seconds(r.completedAt) : 0) },
      search: {
        fields: {
          status: { kind: "string", get: (r) => r.status },
          operation_type: { kind: "string", get: () => "QUERY" },
          created_at: { kind: "time", get: (r) => seconds(r.createdAt) },
          id: { kind: "id", get: (r) => r.id },
        },
      },
      view: (r) => this.view(r.id) as object,
    });
  }

  /** Path of a finished operation's JSONL (for the download route), or null. */
  fileFor(n: string): string | null {
    const r = this.#records.get(`gid://shopify/BulkOperation/${n}`);
    return r && (r.status === "COMPLETED" || r.status === "FAILED") && r.objectCount > 0 ? r.file : null;
  }

  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }

  cancelAll(): void {
    for (const r of this.#records.values()) if (r.status === "CREATED" || r.status === "RUNNING") this.cancel(r.id);
  }

  async #execute(r: BulkRecord): Promise<void> {
    // Answer the mutation (status CREATED) before starting, as Shopify does.
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (r.status === "CANCELING") r.status = "CANCELED";
    if (r.status !== "CREATED") return this.#finish(r);
    r.status = "RUNNING";
    try {
      const counts = await exportBulkJsonl(this.options.source, r.query, r.file, {
        views: this.options.views,
        signal: r.abort.signal,
        groupObjects: r.groupObjects,
        onProgress: (c) => {
          r.objectCount = c.objectCount;
          r.rootObjectCount = c.rootObjectCount;
        },
      });
      Object.assign(r, { ...counts, status: "COMPLETED", completedAt: new Date() });
    } catch {
      if (r.abort.signal.aborted) r.status = "CANCELED";
      else Object.assign(r, { status: "FAILED", errorCode: "INTERNAL_SERVER_ERROR", completedAt: new Date() });
      r.fileSize = safeSize(r.file);
    }
    await this.#finish(r);
  }

  async #finish(r: BulkRecord): Promise<void> {
    try {
      await this.options.onFinish?.({
        admin_graphql_api_id: r.id,
        completed_at: isoSeconds(r.completedAt),
        created_at: isoSeconds(r.createdAt) ?? "",
        error_code: r.errorCode?.toLowerCase() ?? null,
        status: r.status.toLowerCase(),
        type: "query",
      });
    } catch (error) {
      // A failing webhook sender must not take the stand-in down; say so loudly (tests fail on it).
      console.error(`Admin stand-in: onBulkFinish failed for ${r.id}:`, error);
    }
  }
}

function safeSize(file: string): number | null {
  try {
    return statSync(file).size;
  } catch {
    return null;
  }
}
