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
import { unsupportedFilters } from "~/segments/query-language/unsupported";
import { problemRange, queryProblemLine } from "./query-problem";
import { QueryProblemMessage, QueryTextField } from "./query-text-field";

/** What app.segments.count answers (and what a failed save returns). */
export type CountResult =
  | { ok: true; count: number; total: number; warnings?: { message: string }[] }
  | { ok: false; reason: string; message: string; line?: number; column?: number; filters?: string[] };

/** What app.segments.live answers: the count and a preview page from one evaluation. */
type LiveResult = (Extract<PreviewResult, { ok: true }> & { total: number }) | Extract<CountResult, { ok: false }>;

export type SaveProblem = { ok: false; message: string; field?: "name" | "query"; line?: number; column?: number };

/** Wait this long after the last edit before counting, so typing does not flood the server. */
const COUNT_DEBOUNCE_MS = 300;

const TABS = [
  { id: "segment-builder-tab", content: "Builder", panelID: "segment-builder-panel" },
  { id: "segment-query-tab", content: "Query", panelID: "segment-query-panel" },
];

/**
 * Name and rule of a dynamic segment, edited in a visual builder or as query text, with a live
 * count and preview. The draft lives in React state, so a failed save or a parse error never
 * takes away what the merchant typed; the submitted `query` is always the current text.
 */
export function SegmentEditor({
  initial,
  origin,
  problem,
  savedQuery,
}: {
  initial: { name: string; query: string };
  origin?: string | null;
  problem?: SaveProblem;
  savedQuery?: string;
}) {
  const [name, setName] = useState(initial.name);
  const draft = useQueryDraft(initial.query);
  const { text } = draft;
  const [tab, setTab] = useState(0);
  const navigation = useNavigation();
  // Until the saved page has loaded, not just while the form posts: the save evaluates the rule.
  const saving = navigation.state !== "idle" && navigation.formData !== undefined && navigation.formData.get("intent") !== "delete";
  // One request per pause in typing (and per page turn): the count and the preview together.
  const live = usePostedQuery<LiveResult>("/app/segments/live");
  const { submit: loadLive } = live;
  useEffect(() => {
    if (text.trim() === "") return;
    const timer = setTimeout(() => loadLive({ q: text, page: "1" }), COUNT_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, loadLive]);
  const showPage = useCallback((page: number) => loadLive({ q: text, page: String(page) }), [text, loadLive]);
  // A refused save's message sits on its field until that field changes.
  const [submitted, setSubmitted] = useState<{ name: string; text: string }>();
  const savedAs = problem?.field && submitted && (problem.field === "name" ? submitted.name === name : submitted.text === text);
  const fieldProblem = (field: "name" | "query") => (problem && savedAs && problem.field === field ? problem : undefined);
  const nameProblem = fieldProblem("name");
  const empty = text.trim() === "";
  const counted: CountResult | undefined = empty ? undefined : live.data;
  const preview = empty || !live.data?.ok ? undefined : live.data;
  // The browser's own parse answers at once and knows the offset to mark; the server's answer
  // adds what only it checks (filters Flock cannot evaluate).
  const localError = empty ? undefined : draft.parseError;
  const serverProblem = counted && !counted.ok ? counted : undefined;
  // A filter only Shopify evaluates is refused by the server; its place comes from the local tree.
  const unsupported =
    !localError && serverProblem?.reason === "unsupported_filter" && draft.tree
      ? unsupportedFilters(draft.tree).find((u) => u.line > 0 && serverProblem.filters?.includes(u.filter))
      : undefined;
  const located =
    localError ?? (serverProblem && unsupported ? { ...serverProblem, line: unsupported.line, column: unsupported.column } : undefined);
  const queryProblem = located ?? serverProblem ?? fieldProblem("query");
  const markRange = located ? problemRange(text, located.line, located.column) : undefined;
  return (
    <Form method="post" onSubmit={() => setSubmitted({ name, text })}>
      {origin ? <input type="hidden" name="origin" value={origin} /> : null}
      <input type="hidden" name="query" value={text} />
      <BlockStack gap="400">
        <Card>
          <BlockStack gap="400">
            {problem ? (
              <Banner tone="critical" title="The segment was not saved">
                <p>
                  <QueryProblemMessage problem={problem} id="segment-save-error" />
                </p>
              </Banner>
            ) : null}
            <TextField
              label="Name"
              name="name"
              value={name}
              onChange={setName}
              autoComplete="off"
              requiredIndicator
              error={nameProblem ? queryProblemLine(nameProblem) : undefined}
            />
            <Tabs tabs={TABS} selected={tab} onSelect={setTab} fitted>
              <Box paddingBlockStart="400" id={TABS[tab]?.panelID}>
                {tab === 0 ? (
                  draft.builderBlockedBy || !draft.model ? (
                    <Banner
                      tone="warning"
                      title="Fix the query to edit it visually"
                      action={{ content: "Go to the query", onAction: () => setTab(1) }}
                    >
                      <p id="segment-builder-blocked">
                        {queryProblemLine(draft.builderBlockedBy ?? { message: "The query does not parse" })}
                      </p>
                    </Banner>
                  ) : (
                    <div id="segment-builder">
                      <QueryBuilder model={draft.model} ids={draft.ids} currency={preview?.currency} onChange={draft.editModel} />
                    </div>
                  )
                ) : (
                  <QueryTextField text={text} onChange={draft.editText} problem={queryProblem} range={markRange} />
                )}
              </Box>
            </Tabs>
            <ValueWarningsBanner warnings={counted?.ok ? counted.warnings : undefined} />
            <InlineStack align="space-between" blockAlign="center">
              <InlineStack gap="200" blockAlign="center">
                <Text as="p" variant="headingMd" id="segment-count">
                  {counted?.ok ? `${formatCount(counted.count)} customers` : "—"}
                </Text>
                {counted?.ok ? (
                  <Text as="span" tone="subdued" id="segment-share">
                    {formatShare(counted.count, counted.total)} of {formatCount(counted.total)} customers
                  </Text>
                ) : null}
                {live.state === "loading" ? <Spinner size="small" accessibilityLabel="Counting" /> : null}
                {tab === 0 && queryProblem ? (
                  <Text as="span" tone="critical">
                    <QueryProblemMessage problem={queryProblem} id="segment-builder-error" />
                  </Text>
                ) : null}
              </InlineStack>
              <Button variant="primary" submit loading={saving}>
                Save segment
              </Button>
            </InlineStack>
          </BlockStack>
        </Card>
        {/* A saved segment lists its members on its page: the preview shows only an edit's effect. */}
        {savedQuery !== undefined && text === savedQuery ? null : (
          <BlockStack gap="200">
            <Text as="h2" variant="headingSm">
              {savedQuery === undefined ? "Preview" : "Preview of your changes"}
            </Text>
            <PreviewTable
              preview={preview}
              loading={live.state === "loading"}
              waiting={!empty && !queryProblem && !preview}
              onPage={showPage}
            />
          </BlockStack>
        )}
      </BlockStack>
    </Form>
  );
}
