import { Form, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Box, Button, Card, InlineStack, Spinner, Tabs, Text, TextField } from "@shopify/polaris";
import { useCallback, useEffect, useState } from "react";
import type { PreviewResult } from "~/segments/builder/preview";
import { PreviewTable } from "./builder/preview-table";
import { QueryBuilder } from "./builder/query-builder";
import { useQueryDraft } from "./builder/use-query-draft";
import { usePostedQuery } from "./use-posted-query";
import { formatCount, formatShare } from "./format";
import { ValueWarningsBanner } from "./value-warnings-banner";

/** What app.segments.count answers (and what a failed save returns). */
export type CountResult =
  | { ok: true; count: number; total: number; warnings?: { message: string }[] }
  | { ok: false; reason: string; message: string; line?: number; column?: number; filters?: string[] };

export type SaveProblem = { ok: false; message: string; field?: "name" | "query"; line?: number; column?: number };

/** Wait this long after the last edit before counting, so typing does not flood the server. */
const COUNT_DEBOUNCE_MS = 300;

const TABS = [
  { id: "segment-builder-tab", content: "Builder", panelID: "segment-builder-panel" },
  { id: "segment-query-tab", content: "Query", panelID: "segment-query-panel" },
];

function problemText(p: { message: string; line?: number; column?: number }): string {
  return p.line !== undefined && p.column !== undefined ? `Line ${p.line}, column ${p.column}: ${p.message}` : p.message;
}


/**
 * Name and rule of a dynamic segment, edited in a visual builder or as query text, with a live
 * count and preview. The draft lives in React state, so a failed save or a parse error never
 * takes away what the merchant typed; the submitted `query` is always the current text.
 */
export function SegmentEditor({ initial, origin, problem }: { initial: { name: string; query: string }; origin?: string | null; problem?: SaveProblem }) {
  const [name, setName] = useState(initial.name);
  const draft = useQueryDraft(initial.query);
  const { text } = draft;
  const [tab, setTab] = useState(0);
  const saving = useNavigation().state === "submitting";
  const counter = usePostedQuery<CountResult>("/app/segments/count");
  const previewer = usePostedQuery<PreviewResult>("/app/segments/preview");
  const { submit: loadCount } = counter;
  const { submit: loadPreview } = previewer;
  useEffect(() => {
    if (text.trim() === "") return;
    const timer = setTimeout(() => {
      loadCount({ q: text });
      loadPreview({ q: text, page: "1" });
    }, COUNT_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, loadCount, loadPreview]);
  const showPage = useCallback((page: number) => loadPreview({ q: text, page: String(page) }), [text, loadPreview]);
  // A refused save's message sits on its field until that field changes.
  const [submitted, setSubmitted] = useState<{ name: string; text: string }>();
  const savedAs = problem?.field && submitted && (problem.field === "name" ? submitted.name === name : submitted.text === text);
  const fieldError = (field: "name" | "query") => (problem && savedAs && problem.field === field ? problemText(problem) : undefined);
  const empty = text.trim() === "";
  const counted = empty ? undefined : counter.data;
  const preview = empty || !previewer.data?.ok ? undefined : previewer.data;
  const queryError = (counted && !counted.ok ? problemText(counted) : undefined) ?? fieldError("query");
  return (
    <Form method="post" onSubmit={() => setSubmitted({ name, text })}>
      {origin ? <input type="hidden" name="origin" value={origin} /> : null}
      <input type="hidden" name="query" value={text} />
      <BlockStack gap="400">
        <Card>
          <BlockStack gap="400">
            {problem ? (
              <Banner tone="critical" title="The segment was not saved">
                <p id="segment-save-error">{problemText(problem)}</p>
              </Banner>
            ) : null}
            <TextField label="Name" name="name" value={name} onChange={setName} autoComplete="off" requiredIndicator error={fieldError("name")} />
            <Tabs tabs={TABS} selected={tab} onSelect={setTab} fitted>
              <Box paddingBlockStart="400" id={TABS[tab]?.panelID}>
                {tab === 0 ? (
                  draft.builderBlockedBy || !draft.model ? (
                    <Banner tone="warning" title="Fix the query to edit it visually" action={{ content: "Go to the query", onAction: () => setTab(1) }}>
                      <p id="segment-builder-blocked">{problemText(draft.builderBlockedBy ?? { message: "The query does not parse" })}</p>
                    </Banner>
                  ) : (
                    <div id="segment-builder">
                      <QueryBuilder model={draft.model} ids={draft.ids} currency={preview?.currency} onChange={draft.editModel} />
                    </div>
                  )
                ) : (
                  <TextField
                    id="segment-query"
                    label="Query"
                    value={text}
                    onChange={draft.editText}
                    multiline={4}
                    monospaced
                    autoComplete="off"
                    spellCheck={false}
                    error={queryError}
                    helpText="Shopify's segment query language, e.g. number_of_orders >= 2 AND last_order_date > -90d"
                  />
                )}
              </Box>
            </Tabs>
            <ValueWarningsBanner warnings={counted?.ok ? counted.warnings : undefined} />
            <InlineStack align="space-between" blockAlign="center">
              <InlineStack gap="200" blockAlign="center">
                <Text as="p" variant="headingMd" id="segment-count">
                  {counted?.ok ? `${formatCount(counted.count)} customers` : "—"}
                </Text>
                {counted?.ok ? <Text as="span" tone="subdued" id="segment-share">{formatShare(counted.count, counted.total)} of {formatCount(counted.total)} customers</Text> : null}
                {counter.state === "loading" ? <Spinner size="small" accessibilityLabel="Counting" /> : null}
                {tab === 0 && queryError ? <Text as="span" tone="critical" id="segment-builder-error">{queryError}</Text> : null}
              </InlineStack>
              <Button variant="primary" submit loading={saving}>Save segment</Button>
            </InlineStack>
          </BlockStack>
        </Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingSm">Preview</Text>
          <PreviewTable preview={preview} loading={previewer.state === "loading"} onPage={showPage} />
        </BlockStack>
      </BlockStack>
    </Form>
  );
}
