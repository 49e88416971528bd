import { Form, useFetcher, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, Spinner, Text, TextField } from "@shopify/polaris";
import { useEffect, useState } from "react";
import { formatCount, formatShare } from "./format";

/** What app.segments.count answers (and what a failed save returns). */
export type CountResult =
  | { ok: true; count: number; total: number }
  | { ok: false; reason: string; message: string; line?: number; column?: number; filters?: string[] };

export type SaveProblem = { ok: false; message: string; line?: number; column?: number };

/** Wait this long after the last keystroke before counting, so typing does not flood the server. */
const COUNT_DEBOUNCE_MS = 300;

function problemText(p: { message: string; line?: number; column?: number }): string {
  return p.line !== undefined && p.column !== undefined ? `Line ${p.line}, column ${p.column}: ${p.message}` : p.message;
}

/**
 * Name and query of a dynamic segment with a live count. The text lives in React state,
 * so a failed save or a parse error never takes away what the merchant typed.
 */
export function SegmentEditor({ initial, origin, problem }: { initial: { name: string; query: string }; origin?: string | null; problem?: SaveProblem }) {
  const [name, setName] = useState(initial.name);
  const [query, setQuery] = useState(initial.query);
  const saving = useNavigation().state === "submitting";
  const fetcher = useFetcher<CountResult>();
  const { load } = fetcher;
  useEffect(() => {
    if (query.trim() === "") return;
    // fetcher.load aborts the request still in flight, so an older answer never lands after a newer one.
    const timer = setTimeout(() => void load(`/app/segments/count?q=${encodeURIComponent(query)}`), COUNT_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, load]);
  const counted = query.trim() === "" ? undefined : fetcher.data;
  const queryError = counted && !counted.ok ? problemText(counted) : undefined;
  return (
    <Form method="post">
      {origin ? <input type="hidden" name="origin" value={origin} /> : null}
      <Card>
        <BlockStack gap="400">
          {problem ? (
            <Banner tone="critical" title="The segment was not saved">
              <p id="segment-save-error">{problemText(problem)}</p>
            </Banner>
          ) : null}
          <TextField label="Name" name="name" value={name} onChange={setName} autoComplete="off" requiredIndicator />
          <TextField
            id="segment-query"
            label="Query"
            name="query"
            value={query}
            onChange={setQuery}
            multiline={4}
            monospaced
            autoComplete="off"
            spellCheck={false}
            error={queryError}
            helpText="Shopify's segment query language, e.g. number_of_orders >= 2 AND last_order_date > -90d"
          />
          <InlineStack align="space-between" blockAlign="center">
            <InlineStack gap="200" blockAlign="center">
              <Text as="p" variant="headingMd" id="segment-count">
                {counted?.ok ? `${formatCount(counted.count)} customers` : "—"}
              </Text>
              {counted?.ok ? <Text as="span" tone="subdued" id="segment-share">{formatShare(counted.count, counted.total)} of {formatCount(counted.total)} customers</Text> : null}
              {fetcher.state === "loading" ? <Spinner size="small" accessibilityLabel="Counting" /> : null}
            </InlineStack>
            <Button variant="primary" submit loading={saving}>Save segment</Button>
          </InlineStack>
        </BlockStack>
      </Card>
    </Form>
  );
}
