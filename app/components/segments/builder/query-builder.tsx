import { BlockStack, Box, Button, ButtonGroup, InlineStack, Text } from "@shopify/polaris";
import { appendTo, newGroup, removeNode, rowForFilter, toggleConnective, updateNode } from "~/segments/builder/edit";
import type { BuilderGroup, BuilderNode, IdSource } from "~/segments/builder/model";
import { FilterRow } from "./filter-row";

export interface QueryBuilderProps {
  model: BuilderGroup;
  ids: IdSource;
  currency?: string;
  onChange: (model: BuilderGroup) => void;
}

/** The rule as rows of filters in AND / OR groups; every edit hands back a new model. */
export function QueryBuilder({ model, ids, currency, onChange }: QueryBuilderProps) {
  return <GroupView group={model} root={model} ids={ids} currency={currency} onChange={onChange} depth={0} />;
}

function GroupView({
  group,
  root,
  ids,
  currency,
  onChange,
  depth,
}: {
  group: BuilderGroup;
  root: BuilderGroup;
  ids: IdSource;
  currency?: string;
  onChange: (model: BuilderGroup) => void;
  depth: number;
}) {
  const word = group.connective === "and" ? "AND" : "OR";
  const replace = (node: BuilderNode) => onChange(updateNode(root, node.id, () => node));
  const body = (
    <BlockStack gap="300">
      <InlineStack align="space-between" blockAlign="center">
        <InlineStack gap="200" blockAlign="center">
          <Text as="span" tone="subdued">
            {depth === 0 ? "Customers matching" : "Group matching"}
          </Text>
          <ButtonGroup variant="segmented">
            <Button
              pressed={group.connective === "and"}
              onClick={() => group.connective !== "and" && onChange(toggleConnective(root, group.id))}
              accessibilityLabel={`All filters (AND)${depth > 0 ? " in this group" : ""}`}
            >
              All (AND)
            </Button>
            <Button
              pressed={group.connective === "or"}
              onClick={() => group.connective !== "or" && onChange(toggleConnective(root, group.id))}
              accessibilityLabel={`Any filter (OR)${depth > 0 ? " in this group" : ""}`}
            >
              Any (OR)
            </Button>
          </ButtonGroup>
        </InlineStack>
        {depth > 0 ? (
          <Button variant="tertiary" tone="critical" onClick={() => onChange(removeNode(root, group.id))}>
            Remove group
          </Button>
        ) : null}
      </InlineStack>
      {group.children.length === 0 ? (
        <Text as="p" tone="subdued">
          No filters yet: every customer matches.
        </Text>
      ) : null}
      {group.children.map((child, i) => (
        <BlockStack key={child.id} gap="200">
          {i > 0 ? (
            <Text as="span" variant="bodySm" tone="subdued" fontWeight="semibold">
              {word}
            </Text>
          ) : null}
          {child.kind === "group" ? (
            <GroupView group={child} root={root} ids={ids} currency={currency} onChange={onChange} depth={depth + 1} />
          ) : (
            <div className="builder-row" data-filter={child.kind === "raw" ? "" : child.filter}>
              <FilterRow
                row={child}
                ids={ids}
                currency={currency}
                onChange={replace}
                onRemove={() => onChange(removeNode(root, child.id))}
              />
            </div>
          )}
        </BlockStack>
      ))}
      <InlineStack gap="200">
        <Button onClick={() => onChange(appendTo(root, group.id, rowForFilter("number_of_orders", ids)))}>Add filter</Button>
        {depth < 3 ? <Button onClick={() => onChange(appendTo(root, group.id, newGroup(group, ids)))}>Add group</Button> : null}
      </InlineStack>
    </BlockStack>
  );
  if (depth === 0) return body;
  return (
    <Box padding="300" borderWidth="025" borderColor="border" borderRadius="200" background="bg-surface-secondary">
      {body}
    </Box>
  );
}
