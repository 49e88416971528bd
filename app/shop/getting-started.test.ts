import { describe, expect, it } from "vitest";
import { gettingStartedSteps, type GettingStartedInput } from "./getting-started";

const sync = (...states: ("never" | "waiting" | "importing" | "completed" | "failed")[]) =>
  states.map((state, i) => ({ state, label: ["Collections", "Products", "Customers", "Orders", "Abandoned checkouts"][i] ?? "Other" }));
const fresh: GettingStartedInput = {
  sync: sync("never", "never", "never", "never", "never"),
  liveSegments: 0,
  channels: 0,
  sentCampaigns: 0,
};
const stateOf = (input: GettingStartedInput) => Object.fromEntries(gettingStartedSteps(input).map((s) => [s.key, s.state]));

describe("gettingStartedSteps", () => {
  it.each([
    { description: "a fresh install", input: fresh, expected: { import: "todo", segment: "todo", channels: "todo", campaign: "todo" } },
    {
      description: "an import under way",
      input: { ...fresh, sync: sync("completed", "completed", "importing", "waiting", "never") },
      expected: { import: "in_progress", segment: "todo", channels: "todo", campaign: "todo" },
    },
    {
      description: "an import with a failed resource",
      input: { ...fresh, sync: sync("completed", "failed", "completed", "completed", "completed") },
      expected: { import: "failed", segment: "todo", channels: "todo", campaign: "todo" },
    },
    {
      description: "imported, one segment",
      input: { ...fresh, sync: sync("completed", "completed", "completed", "completed", "completed"), liveSegments: 1 },
      expected: { import: "done", segment: "done", channels: "todo", campaign: "todo" },
    },
    {
      description: "everything done",
      input: {
        sync: sync("completed", "completed", "completed", "completed", "completed"),
        liveSegments: 3,
        channels: 2,
        sentCampaigns: 1,
      },
      expected: { import: "done", segment: "done", channels: "done", campaign: "done" },
    },
  ])("$description", ({ input, expected }) => {
    expect(stateOf(input)).toEqual(expected);
  });

  it("names the failed resource and where to retry it", () => {
    const step = gettingStartedSteps({ ...fresh, sync: sync("completed", "failed", "completed", "completed", "completed") })[0];
    expect(step?.detail).toBe("The import of products failed; retry it in Store sync below.");
  });

  it("sends a shop without segments to create one", () => {
    expect(gettingStartedSteps(fresh)[1]?.action).toEqual({ label: "Create a segment", url: "/app/segments/new" });
  });
});
