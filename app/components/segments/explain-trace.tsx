import { Badge, Banner, BlockStack, Box, InlineStack, Text } from "@shopify/polaris";

import { factLabel, factValue, type FactValue } from "./explain-facts";

/** Mirrors SegmentTrace (app/segments/engine/evaluate.ts) without importing the engine into the browser bundle. */
export type TraceNode =
  | { type: "clause"; filter: string; query: string; result: boolean; facts: Record<string, FactValue> }
  | { type: "and" | "or"; result: boolean; children: TraceNode[] };

function ResultBadge({ result }: { result: boolean }) {
  return result ? <Badge tone="success">true</Badge> : <Badge tone="critical">false</Badge>;
}

/** Every clause with its outcome and the facts it read; groups show how AND / OR combined them. */
export function ExplainTrace({ node, timeZone }: { node: TraceNode; timeZone: string }) {
  if (node.type === "clause") {
    // data-clause / data-result let tests and tooling read the outcome without parsing badges.
    return (
      <div className="explain-clause-row" data-clause={node.query} data-result={String(node.result)}>
        <Box padding="200" borderWidth="025" borderColor="border" borderRadius="200">
          <BlockStack gap="100">
            <InlineStack gap="200" blockAlign="center">
              <ResultBadge result={node.result} />
              <Text as="span" fontWeight="medium">
                <code className="explain-clause">{node.query}</code>
              </Text>
            </InlineStack>
            {Object.entries(node.facts).map(([key, value]) => (
              <Text as="p" tone="subdued" key={key}>
                {factLabel(key)}: {factValue(value, timeZone)}
              </Text>
            ))}
          </BlockStack>
        </Box>
      </div>
    );
  }
  return (
    <BlockStack gap="200">
      <InlineStack gap="200" blockAlign="center">
        <ResultBadge result={node.result} />
        <Text as="span" tone="subdued">
          {node.type === "and" ? "All of these" : "Any of these"}
        </Text>
      </InlineStack>
      <Box paddingInlineStart="400">
        <BlockStack gap="200">
          {node.children.map((child, i) => (
            <ExplainTrace key={i} node={child} timeZone={timeZone} />
          ))}
        </BlockStack>
      </Box>
    </BlockStack>
  );
}

export type ExplainResultValue = { ok: true; query: string; trace: TraceNode } | { ok: false; message: string };

/** An explanation as the pages show it: the query and its clause trace, or why there is none. */
export function ExplainResult({ result, failedTitle, timeZone }: { result: ExplainResultValue; failedTitle: string; timeZone: string }) {
  return result.ok ? (
    <BlockStack gap="300">
      <Text as="p" tone="subdued">
        Each clause of <code>{result.query}</code> for this customer, evaluated now:
      </Text>
      <ExplainTrace node={result.trace} timeZone={timeZone} />
    </BlockStack>
  ) : (
    <Banner tone="warning" title={failedTitle}>
      {result.message}
    </Banner>
  );
}
