import { BlockStack, Card, Link, List, Text } from "@shopify/polaris";
import type { SegmentOption } from "./customer-profile";

/** The live segments the customer is a member of now, each linking to its page. */
export function CustomerSegmentsCard({ segments }: { segments: SegmentOption[] }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd" id="customer-segments-heading">
          {segments.length === 1 ? "In 1 segment" : `In ${segments.length} segments`}
        </Text>
        {segments.length ? (
          <List type="bullet">
            {segments.map((s) => (
              <List.Item key={s.id}>
                <Link url={`/app/segments/${s.id}`}>{s.name}</Link>
              </List.Item>
            ))}
          </List>
        ) : (
          <Text as="p" tone="subdued">
            This customer is in no segment.
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
