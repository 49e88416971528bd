import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Box, Card, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { requireAdmin } from "~/auth.server";
import { pageTitle } from "~/components/page-title";
import { filterReference, type ReferenceFilter } from "~/segments/builder/filter-reference";

export const meta: MetaFunction = () => [{ title: pageTitle("Segment filters", "Segments") }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await requireAdmin(request);
  return { sections: filterReference() };
};

function Code({ children }: { children: string }) {
  return (
    <code
      style={{
        fontFamily: "var(--p-font-family-mono)",
        background: "var(--p-color-bg-surface-secondary)",
        padding: "0 4px",
        borderRadius: 4,
      }}
    >
      {children}
    </code>
  );
}

function FilterEntry({ filter }: { filter: ReferenceFilter }) {
  return (
    <Box id={`filter-${filter.name}`} paddingBlockEnd="300" borderBlockEndWidth="025" borderColor="border-secondary">
      <BlockStack gap="150">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h3" variant="headingSm">
            <Code>{filter.name}</Code>
          </Text>
          {filter.evaluable ? null : <Badge tone="warning">Only in Shopify</Badge>}
        </InlineStack>
        <Text as="p">{filter.description}</Text>
        {filter.operators.length > 0 ? (
          <Text as="p" tone="subdued">
            Operators: {filter.operators.join(", ")}
          </Text>
        ) : null}
        <Text as="p" tone="subdued">
          Values: {filter.values}
        </Text>
        {filter.params.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {filter.params.map((p) => (
              <li key={p.name}>
                <Code>{p.name}</Code> ({p.operators.join(", ")}): {p.description} — {p.values}
              </li>
            ))}
          </ul>
        ) : null}
        <Text as="p">
          Example: <Code>{filter.example}</Code>
        </Text>
      </BlockStack>
    </Box>
  );
}

/** Every filter the query language knows, generated from its catalogue (app/segments/builder/filter-reference.ts). */
export default function FilterReference() {
  const { sections } = useLoaderData<typeof loader>();
  return (
    <Page
      title="Segment filters"
      subtitle="What you can write on the Query tab: each filter, its operators and an example"
      backAction={{ content: "Segments", url: "/app/segments" }}
    >
      <Layout>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="p">
                Combine clauses with AND and OR (AND binds tighter) and group them with parentheses, e.g.{" "}
                <Code>number_of_orders &gt;= 2 AND (last_order_date &gt; -90d OR customer_tags CONTAINS &apos;vip&apos;)</Code>. Dates are
                whole days in the shop&apos;s time zone: <Code>-30d</Code> is 30 days ago, <Code>today</Code> is today.
              </Text>
            </BlockStack>
          </Card>
        </Layout.Section>
        {sections.map((section) => (
          <Layout.Section key={section.title}>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {section.title}
                </Text>
                {section.filters.map((f) => (
                  <FilterEntry key={f.name} filter={f} />
                ))}
              </BlockStack>
            </Card>
          </Layout.Section>
        ))}
      </Layout>
    </Page>
  );
}
