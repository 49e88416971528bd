import { Banner, BlockStack, Button, Card, InlineStack, List, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { CampaignPreview } from "../preview.server";
import { formatCount, formatMoney } from "./types";

const SKIP_LABELS: Record<string, string> = {
  no_consent: "not subscribed",
  suppressed: "on the suppression list (STOP, bounce or spam report)",
  paused: "sending is paused for the store",
  invalid_address: "the address is not valid",
  capped: "the frequency cap would hold them too long",
  quiet_hours_deadline: "quiet hours last past the deadline",
  no_open_window: "no allowed hour in the next two weeks",
};

const when = (iso: string) => new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" });

export function PreviewSummary({ preview }: { preview: CampaignPreview }) {
  const { counts, sms, pace } = preview;
  const skipped = Object.entries(counts.skipped);
  return (
    <BlockStack gap="300">
      <List>
        <List.Item>
          <span id="preview-send-now">{formatCount(counts.sendNow)} send at once</span>
        </List.Item>
        {counts.wait > 0 ? (
          <List.Item>
            {formatCount(counts.wait)} wait (quiet hours or the frequency cap), the last until {when(counts.waitUntil ?? "")}
          </List.Item>
        ) : null}
        {skipped.map(([reason, n]) => (
          <List.Item key={reason}>
            {formatCount(n)} skipped: {SKIP_LABELS[reason] ?? reason}
          </List.Item>
        ))}
        {counts.noAddress > 0 ? (
          <List.Item>
            {formatCount(counts.noAddress)} have no {sms ? "phone number" : "email address"}
          </List.Item>
        ) : null}
        {counts.holdout > 0 ? <List.Item>{formatCount(counts.holdout)} held out for the lift report</List.Item> : null}
      </List>
      <Text as="p" tone="subdued">
        Audience now: {formatCount(counts.audience)} customers.
      </Text>
      {sms ? (
        <Text as="p" id="preview-cost">
          {sms.encoding}, {sms.segments} segment{sms.segments === 1 ? "" : "s"} per message ({formatCount(sms.totalSegments)} in all) ·
          total cost {formatMoney(sms.costMicros, sms.currency)}
          {sms.unpriced > 0 ? ` plus ${formatCount(sms.unpriced)} to countries without a known price` : ""}
        </Text>
      ) : null}
      <Text as="p">
        Sending takes about {pace.duration} at {formatCount(pace.perSecond)} {sms ? "texts" : "emails"} per second.
      </Text>
      {preview.quietHoursWarning ? (
        <Banner tone="warning" title="Runs into quiet hours">
          <p>{preview.quietHoursWarning}</p>
        </Banner>
      ) : null}
    </BlockStack>
  );
}

interface Props {
  preview: CampaignPreview | null;
  loading: boolean;
  channel: "SMS" | "EMAIL";
  testMessage: { ok: boolean; text: string } | null;
  testError: string | undefined;
  onPreview: () => void;
  onTest: (to: string) => void;
}

/** Preview for the real audience now, and the test send to the merchant's own phone or email. */
export function PreviewCard({ preview, loading, channel, testMessage, testError, onPreview, onTest }: Props) {
  const [to, setTo] = useState("");
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Preview
          </Text>
          <Button onClick={onPreview} loading={loading}>
            Preview
          </Button>
        </InlineStack>
        {preview ? (
          <PreviewSummary preview={preview} />
        ) : (
          <Text as="p" tone="subdued">
            See who receives it, who waits and who is skipped, and what it costs, for the audience as it is now.
          </Text>
        )}
        <InlineStack gap="200" blockAlign="end" wrap={false}>
          <TextField
            label={channel === "SMS" ? "Send a test to your phone" : "Send a test to your email"}
            placeholder={channel === "SMS" ? "+12125550123" : "you@example.com"}
            autoComplete="off"
            value={to}
            onChange={setTo}
            error={testError}
          />
          <Button onClick={() => onTest(to)}>Send test</Button>
        </InlineStack>
        {testMessage ? (
          <Text as="p" tone={testMessage.ok ? "success" : "critical"}>
            {testMessage.text}
          </Text>
        ) : null}
      </BlockStack>
    </Card>
  );
}
