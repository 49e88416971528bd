// PURE: what the home page shows per resource, from its SyncRuns (newest first).
import { SYNC_RESOURCES, type SyncResource } from "./resources";

export interface SyncRunSummaryInput {
  resource: string;
  status: string;
  objectCount: number;
  doneCount: number;
  startedAt: Date;
  finishedAt: Date | null;
  lastError: string | null;
  /** Moved while a process works on the run (null on rows from before heartbeats). */
  heartbeatAt?: Date | null;
}

/**
 * An unfinished run whose heartbeat is older than this has lost its process (the import
 * moves it every HEARTBEAT_MS while it waits, downloads or applies). The card shows it as
 * stopped, with Retry, instead of "importing" with an ever-growing ETA.
 */
export const HEARTBEAT_MS = 10_000;
export const STALE_AFTER_MS = 6 * HEARTBEAT_MS;
export const STOPPED_ERROR = "The import stopped: the process running it ended. It resumes when the worker restarts, or Retry now.";

export interface ResourceProgress {
  resource: SyncResource;
  label: string;
  state: "never" | "waiting" | "importing" | "completed" | "failed";
  done: number;
  /** Objects in the export (BulkOperation.objectCount); 0 until Shopify has counted them. */
  total: number;
  /** 0–100. */
  percent: number;
  /** Seconds left at the rate so far, or null when unknown. */
  etaSeconds: number | null;
  lastCompletedAt: string | null;
  error: string | null;
}

const LABELS: Record<SyncResource, string> = {
  collections: "Collections",
  products: "Products",
  customers: "Customers",
  orders: "Orders",
  checkouts: "Abandoned checkouts",
};

const STATES: Record<string, ResourceProgress["state"]> = {
  running: "waiting",
  ready: "waiting",
  applying: "importing",
  completed: "completed",
  failed: "failed",
};

export function summarizeSyncRuns(runs: readonly SyncRunSummaryInput[], now: Date): ResourceProgress[] {
  return SYNC_RESOURCES.map((resource) => {
    const own = runs.filter((r) => r.resource === resource).sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
    const latest = own[0];
    const completed = own.find((r) => r.status === "completed");
    const base = { resource, label: LABELS[resource], lastCompletedAt: completed?.finishedAt?.toISOString() ?? null };
    if (!latest) return { ...base, state: "never", done: 0, total: 0, percent: 0, etaSeconds: null, error: null };
    const unfinished = latest.status === "running" || latest.status === "ready" || latest.status === "applying";
    const beat = latest.heartbeatAt ?? latest.startedAt;
    if (unfinished && now.getTime() - beat.getTime() > STALE_AFTER_MS) {
      const total = Math.max(latest.objectCount, latest.doneCount);
      return {
        ...base,
        state: "failed",
        done: latest.doneCount,
        total,
        percent: total > 0 ? Math.min(100, Math.floor((latest.doneCount / total) * 100)) : 0,
        etaSeconds: null,
        error: STOPPED_ERROR,
      };
    }
    const state = STATES[latest.status] ?? "waiting";
    const total = Math.max(latest.objectCount, latest.doneCount);
    const done = state === "completed" ? total : latest.doneCount;
    const percent = state === "completed" ? 100 : total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
    const elapsed = (now.getTime() - latest.startedAt.getTime()) / 1000;
    const etaSeconds = state === "importing" && done > 0 && total > done ? Math.round((elapsed * (total - done)) / done) : null;
    return { ...base, state, done, total, percent, etaSeconds, error: latest.lastError };
  });
}

/** What the count route and the segment pages say while the store is not completely imported. */
export interface StoreImportState {
  state: "importing" | "failed";
  message: string;
}

const numbers = new Intl.NumberFormat("en-US");

/** The banner for a shop whose import has not finished (Shop.importingSince is set). */
export function describeImportState(progress: readonly ResourceProgress[]): StoreImportState {
  const failed = progress.filter((p) => p.state === "failed");
  if (failed.length > 0) {
    const names = failed.map((p) => p.label).join(", ");
    return {
      state: "failed",
      message: `The store import did not finish (${names}). Counts and segments stay incomplete until it does: use Retry on the home page.`,
    };
  }
  const current = progress.find((p) => p.state === "importing") ?? progress.find((p) => p.state === "waiting");
  const detail = current
    ? ` (${current.label}: ${current.total > 0 ? `${numbers.format(current.done)} of ${numbers.format(current.total)}` : current.state === "waiting" ? "waiting for Shopify" : numbers.format(current.done)})`
    : "";
  return { state: "importing", message: `The store is still importing${detail}. Counts and segments appear when it finishes.` };
}
