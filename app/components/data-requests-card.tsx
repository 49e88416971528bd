// Settings → Customer data requests: the exports Flock built for customers/data_request, for the
// merchant to download and pass on to the customer (Shopify asks for it within 30 days).
import { Badge, BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import type { DataRequestView } from "~/privacy/data-request-list";

export function DataRequestsCard({ requests }: { requests: DataRequestView[] }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Customer data requests
        </Text>
        <Text as="p" tone="subdued">
          When a customer asks your store for their data, Shopify tells Flock and Flock prepares a file of everything it holds about them:
          profile, orders, messages and their events, segments and sign-ups. Download it and send it to the customer.
        </Text>
        {requests.length === 0 ? (
          <Text as="p">No customer has asked for their data.</Text>
        ) : (
          <BlockStack gap="200">
            {requests.map((r) => (
              <div key={r.id} data-request-row="">
                <InlineStack align="space-between" blockAlign="center" gap="200">
                  <BlockStack gap="050">
                    <Text as="p" fontWeight="semibold">
                      {r.who}
                    </Text>
                    <InlineStack gap="200" blockAlign="center">
                      <Text as="span" tone="subdued">
                        Asked {r.requested} · send by {r.sendBy}
                      </Text>
                      {r.overdue ? <Badge tone="critical">Past 30 days</Badge> : null}
                    </InlineStack>
                  </BlockStack>
                  {r.url ? (
                    // A document request, not the router's: the response is a file to save.
                    <Button onClick={() => window.location.assign(r.url ?? "")}>Download data</Button>
                  ) : (
                    <Badge>Preparing</Badge>
                  )}
                </InlineStack>
              </div>
            ))}
          </BlockStack>
        )}
      </BlockStack>
    </Card>
  );
}
