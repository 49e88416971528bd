// Banners for numbers that are not final yet: the store still importing (every count and
// segment is over part of the data), and a segment whose members are still being evaluated.
// Data comes in as props (no data access here).
import { Banner, Text } from "@shopify/polaris";
import type { StoreImportState } from "~/shopify/sync/progress";

export function StoreImportBanner({ state }: { state: StoreImportState | null }) {
  if (!state) return null;
  return (
    <div id="store-import-banner">
      <Banner
        tone={state.state === "failed" ? "critical" : "info"}
        title={state.state === "failed" ? "Store import incomplete" : "Store still importing"}
      >
        <p>{state.message}</p>
      </Banner>
    </div>
  );
}

/** The members heading of a segment page, or "Evaluating…" until its members are stored. */
export function SegmentMembersHeading({ evaluating, members }: { evaluating: boolean; members: string }) {
  return (
    <Text as="h2" variant="headingMd" id="segment-members-heading">
      {evaluating ? "Members: evaluating… (this page shows them once the segment has been evaluated)" : members}
    </Text>
  );
}
