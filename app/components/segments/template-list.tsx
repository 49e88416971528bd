import { BlockStack, Box, Button, Card, InlineGrid, Text } from "@shopify/polaris";

export interface TemplateItem {
  key: string;
  name: string;
  description: string;
  query: string;
}

/** Templates as cards, each with the real query it starts from. */
export function TemplateList({ templates }: { templates: TemplateItem[] }) {
  return (
    <InlineGrid columns={{ xs: 1, md: 2, lg: 3 }} gap="300">
      {templates.map((t) => (
        <Card key={t.key}>
          <BlockStack gap="200">
            <Text as="h3" variant="headingSm">
              {t.name}
            </Text>
            <Text as="p" tone="subdued">
              {t.description}
            </Text>
            <Box background="bg-surface-secondary" padding="200" borderRadius="200">
              <Text as="p" variant="bodySm" breakWord>
                <code>{t.query}</code>
              </Text>
            </Box>
            <div>
              <Button url={`/app/segments/new?template=${t.key}`} accessibilityLabel={`Use template ${t.name}`}>
                Use template
              </Button>
            </div>
          </BlockStack>
        </Card>
      ))}
    </InlineGrid>
  );
}
