import { describe, expect, it } from "vitest";
import { summarizeSyncRuns, type SyncRunSummaryInput } from "./progress";

const now = new Date("2026-11-23T12:00:00Z");
const run = (over: Partial<SyncRunSummaryInput>): SyncRunSummaryInput => ({
  resource: "customers", status: "applying", objectCount: 1000, doneCount: 250, startedAt: new Date("2026-11-23T11:59:00Z"), finishedAt: null, lastError: null, ...over,
});

describe("summarizeSyncRuns", () => {
  it.each([
    { description: "never synced", runs: [], expected: { state: "never", percent: 0, etaSeconds: null } },
    { description: "importing: a quarter in a minute leaves three minutes", runs: [run({})], expected: { state: "importing", done: 250, total: 1000, percent: 25, etaSeconds: 180 } },
    { description: "waiting for Shopify", runs: [run({ status: "running", objectCount: 0, doneCount: 0 })], expected: { state: "waiting", percent: 0, etaSeconds: null } },
    {
      description: "failed after an earlier success keeps the last completed time and the error",
      runs: [run({ status: "failed", lastError: "Bulk operation FAILED (TIMEOUT)" }), run({ status: "completed", startedAt: new Date("2026-11-22T10:00:00Z"), finishedAt: new Date("2026-11-22T10:05:00Z") })],
      expected: { state: "failed", error: "Bulk operation FAILED (TIMEOUT)", lastCompletedAt: "2026-11-22T10:05:00.000Z" },
    },
    { description: "completed", runs: [run({ status: "completed", doneCount: 1000, finishedAt: now })], expected: { state: "completed", percent: 100, done: 1000 } },
  ])("$description", ({ runs, expected }) => {
    const customers = summarizeSyncRuns(runs, now).find((p) => p.resource === "customers");
    expect(customers).toMatchObject(expected);
  });
});
