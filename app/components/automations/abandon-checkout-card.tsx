// Sandbox only: leave a checkout in the stand-in store (signed checkouts/create webhook), then
// place its order (orders/create), to watch the recovery sequence start and stop.
import { useFetcher } from "@remix-run/react";
import { BlockStack, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState } from "react";

const ACTION = "/app/automations/sandbox-checkout";

type Result = { ok: true; message: string; checkoutToken: string } | { ok: false; message: string };

export function AbandonCheckoutCard() {
  const fetcher = useFetcher<Result>();
  const [delay, setDelay] = useState("15");
  const token = fetcher.data?.ok ? fetcher.data.checkoutToken : null;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Abandoned checkout
        </Text>
        <InlineStack gap="200" blockAlign="end">
          <TextField label="First step after (seconds)" type="number" value={delay} onChange={setDelay} autoComplete="off" />
          <Button
            loading={fetcher.state !== "idle"}
            onClick={() => fetcher.submit({ intent: "abandon", delaySeconds: delay }, { method: "post", action: ACTION })}
          >
            Abandon a checkout
          </Button>
          {token && (
            <Button onClick={() => fetcher.submit({ intent: "order", checkoutToken: token }, { method: "post", action: ACTION })}>
              Place the order
            </Button>
          )}
        </InlineStack>
        {fetcher.data && (
          <Text as="p" tone={fetcher.data.ok ? "success" : "critical"} id="sandbox-checkout-result">
            {fetcher.data.message}
          </Text>
        )}
      </BlockStack>
    </Card>
  );
}
