import { Badge, BlockStack, Box, Card, InlineStack, Text } from "@shopify/polaris";
import type { ReactNode } from "react";
import { formatDay } from "~/components/segments/format";
import type { CustomerProfile } from "./customer-profile";

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <Box paddingBlockEnd="200" borderBlockEndWidth="025" borderColor="border-secondary">
      <InlineStack align="space-between" gap="200" wrap={false}>
        <Text as="span" tone="subdued">
          {term}
        </Text>
        {typeof children === "string" || typeof children === "number" ? (
          <Text as="span" alignment="end">
            {children}
          </Text>
        ) : (
          children
        )}
      </InlineStack>
    </Box>
  );
}

/** The facts segments read most, as the customer has them now. */
export function CustomerFactsCard({ customer }: { customer: CustomerProfile }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Customer
        </Text>
        <BlockStack gap="200">
          <Fact term="Email">{customer.email ?? "—"}</Fact>
          <Fact term="Phone">{customer.phone ?? "—"}</Fact>
          <Fact term="Amount spent">{customer.amountSpent}</Fact>
          <Fact term="Orders">{customer.orders}</Fact>
          <Fact term="Last order">{formatDay(customer.lastOrderAt)}</Fact>
          <Fact term="Customer since">{formatDay(customer.customerSince)}</Fact>
          <Fact term="Location">{customer.location ?? "—"}</Fact>
          <Fact term="Tags">
            {customer.tags.length ? (
              <InlineStack gap="100" align="end">
                {customer.tags.map((tag) => (
                  <Badge key={tag}>{tag}</Badge>
                ))}
              </InlineStack>
            ) : (
              "—"
            )}
          </Fact>
          <Fact term="Email marketing">{customer.emailConsent}</Fact>
          <Fact term="SMS marketing">{customer.smsConsent}</Fact>
        </BlockStack>
      </BlockStack>
    </Card>
  );
}
