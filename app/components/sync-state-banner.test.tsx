// What a merchant reads while numbers are not final: the segment heading says "evaluating"
// instead of "Members: 0 (0 %)", and the import banner carries the import's own message.
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SegmentsTable } from "./segments/segments-table";
import { SegmentMembersHeading, StoreImportBanner } from "./sync-state-banner";

const html = (node: ReactNode) => renderToStaticMarkup(<AppProvider i18n={en}>{node}</AppProvider>);
const text = (markup: string) =>
  markup
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();

describe("sync state banners", () => {
  it.each([
    {
      description: "a segment still evaluating says so, not its stored count",
      evaluating: true,
      expected: "Members: evaluating… (this page shows them once the segment has been evaluated)",
    },
    { description: "an evaluated segment shows its members", evaluating: false, expected: "Members: 3,008 (12.4 % of all customers)" },
  ])("$description", ({ evaluating, expected }) => {
    expect(text(html(<SegmentMembersHeading evaluating={evaluating} members="Members: 3,008 (12.4 % of all customers)" />))).toBe(expected);
  });

  it("shows the import state's message, and nothing once the store is imported", () => {
    const message = "The store is still importing (Orders: 5,000 of 51,071). Counts and segments appear when it finishes.";
    expect(text(html(<StoreImportBanner state={{ state: "importing", message }} />))).toContain(message);
    expect(text(html(<StoreImportBanner state={null} />))).toBe("");
  });
});

describe("the segments index while a segment evaluates", () => {
  it("shows 'Evaluating…' instead of its stored count", () => {
    const row = {
      id: "s1",
      name: "Spenders",
      kind: "DYNAMIC" as const,
      memberCount: 0,
      updatedAt: new Date("2026-11-23T15:00:00Z"),
      origin: null,
    };
    const evaluating = text(
      html(
        <SegmentsTable rows={[{ ...row, evaluatingSince: new Date("2026-11-23T15:00:00Z") }]} totalCustomers={24_000} templateNames={{}} />,
      ),
    );
    expect(evaluating).toContain("Evaluating…");
    expect(evaluating).not.toMatch(/\b0 %/);
    const done = text(
      html(<SegmentsTable rows={[{ ...row, memberCount: 3_008, evaluatingSince: null }]} totalCustomers={24_000} templateNames={{}} />),
    );
    expect(done).toContain("3,008");
    expect(done).not.toContain("Evaluating…");
  });
});
