// The home page's first steps, each with its state (data comes in as props).
import { Badge, BlockStack, Box, Button, Card, InlineStack, Text } from "@shopify/polaris";
import type { GettingStartedStep, StepState } from "~/shop/getting-started";

const BADGE: Record<StepState, { tone?: "success" | "critical" | "attention" | "info"; text: string }> = {
  done: { tone: "success", text: "Done" },
  in_progress: { tone: "attention", text: "In progress" },
  failed: { tone: "critical", text: "Needs attention" },
  todo: { tone: "info", text: "To do" },
  later: { text: "Coming soon" },
};

export function GettingStartedCard({ steps }: { steps: readonly GettingStartedStep[] }) {
  const done = steps.filter((s) => s.state === "done").length;
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Get started
          </Text>
          <Text as="span" tone="subdued" id="getting-started-progress">
            {done} of {steps.length} done
          </Text>
        </InlineStack>
        <ol style={{ margin: 0, padding: 0, listStyle: "none" }}>
          {steps.map((step, i) => (
            <li key={step.key} id={`step-${step.key}`} data-state={step.state}>
              <Box paddingBlock="200" borderBlockStartWidth={i === 0 ? "0" : "025"} borderColor="border-secondary">
                <InlineStack align="space-between" blockAlign="center" gap="300" wrap={false}>
                  <BlockStack gap="050">
                    <Text as="h3" variant="headingSm">
                      {`${i + 1}. ${step.title}`} <Badge tone={BADGE[step.state].tone}>{BADGE[step.state].text}</Badge>
                    </Text>
                    <Text as="p" tone="subdued">
                      {step.detail}
                    </Text>
                  </BlockStack>
                  {step.action ? (
                    <Button url={step.action.url} variant={step.state === "todo" ? "primary" : "plain"}>
                      {step.action.label}
                    </Button>
                  ) : null}
                </InlineStack>
              </Box>
            </li>
          ))}
        </ol>
      </BlockStack>
    </Card>
  );
}
