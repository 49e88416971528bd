import { useSearchParams } from "@remix-run/react";
import { Badge, BlockStack, Card, InlineStack, Select, Text } from "@shopify/polaris";
import { ExplainResult, type ExplainResultValue } from "~/components/segments/explain-trace";
import type { SegmentOption } from "./customer-profile";

export interface CustomerExplanation {
  segment: SegmentOption;
  member: boolean;
  result: ExplainResultValue;
}

/** Pick any of the shop's segments and see each of its clauses true or false for this customer. */
export function SegmentExplainCard({
  segments,
  explanation,
  timeZone,
}: {
  segments: SegmentOption[];
  explanation: CustomerExplanation | null;
  timeZone: string;
}) {
  const [params, setParams] = useSearchParams();
  const choose = (segmentId: string) => {
    const next = new URLSearchParams(params);
    next.set("segment", segmentId);
    setParams(next, { preventScrollReset: true });
  };
  if (!explanation) {
    return (
      <Card>
        <Text as="p" tone="subdued">
          The shop has no segments to explain yet.
        </Text>
      </Card>
    );
  }
  const { segment, member, result } = explanation;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Explain a segment
        </Text>
        <Select label="Segment" options={segments.map((s) => ({ label: s.name, value: s.id }))} value={segment.id} onChange={choose} />
        <InlineStack gap="200" blockAlign="center">
          <Text as="span" id="customer-explain-membership">
            {member ? "A member of" : "Not a member of"} {segment.name}
          </Text>
          {member ? <Badge tone="success">Member</Badge> : <Badge>Not a member</Badge>}
        </InlineStack>
        <ExplainResult result={result} failedTitle="This segment cannot be explained for this customer" timeZone={timeZone} />
      </BlockStack>
    </Card>
  );
}
