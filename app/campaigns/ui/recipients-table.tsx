import { useFetcher } from "@remix-run/react";
import { Badge, BlockStack, Card, IndexTable, InlineStack, Layout, Page, Select, Text } from "@shopify/polaris";
import { useEffect, useState } from "react";
import { DownloadLinkButton } from "~/components/segments/export-button";
import type { RecipientFilter, RecipientPageView, RecipientStatus } from "../recipients";

const STATUS_BADGES: Record<RecipientStatus, { label: string; tone?: "info" | "success" | "attention" | "critical" | "warning" }> = {
  queued: { label: "Queued" },
  sent: { label: "Sent", tone: "info" },
  delivered: { label: "Delivered", tone: "success" },
  failed: { label: "Failed", tone: "critical" },
  unknown: { label: "Unknown", tone: "attention" },
  skipped: { label: "Skipped", tone: "warning" },
  held_out: { label: "Held out" },
};

const FILTERS: { label: string; value: RecipientFilter }[] = [
  { label: "All", value: "all" },
  ...Object.entries(STATUS_BADGES).map(([value, b]) => ({ label: b.label, value: value as RecipientFilter })),
];

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" }) : "—");

/**
 * A sent campaign's recipients, the holdout among them, one page at a time from
 * /app/campaigns/:id/recipients: filter by status, page forward by the server's cursor and back
 * through the cursors already seen, download all of them as CSV.
 */
export function RecipientsTable({ campaignId, channel }: { campaignId: string; channel: "SMS" | "EMAIL" }) {
  const fetcher = useFetcher<RecipientPageView>();
  const [filter, setFilter] = useState<RecipientFilter>("all");
  // The `after` of each page seen so far; the last is the page shown.
  const [cursors, setCursors] = useState<string[]>([""]);
  const after = cursors.at(-1) ?? "";

  useEffect(() => {
    const params = new URLSearchParams({ status: filter, ...(after ? { after } : {}) });
    fetcher.load(`/app/campaigns/${campaignId}/recipients?${params.toString()}`);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- loads when the page or filter changes, not when the fetcher does
  }, [campaignId, filter, after]);

  const page = fetcher.data && "rows" in fetcher.data ? fetcher.data : null;
  const rows = page?.rows ?? [];
  return (
    <Page>
      <Layout>
        <Layout.Section>
          <Card padding="0">
            <BlockStack gap="0">
              <div style={{ padding: "var(--p-space-400)" }}>
                <InlineStack align="space-between" blockAlign="end" gap="300">
                  <Text as="h2" variant="headingMd">
                    Recipients
                  </Text>
                  <InlineStack gap="300" blockAlign="end">
                    <Select
                      label="Status"
                      labelInline
                      options={FILTERS}
                      value={filter}
                      onChange={(value) => {
                        setFilter(value as RecipientFilter);
                        setCursors([""]);
                      }}
                    />
                    <DownloadLinkButton tokenAction={`/app/campaigns/${campaignId}/export-token`} label="Export CSV" />
                  </InlineStack>
                </InlineStack>
              </div>
              <IndexTable
                itemCount={rows.length}
                selectable={false}
                loading={fetcher.state !== "idle"}
                resourceName={{ singular: "recipient", plural: "recipients" }}
                emptyState={
                  <div style={{ padding: "var(--p-space-400)" }}>
                    <Text as="p" tone="subdued">
                      {fetcher.state === "idle" ? "No recipients with this status." : "Loading…"}
                    </Text>
                  </div>
                }
                headings={[
                  { title: "Customer" },
                  { title: channel === "SMS" ? "Phone" : "Email" },
                  { title: "Status" },
                  { title: "Sent" },
                  { title: "Clicked" },
                  { title: "Attributed order" },
                ]}
                pagination={{
                  hasPrevious: cursors.length > 1,
                  hasNext: page?.next != null,
                  onPrevious: () => setCursors((c) => c.slice(0, -1)),
                  onNext: () => {
                    if (page?.next) setCursors((c) => [...c, page.next ?? ""]);
                  },
                }}
              >
                {rows.map((r, i) => {
                  const badge = STATUS_BADGES[r.status];
                  return (
                    <IndexTable.Row id={String(r.customerId)} key={r.customerId} position={i}>
                      <IndexTable.Cell>
                        <Text as="span" fontWeight="semibold">
                          {r.name}
                        </Text>
                      </IndexTable.Cell>
                      <IndexTable.Cell>{r.address || "—"}</IndexTable.Cell>
                      <IndexTable.Cell>
                        <InlineStack gap="200" blockAlign="center" wrap={false}>
                          <Badge {...(badge.tone ? { tone: badge.tone } : {})}>{badge.label}</Badge>
                          {r.reason ? (
                            <Text as="span" tone="subdued">
                              {r.reason}
                            </Text>
                          ) : null}
                        </InlineStack>
                      </IndexTable.Cell>
                      <IndexTable.Cell>{when(r.sentAt)}</IndexTable.Cell>
                      <IndexTable.Cell>{when(r.clickedAt)}</IndexTable.Cell>
                      <IndexTable.Cell>{r.order ? `${r.order.name} · ${r.order.revenue}` : "—"}</IndexTable.Cell>
                    </IndexTable.Row>
                  );
                })}
              </IndexTable>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
