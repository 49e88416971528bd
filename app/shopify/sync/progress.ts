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
}

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
  collections: "Collections", products: "Products", customers: "Customers", orders: "Orders", checkouts: "Abandoned checkouts",
};

const STATES: Record<string, ResourceProgress["state"]> = { running: "waiting", ready: "waiting", applying: "importing", completed: "completed", failed: "failed" };

export function summarizeSyncRuns(runs: readonly SyncRunSummaryInput[], now: Date): ResourceProgress[] {
  return SYNC_RESOURCES.map((resource) => {
    const own = runs.filter((r) => r.resource === resource).sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
    const latest = own[0];
    const completed = own.find((r) => r.status === "completed");
    const base = { resource, label: LABELS[resource], lastCompletedAt: completed?.finishedAt?.toISOString() ?? null };
    if (!latest) return { ...base, state: "never", done: 0, total: 0, percent: 0, etaSeconds: null, error: null };
    const state = STATES[latest.status] ?? "waiting";
    const total = Math.max(latest.objectCount, latest.doneCount);
    const done = state === "completed" ? total : latest.doneCount;
    const percent = state === "completed" ? 100 : total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
    const elapsed = (now.getTime() - latest.startedAt.getTime()) / 1000;
    const etaSeconds = state === "importing" && done > 0 && total > done ? Math.round((elapsed * (total - done)) / done) : null;
    return { ...base, state, done, total, percent, etaSeconds, error: latest.lastError };
  });
}
