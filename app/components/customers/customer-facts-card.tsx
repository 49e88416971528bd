import { Badge, BlockStack, Card, DescriptionList, InlineStack, Text } from "@shopify/polaris";
import { formatDay } from "~/components/segments/format";
import type { CustomerProfile } from "./customer-profile";

const none = <Text as="span" tone="subdued">—</Text>;

/** The facts segments read most, as the customer has them now. */
export function CustomerFactsCard({ customer }: { customer: CustomerProfile }) {
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">Customer</Text>
        <DescriptionList
          items={[
            { term: "Email", description: customer.email ?? none },
            { term: "Phone", description: customer.phone ?? none },
            { term: "Amount spent", description: customer.amountSpent },
            { term: "Orders", description: String(customer.orders) },
            { term: "Last order", description: formatDay(customer.lastOrderAt) },
            { term: "Customer since", description: formatDay(customer.customerSince) },
            { term: "Location", description: customer.location ?? none },
            {
              term: "Tags",
              description: customer.tags.length ? <InlineStack gap="100">{customer.tags.map((tag) => <Badge key={tag}>{tag}</Badge>)}</InlineStack> : none,
            },
            { term: "Email marketing", description: customer.emailConsent },
            { term: "SMS marketing", description: customer.smsConsent },
          ]}
        />
      </BlockStack>
    </Card>
  );
}
