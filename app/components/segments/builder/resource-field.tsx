import { Button, InlineStack, Text } from "@shopify/polaris";
import { useEffect, useState } from "react";
import { SuggestField } from "./suggest-field";

interface PickedResource {
  id: string;
  title?: string;
}
type ResourcePicker = (options: {
  type: "product" | "collection";
  action: "select";
  multiple: false;
}) => Promise<PickedResource[] | undefined>;

/** App Bridge's picker, present only inside the Shopify admin (the sandbox has no App Bridge). */
function appBridgePicker(): ResourcePicker | undefined {
  const shopify = (window as unknown as { shopify?: { resourcePicker?: ResourcePicker } }).shopify;
  return typeof shopify?.resourcePicker === "function" ? shopify.resourcePicker : undefined;
}

/** `gid://shopify/Product/123` → `123`: the query language takes numeric ids. */
function numericId(gid: string): string {
  return gid.slice(gid.lastIndexOf("/") + 1);
}

/**
 * A product or collection id: App Bridge's resource picker inside the Shopify admin
 * (https://shopify.dev/docs/api/app-bridge-library/apis/resource-picker), and an
 * autocomplete over the synced products and collections in the sandbox.
 */
export function ResourceField({
  id,
  resource,
  value,
  onChange,
}: {
  id: string;
  resource: "product" | "collection";
  value: string;
  onChange: (id: string) => void;
}) {
  // Decided after hydration: the server render cannot see window.shopify.
  const [picker, setPicker] = useState<ResourcePicker | undefined>(undefined);
  const [title, setTitle] = useState<string | undefined>(undefined);
  useEffect(() => setPicker(() => appBridgePicker()), []);
  if (!picker)
    return (
      <SuggestField id={id} source={resource} value={value} onChange={onChange} label={resource === "product" ? "Product" : "Collection"} />
    );
  const pick = async () => {
    const selection = await picker({ type: resource, action: "select", multiple: false });
    const first = selection?.[0];
    if (!first) return;
    setTitle(first.title);
    onChange(numericId(first.id));
  };
  return (
    <InlineStack gap="200" blockAlign="center">
      <Button id={id} onClick={() => void pick()}>
        {value === "" ? `Choose a ${resource}` : `Change ${resource}`}
      </Button>
      <Text as="span" tone="subdued">
        {title ?? (value === "" ? "" : `#${value}`)}
      </Text>
    </InlineStack>
  );
}
