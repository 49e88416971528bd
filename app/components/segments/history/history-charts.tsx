// Browser-only (loaded lazily by membership-history-card.tsx): Polaris Viz measures the DOM.
import { BarChart, LineChart, PolarisVizProvider } from "@shopify/polaris-viz";
import { BlockStack, Text } from "@shopify/polaris";
import type { HistoryDay } from "~/segments/membership/membership-history";

const CHART_HEIGHT = 240;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
// Straight segments: a spline overshoots between whole-day counts (below zero on a jump).
const THEMES = { Light: { line: { hasSpline: false } } };

/** "2026-11-23" → "Nov 23"; read from the ISO date itself, not the browser's time zone. */
function shortDate(value: string | number | null): string {
  const [, month, day] = String(value).split("-");
  return month && day ? `${MONTHS[Number(month) - 1] ?? month} ${Number(day)}` : String(value);
}

const xAxisOptions = { labelFormatter: shortDate };
const yAxisOptions = { integersOnly: true };

/** Members over time, then entered and exited per day. */
export default function HistoryCharts({ days }: { days: readonly HistoryDay[] }) {
  const members = [{ name: "Members", data: days.map((d) => ({ key: d.date, value: d.members })) }];
  const changes = [
    { name: "Entered", data: days.map((d) => ({ key: d.date, value: d.entered })) },
    { name: "Exited", data: days.map((d) => ({ key: d.date, value: d.exited })) },
  ];
  return (
    <PolarisVizProvider themes={THEMES}>
      <BlockStack gap="400">
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm">
            Members over time
          </Text>
          <div id="membership-history-members-chart" style={{ height: CHART_HEIGHT }}>
            <LineChart
              data={members}
              theme="Light"
              showLegend={false}
              isAnimated={false}
              xAxisOptions={xAxisOptions}
              yAxisOptions={yAxisOptions}
            />
          </div>
        </BlockStack>
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm">
            Entered and exited per day
          </Text>
          <div id="membership-history-changes-chart" style={{ height: CHART_HEIGHT }}>
            <BarChart data={changes} theme="Light" isAnimated={false} xAxisOptions={xAxisOptions} yAxisOptions={yAxisOptions} />
          </div>
        </BlockStack>
      </BlockStack>
    </PolarisVizProvider>
  );
}
