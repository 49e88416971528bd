// Below the live results: the texts' cost, the results over time (Polaris Viz, once in the
// browser) and the holdout lift. Loaded from /app/campaigns/:id/report on its own, every few
// seconds while the campaign is live and once more when it ends.
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Card, DataTable, Layout, Text } from "@shopify/polaris";
import { lazy, Suspense, useEffect } from "react";
import type { LiftReport } from "../lift";
import { LIFT_MINIMUM } from "../lift";
import type { CampaignReport } from "../stats-report";
import { formatCount, formatMoney } from "./types";

const TimelineChart = lazy(() => import("./timeline-chart"));
const REFRESH_MS = 5_000;

interface Props {
  id: string;
  status: string;
  channel: "SMS" | "EMAIL";
  live: boolean;
}

export function ReportCards({ id, status, channel, live }: Props) {
  const report = useFetcher<CampaignReport>();
  const load = report.load;
  // Once on arrival and at every status change (SENDING → SENT reads the final figures) …
  useEffect(() => {
    void load(`/app/campaigns/${id}/report`);
  }, [id, status, load]);
  // … and every few seconds while sending.
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => void load(`/app/campaigns/${id}/report`), REFRESH_MS);
    return () => clearInterval(timer);
  }, [id, live, load]);
  const data = report.data;
  if (!data || data.timeline === null) return null;
  return (
    <>
      <Layout.Section>
        <Card>
          <BlockStack gap="300">
            <Text as="h2" variant="headingMd">
              Over time
            </Text>
            {data.cost ? <CostLine cost={data.cost} /> : null}
            <Suspense fallback={null}>
              <TimelineChart timeline={data.timeline} series={["sent", "delivered", "clicked", "unsubscribed", "orders"]} />
            </Suspense>
            <Text as="p" tone="subdued">
              {data.timeline.unit === "hour" ? "Per hour" : "Per day"}, in the shop&apos;s time zone. Each message counts once per column.
            </Text>
          </BlockStack>
        </Card>
      </Layout.Section>
      {data.lift ? (
        <Layout.Section>
          <LiftCard lift={data.lift} channel={channel} />
        </Layout.Section>
      ) : null}
    </>
  );
}

function CostLine({ cost }: { cost: NonNullable<CampaignReport["cost"]> }) {
  const money = cost.totals.map((t) => formatMoney(t.micros, t.currency)).join(" + ") || formatMoney(0, "USD");
  return (
    <BlockStack gap="100">
      <Text as="p" id="campaign-cost">
        Cost {money} · {formatCount(cost.texts)} {cost.texts === 1 ? "text" : "texts"}, {formatCount(cost.segments)}{" "}
        {cost.segments === 1 ? "segment" : "segments"}
      </Text>
      <Text as="p" tone="subdued">
        Twilio&apos;s list price per segment for each number&apos;s country, for the texts Twilio took; carrier fees are extra.
        {cost.unpriced > 0 ? ` ${formatCount(cost.unpriced)} to countries without a price are not included.` : ""}
      </Text>
    </BlockStack>
  );
}

const day = (iso: string) => new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" });
const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

function money(minor: number, currency: string): string {
  const format = new Intl.NumberFormat("en-US", { style: "currency", currency });
  return format.format(minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

function LiftCard({ lift, channel }: { lift: LiftReport; channel: "SMS" | "EMAIL" }) {
  if (lift.state === "no_holdout") {
    return (
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            Lift
          </Text>
          <Text as="p" id="campaign-lift">
            No holdout: everyone in the audience was sent this campaign, so there is no group to compare with. Choose a holdout share when
            you create a campaign to measure what it adds.
          </Text>
        </BlockStack>
      </Card>
    );
  }
  const address = channel === "SMS" ? "a phone number" : "an email address";
  const rows = [
    [
      "Messaged",
      formatCount(lift.sent.customers),
      formatCount(lift.sent.converted),
      percent(lift.sent.conversionRate),
      money(lift.sent.revenuePerRecipient, lift.currency),
    ],
    [
      "Held out",
      formatCount(lift.holdout.customers),
      formatCount(lift.holdout.converted),
      percent(lift.holdout.conversionRate),
      money(lift.holdout.revenuePerRecipient, lift.currency),
    ],
  ];
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Lift
        </Text>
        <div id="campaign-lift">
          {lift.state === "ready" ? (
            <Banner tone={lift.verdict.tone}>
              <p>{lift.verdict.text}</p>
            </Banner>
          ) : (
            <Banner tone="info">
              <p>{lift.message}</p>
            </Banner>
          )}
        </div>
        <DataTable
          columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric"]}
          headings={["Group", "Customers", "Ordered", "Conversion", "Revenue per recipient"]}
          rows={rows}
        />
        <Text as="p" tone="subdued">
          Both groups are measured the same way: a customer converted when they placed an order between {day(lift.window.start)}, when
          sending started, and {day(lift.window.end)} (the click attribution window){lift.window.open ? ", which is still open" : ""},
          whether or not the order is attributed to a message. Revenue is those orders net of refunds; test and cancelled orders do not
          count. Messaged is everyone the campaign queued a message for, including those later skipped; held out is the held-out customers
          with {address}. A verdict needs at least {LIFT_MINIMUM.customersPerGroup} customers in each group and{" "}
          {LIFT_MINIMUM.convertersInAll} who ordered; the intervals are 95% (Newcombe for conversion, Welch for revenue per recipient).
        </Text>
      </BlockStack>
    </Card>
  );
}
