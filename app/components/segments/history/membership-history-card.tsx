import { useSearchParams } from "@remix-run/react";
import { BlockStack, Card, DataTable, InlineStack, Select, SkeletonBodyText, Text } from "@shopify/polaris";
import { lazy, Suspense } from "react";
import { HISTORY_RANGES, summarizeMembershipHistory, type MembershipHistory } from "~/segments/membership/membership-history";
import { ClientOnly } from "./client-only";

// Polaris Viz stays out of the server render and the page's first bundle.
const HistoryCharts = lazy(() => import("./history-charts"));

const RANGE_OPTIONS = HISTORY_RANGES.map((days) => ({ label: `Last ${days} days`, value: String(days) }));

/**
 * The segment's membership history: a range picker, the two charts, and the same numbers as
 * text (a summary line and a table of days) for screen readers.
 */
export function MembershipHistoryCard({ history }: { history: MembershipHistory }) {
  const [params, setParams] = useSearchParams();
  const chooseRange = (value: string) => {
    const next = new URLSearchParams(params);
    // The save confirmation belongs to the save, not to every page after it.
    next.delete("saved");
    next.set("days", value);
    setParams(next, { preventScrollReset: true });
  };
  const fallback = <SkeletonBodyText lines={8} />;
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Membership history
          </Text>
          <Select label="History range" labelInline options={RANGE_OPTIONS} value={String(history.range)} onChange={chooseRange} />
        </InlineStack>
        <Text as="p" id="membership-history-summary">
          {summarizeMembershipHistory(history)}
        </Text>
        <ClientOnly fallback={fallback}>
          {() => (
            <Suspense fallback={fallback}>
              <HistoryCharts days={history.days} />
            </Suspense>
          )}
        </ClientOnly>
        <details>
          <summary>
            <Text as="span" tone="subdued">
              Daily numbers ({history.timeZone})
            </Text>
          </summary>
          <DataTable
            columnContentTypes={["text", "numeric", "numeric", "numeric"]}
            headings={["Day", "Entered", "Exited", "Members at end of day"]}
            rows={history.days.map((d) => [d.date, d.entered, d.exited, d.members])}
          />
        </details>
      </BlockStack>
    </Card>
  );
}
