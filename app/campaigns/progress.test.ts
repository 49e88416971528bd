import { describe, expect, it } from "vitest";
import { countsOf, progressOf } from "./progress";

const NOW = new Date("2026-12-07T19:00:00Z");

describe("progressOf", () => {
  it.each([
    {
      description: "nothing sent yet: ETA at the shop's rate",
      groups: [{ status: "QUEUED", count: 100 }],
      latest: null,
      expected: { total: 100, remaining: 100, percent: 0, eta: "2026-12-07T19:00:10.000Z" },
    },
    {
      description: "half way, claimed rows still remaining",
      groups: [
        { status: "SENT", count: 40 },
        { status: "DELIVERED", count: 10 },
        { status: "SENDING", count: 10 },
        { status: "QUEUED", count: 40 },
      ],
      latest: null,
      expected: { total: 100, remaining: 50, done: 50, percent: 50, eta: "2026-12-07T19:00:05.000Z" },
    },
    {
      description: "rows waiting for a local time: ETA no earlier than the last",
      groups: [{ status: "QUEUED", count: 10 }],
      latest: new Date("2026-12-08T17:00:00Z"),
      expected: { remaining: 10, eta: "2026-12-08T17:00:00.000Z" },
    },
    {
      description: "finished, failures and skips included",
      groups: [
        { status: "DELIVERED", count: 8 },
        { status: "UNDELIVERED", count: 1 },
        { status: "SKIPPED", count: 1 },
      ],
      latest: null,
      expected: { total: 10, failed: 1, skipped: 1, remaining: 0, percent: 100, eta: null },
    },
  ])("$description", ({ groups, latest, expected }) => {
    expect(progressOf(countsOf(groups), NOW, 10, latest)).toMatchObject(expected);
  });
});
