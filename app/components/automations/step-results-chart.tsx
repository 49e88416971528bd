// Browser-only (loaded lazily by step-results.tsx): Polaris Viz measures the DOM.
import { BarChart, PolarisVizProvider } from "@shopify/polaris-viz";
import type { StepResult } from "./step-results";

/** Messages sent, clicked and orders per step, side by side. */
export default function StepResultsChart({ steps }: { steps: readonly StepResult[] }) {
  const series = (name: string, value: (s: StepResult) => number) => ({
    name,
    data: steps.map((s) => ({ key: `Step ${s.step + 1}`, value: value(s) })),
  });
  const data = [series("Sent", (s) => s.sent), series("Clicked", (s) => s.clicked), series("Orders", (s) => s.orders)];
  return (
    <PolarisVizProvider>
      <div id="automation-steps-chart" style={{ height: 220 }}>
        <BarChart data={data} theme="Light" isAnimated={false} yAxisOptions={{ integersOnly: true }} />
      </div>
    </PolarisVizProvider>
  );
}
