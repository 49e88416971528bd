import { describe, expect, it } from "vitest";
import { describeImportState, STALE_AFTER_MS, STOPPED_ERROR, summarizeSyncRuns, type SyncRunSummaryInput } from "./progress";

const now = new Date("2026-11-23T12:00:00Z");
const run = (over: Partial<SyncRunSummaryInput>): SyncRunSummaryInput => ({
  resource: "customers",
  status: "applying",
  objectCount: 1000,
  doneCount: 250,
  startedAt: new Date("2026-11-23T11:59:00Z"),
  finishedAt: null,
  lastError: null,
  ...over,
});

describe("summarizeSyncRuns", () => {
  it.each([
    { description: "never synced", runs: [], expected: { state: "never", percent: 0, etaSeconds: null } },
    {
      description: "importing: a quarter in a minute leaves three minutes",
      runs: [run({})],
      expected: { state: "importing", done: 250, total: 1000, percent: 25, etaSeconds: 180 },
    },
    {
      description: "waiting for Shopify",
      runs: [run({ status: "running", objectCount: 0, doneCount: 0 })],
      expected: { state: "waiting", percent: 0, etaSeconds: null },
    },
    {
      description: "failed after an earlier success keeps the last completed time and the error",
      runs: [
        run({ status: "failed", lastError: "Bulk operation FAILED (TIMEOUT)" }),
        run({ status: "completed", startedAt: new Date("2026-11-22T10:00:00Z"), finishedAt: new Date("2026-11-22T10:05:00Z") }),
      ],
      expected: { state: "failed", error: "Bulk operation FAILED (TIMEOUT)", lastCompletedAt: "2026-11-22T10:05:00.000Z" },
    },
    {
      description: "importing with a recent heartbeat",
      runs: [run({ startedAt: new Date("2026-11-23T10:00:00Z"), heartbeatAt: new Date(now.getTime() - 5_000) })],
      expected: { state: "importing", error: null },
    },
    {
      description: "a run whose heartbeat stopped (its process died) shows as stopped, with Retry, and no ETA",
      runs: [run({ heartbeatAt: new Date(now.getTime() - STALE_AFTER_MS - 1) })],
      expected: { state: "failed", done: 250, total: 1000, percent: 25, etaSeconds: null, error: STOPPED_ERROR },
    },
    {
      description: "a run from before heartbeats goes by its start time",
      runs: [run({ status: "running", startedAt: new Date(now.getTime() - STALE_AFTER_MS - 1), heartbeatAt: null })],
      expected: { state: "failed", error: STOPPED_ERROR },
    },
    {
      description: "completed",
      runs: [run({ status: "completed", doneCount: 1000, finishedAt: now })],
      expected: { state: "completed", percent: 100, done: 1000 },
    },
  ])("$description", ({ runs, expected }) => {
    const customers = summarizeSyncRuns(runs, now).find((p) => p.resource === "customers");
    expect(customers).toMatchObject(expected);
  });
});

describe("describeImportState", () => {
  const at = (runs: SyncRunSummaryInput[]) => describeImportState(summarizeSyncRuns(runs, now));
  it.each([
    {
      description: "names the resource being applied, with its counts",
      runs: [
        run({ resource: "orders", doneCount: 5000, objectCount: 51071 }),
        run({ resource: "customers", status: "completed", finishedAt: now }),
      ],
      expected: {
        state: "importing",
        message: "The store is still importing (Orders: 5,000 of 51,071). Counts and segments appear when it finishes.",
      },
    },
    {
      description: "waiting for Shopify before any file",
      runs: [run({ status: "running", objectCount: 0, doneCount: 0 })],
      expected: {
        state: "importing",
        message: "The store is still importing (Customers: waiting for Shopify). Counts and segments appear when it finishes.",
      },
    },
    {
      description: "a failed or stopped resource asks for Retry",
      runs: [run({ resource: "orders", heartbeatAt: new Date(now.getTime() - STALE_AFTER_MS - 1) })],
      expected: {
        state: "failed",
        message: "The store import did not finish (Orders). Counts and segments stay incomplete until it does: use Retry on the home page.",
      },
    },
  ])("$description", ({ runs, expected }) => {
    expect(at(runs)).toEqual(expected);
  });
});
