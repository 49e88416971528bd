import { useFetcher } from "@remix-run/react";
import { Badge, Banner, BlockStack, Card, InlineGrid, Layout, Modal, Page, ProgressBar, Text } from "@shopify/polaris";
import { useEffect, useState } from "react";
import { ReportCards } from "./report-cards";
import { formatCount, type ActionAnswer, type ProgressAnswer } from "./types";

const LIVE = new Set(["SCHEDULED", "SENDING", "PAUSED"]);
const POLL_MS = 1_000;

export const STATUS_BADGES: Record<string, { label: string; tone?: "info" | "success" | "attention" | "critical" }> = {
  DRAFT: { label: "Draft" },
  SCHEDULED: { label: "Scheduled", tone: "info" },
  SENDING: { label: "Sending", tone: "attention" },
  PAUSED: { label: "Paused", tone: "attention" },
  SENT: { label: "Sent", tone: "success" },
  CANCELLED: { label: "Cancelled", tone: "critical" },
};

interface Props {
  id: string;
  name: string;
  channel: "SMS" | "EMAIL";
  scheduledFor: string | null;
  frozen: { audience: number; holdout: number; noAddress: number; enqueued: number } | null;
  initial: ProgressAnswer;
}

const when = (iso: string) => new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" });

/** A scheduled, sending or finished campaign: progress that updates itself, and the controls. */
export function StatusView({ id, name, channel, scheduledFor, frozen, initial }: Props) {
  const poll = useFetcher<ProgressAnswer>();
  const control = useFetcher<ActionAnswer>();
  const duplicate = useFetcher();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const current = poll.data ?? initial;
  const { progress, status } = current;

  useEffect(() => {
    if (!LIVE.has(status)) return;
    const timer = setInterval(() => {
      if (poll.state === "idle") poll.load(`/app/campaigns/${id}/progress`);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [id, status, poll]);
  // A control's answer changes the status at once; the next poll confirms it.
  useEffect(() => {
    if (control.state === "idle" && control.data?.ok) poll.load(`/app/campaigns/${id}/progress`);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload once per answer
  }, [control.state, control.data]);

  const badge = STATUS_BADGES[status] ?? { label: status };
  const send = (intent: "pause" | "resume" | "cancel") => control.submit({ intent }, { method: "post" });
  const secondary = [
    ...(status === "SENDING" ? [{ content: "Pause", onAction: () => send("pause") }] : []),
    ...(status === "PAUSED" ? [{ content: "Resume", onAction: () => send("resume") }] : []),
    ...(LIVE.has(status) ? [{ content: "Cancel campaign", destructive: true, onAction: () => setConfirmCancel(true) }] : []),
    { content: "Duplicate", onAction: () => duplicate.submit({ intent: "duplicate" }, { method: "post" }) },
  ];
  const handed = progress.sent + progress.delivered;
  return (
    <Page
      title={name || "Untitled campaign"}
      backAction={{ content: "Campaigns", url: "/app/campaigns" }}
      titleMetadata={
        <span id="campaign-status" data-status={status}>
          <Badge {...(badge.tone ? { tone: badge.tone } : {})}>{badge.label}</Badge>
        </span>
      }
      secondaryActions={secondary}
    >
      <Layout>
        {control.data && !control.data.ok && "message" in control.data ? (
          <Layout.Section>
            <Banner tone="critical">
              <p>{control.data.message}</p>
            </Banner>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Progress
              </Text>
              {status === "SCHEDULED" && scheduledFor ? <Text as="p">Starts {when(scheduledFor)}.</Text> : null}
              <ProgressBar animated={false} progress={progress.percent} tone={status === "SENT" ? "success" : "highlight"} />
              <Text as="p" id="campaign-progress">
                {formatCount(handed)} sent · {formatCount(progress.remaining)} remaining
                {progress.eta && status === "SENDING" ? ` · done about ${when(progress.eta)}` : ""}
              </Text>
              <InlineGrid columns={4} gap="300">
                <Stat label="Delivered" value={progress.delivered} />
                <Stat label="Failed" value={progress.failed} />
                <Stat label="Skipped" value={progress.skipped} />
                <Stat label="Unknown" value={progress.unknown} />
              </InlineGrid>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <StatsCard stats={current.stats} channel={channel} />
        </Layout.Section>
        {frozen ? (
          <Layout.Section variant="oneThird">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Audience
                </Text>
                <Text as="p">{formatCount(frozen.audience)} customers when sending started</Text>
                <Text as="p">
                  {formatCount(frozen.enqueued)} {channel === "SMS" ? "texts" : "emails"} queued
                </Text>
                {frozen.holdout > 0 ? <Text as="p">{formatCount(frozen.holdout)} held out</Text> : null}
                {frozen.noAddress > 0 ? (
                  <Text as="p">
                    {formatCount(frozen.noAddress)} without {channel === "SMS" ? "a phone number" : "an email address"}
                  </Text>
                ) : null}
              </BlockStack>
            </Card>
          </Layout.Section>
        ) : null}
        <ReportCards id={id} status={status} channel={channel} live={LIVE.has(status)} />
      </Layout>
      <Modal
        open={confirmCancel}
        onClose={() => setConfirmCancel(false)}
        title={`Cancel “${name}”?`}
        primaryAction={{
          content: "Cancel campaign",
          destructive: true,
          onAction: () => {
            setConfirmCancel(false);
            send("cancel");
          },
        }}
        secondaryActions={[{ content: "Keep sending", onAction: () => setConfirmCancel(false) }]}
      >
        <Modal.Section>
          <Text as="p">Messages not yet sent are skipped. Messages already on their way still arrive.</Text>
        </Modal.Section>
      </Modal>
    </Page>
  );
}

/** Minor units in the currency's own number of decimals (cents, or none for JPY). */
function formatMinor(minor: number, currency: string): string {
  const format = new Intl.NumberFormat("en-US", { style: "currency", currency });
  return format.format(minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

function StatsCard({ stats, channel }: { stats: ProgressAnswer["stats"]; channel: "SMS" | "EMAIL" }) {
  const reasons = [
    ...stats.failedByReason.map((r) => ({ ...r, kind: "Failed" })),
    ...stats.skippedByReason.map((r) => ({ ...r, kind: "Skipped" })),
  ];
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Results
        </Text>
        <InlineGrid columns={4} gap="300">
          <Stat label="Clicked" value={stats.clicked} />
          {channel === "EMAIL" ? <Stat label="Opened" value={stats.opened} /> : null}
          <Stat label="Unsubscribed" value={stats.unsubscribed} />
          <Stat label="Attributed orders" value={stats.attributedOrders} />
          {stats.revenue ? (
            <BlockStack gap="100">
              <Text as="span" tone="subdued">
                Revenue
              </Text>
              <Text as="span" variant="headingLg">
                {formatMinor(stats.revenue.minor, stats.revenue.currency)}
              </Text>
            </BlockStack>
          ) : null}
        </InlineGrid>
        {reasons.length > 0 ? (
          <BlockStack gap="100">
            {reasons.map((r) => (
              <Text as="p" key={`${r.kind}:${r.reason}`} tone="subdued">
                {r.kind}: {r.reason} — {formatCount(r.count)}
              </Text>
            ))}
          </BlockStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <BlockStack gap="100" id={`campaign-stat-${label.toLowerCase().replace(/\s+/g, "-")}`}>
      <Text as="span" tone="subdued">
        {label}
      </Text>
      <Text as="span" variant="headingLg">
        {formatCount(value)}
      </Text>
    </BlockStack>
  );
}
