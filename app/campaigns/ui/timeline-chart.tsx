// Browser-only (loaded lazily by report-cards.tsx): Polaris Viz measures the DOM.
import { BarChart, PolarisVizProvider } from "@shopify/polaris-viz";
import type { Timeline, TimelineSeries } from "../stats-timeline";

const NAMES: Record<TimelineSeries, string> = {
  sent: "Sent",
  delivered: "Delivered",
  clicked: "Clicked",
  unsubscribed: "Unsubscribed",
  orders: "Attributed orders",
};

/** The campaign's results per hour or per day, one bar per series. */
export default function TimelineChart({ timeline, series }: { timeline: Timeline; series: readonly TimelineSeries[] }) {
  const data = series.map((s) => ({ name: NAMES[s], data: timeline.buckets.map((b) => ({ key: b.label, value: b.counts[s] })) }));
  return (
    <PolarisVizProvider>
      <div id="campaign-timeline-chart" style={{ height: 240 }}>
        <BarChart data={data} theme="Light" isAnimated={false} yAxisOptions={{ integersOnly: true }} />
      </div>
    </PolarisVizProvider>
  );
}
