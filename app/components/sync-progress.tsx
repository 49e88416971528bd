// The home page's store sync card: per resource, the records stored, progress and ETA, last completed
// sync and the error with a retry button. Data comes in as props (no data access here).
import { useFetcher } from "@remix-run/react";
import { Badge, BlockStack, Button, Card, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import type { ResourceProgress as SyncProgressRow } from "~/shopify/sync/progress";

const numberFormat = new Intl.NumberFormat("en-US");
const BADGE: Record<SyncProgressRow["state"], { tone?: "success" | "critical" | "info" | "attention"; text: string }> = {
  never: { text: "Not synced" },
  waiting: { tone: "info", text: "Waiting for Shopify" },
  importing: { tone: "attention", text: "Importing" },
  completed: { tone: "success", text: "Synced" },
  failed: { tone: "critical", text: "Failed" },
};

function formatEta(seconds: number): string {
  if (seconds < 60) return `${seconds} s left`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min left`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min left`;
}

/** What POST /app/sync/retry answers: queued, or refused with the reason. */
type RetryAnswer = { ok: true } | { ok: false; message: string };

/** What the store has in Flock, by resource: orders "15,064 orders", not the export's lines. */
const NOUNS: Record<SyncProgressRow["resource"], [string, string]> = {
  collections: ["collection", "collections"],
  products: ["product", "products"],
  customers: ["customer", "customers"],
  orders: ["order", "orders"],
  checkouts: ["abandoned checkout", "abandoned checkouts"],
};

function storedText(resource: SyncProgressRow["resource"], n: number): string {
  const [one, many] = NOUNS[resource];
  return `${numberFormat.format(n)} ${n === 1 ? one : many}`;
}

function ResourceRow({ row, stored }: { row: SyncProgressRow; stored: number }) {
  const badge = BADGE[row.state];
  // A fetcher, so a refused Retry ("already running") is shown here instead of navigating away.
  const retry = useFetcher<RetryAnswer>();
  const refused = retry.data && !retry.data.ok ? retry.data.message : null;
  // The bulk export counts JSONL objects, line items and collection links included, so only the
  // records stored say how much of the store Flock has; a running import adds its percentage.
  const counts =
    row.state === "importing" || row.state === "waiting"
      ? `${storedText(row.resource, stored)} so far · ${row.percent} %`
      : storedText(row.resource, stored);
  return (
    <BlockStack gap="100">
      <InlineStack align="space-between" blockAlign="center">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h3" variant="headingSm">
            {row.label}
          </Text>
          <Badge tone={badge.tone}>{badge.text}</Badge>
        </InlineStack>
        <Text as="span" tone="subdued" variant="bodySm" id={`sync-count-${row.resource}`}>
          {counts}
          {row.etaSeconds !== null ? ` · ${formatEta(row.etaSeconds)}` : ""}
        </Text>
      </InlineStack>
      {/* Only a running import animates; a finished bar is drawn full at once. */}
      <ProgressBar
        progress={row.percent}
        size="small"
        animated={row.state === "importing"}
        tone={row.state === "failed" ? "critical" : "primary"}
      />
      <InlineStack align="space-between" blockAlign="center">
        <Text as="span" tone="subdued" variant="bodySm">
          {row.lastCompletedAt
            ? `Last synced ${new Date(row.lastCompletedAt).toLocaleString("en-US", { timeZone: "UTC" })} UTC`
            : "Never synced"}
        </Text>
        {row.error ? (
          <retry.Form method="post" action="/app/sync/retry">
            <input type="hidden" name="resource" value={row.resource} />
            <Button submit size="slim" variant="plain" loading={retry.state !== "idle"}>
              Retry
            </Button>
          </retry.Form>
        ) : null}
      </InlineStack>
      {row.error ? (
        <Text as="p" tone="critical" variant="bodySm">
          {row.error}
        </Text>
      ) : null}
      {refused ? (
        <Text as="p" tone="caution" variant="bodySm">
          {refused}
        </Text>
      ) : null}
    </BlockStack>
  );
}

export function SyncProgressCard({
  rows,
  stored,
}: {
  rows: readonly SyncProgressRow[];
  stored: Readonly<Record<SyncProgressRow["resource"], number>>;
}) {
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Store sync
        </Text>
        {rows.map((row) => (
          <ResourceRow key={row.resource} row={row} stored={stored[row.resource]} />
        ))}
      </BlockStack>
    </Card>
  );
}
