// The sequence's results per step and in total: messages, sent, skipped, clicked, attributed orders
// and revenue, with a chart of sent / clicked / orders per step once the browser has loaded.
import { DataTable } from "@shopify/polaris";
import { lazy, Suspense, useEffect, useState } from "react";

export interface StepResult {
  step: number;
  enqueued: number;
  sent: number;
  skipped: number;
  clicked: number;
  orders: number;
  revenue: number;
}

const StepResultsChart = lazy(() => import("./step-results-chart"));

function money(minor: number, currency: string): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(minor / 100);
}

export function StepResults({ steps, currency }: { steps: readonly StepResult[]; currency: string }) {
  const [inBrowser, setInBrowser] = useState(false);
  useEffect(() => setInBrowser(true), []);
  const total = (pick: (s: StepResult) => number) => steps.reduce((sum, s) => sum + pick(s), 0);
  const rows = steps.map((s) => [`Step ${s.step + 1}`, s.enqueued, s.sent, s.skipped, s.clicked, s.orders, money(s.revenue, currency)]);
  const totals = [
    "Total",
    total((s) => s.enqueued),
    total((s) => s.sent),
    total((s) => s.skipped),
    total((s) => s.clicked),
    total((s) => s.orders),
    money(
      total((s) => s.revenue),
      currency,
    ),
  ];
  return (
    <>
      <div id="automation-steps">
        <DataTable
          columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric"]}
          headings={["Step", "Messages", "Sent", "Skipped", "Clicked", "Orders", "Revenue"]}
          rows={rows}
          totals={totals}
          showTotalsInFooter
        />
      </div>
      {inBrowser && total((s) => s.enqueued) > 0 && (
        <Suspense fallback={null}>
          <StepResultsChart steps={steps} />
        </Suspense>
      )}
    </>
  );
}
