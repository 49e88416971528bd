// Browser-only (loaded lazily by membership-history-card.tsx): Polaris Viz measures the DOM.
import { BarChart, LineChart, PolarisVizProvider } from "@shopify/polaris-viz";
import { BlockStack, Text } from "@shopify/polaris";
import type { HistoryDay } from "~/segments/membership-history";

const CHART_HEIGHT = 240;

/** Members over time, then entered and exited per day. */
export default function HistoryCharts({ days }: { days: readonly HistoryDay[] }) {
  const members = [{ name: "Members", data: days.map((d) => ({ key: d.date, value: d.members })) }];
  const changes = [
    { name: "Entered", data: days.map((d) => ({ key: d.date, value: d.entered })) },
    { name: "Exited", data: days.map((d) => ({ key: d.date, value: d.exited })) },
  ];
  return (
    <PolarisVizProvider>
      <BlockStack gap="400">
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm">Members over time</Text>
          <div id="membership-history-members-chart" style={{ height: CHART_HEIGHT }}>
            <LineChart data={members} theme="Light" showLegend={false} isAnimated={false} />
          </div>
        </BlockStack>
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm">Entered and exited per day</Text>
          <div id="membership-history-changes-chart" style={{ height: CHART_HEIGHT }}>
            <BarChart data={changes} theme="Light" isAnimated={false} />
          </div>
        </BlockStack>
      </BlockStack>
    </PolarisVizProvider>
  );
}
