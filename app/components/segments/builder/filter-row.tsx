import { BlockStack, Box, Button, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { lookupFilter, type ConditionSpec, type OperatorName } from "~/segments/query-language";
import { filterGroups, filterLabel, suggestSourceFor, type SuggestSource } from "~/segments/builder/catalogue";
import { paramRowFor, rowForFilter, valuesFor } from "~/segments/builder/edit";
import { defaultLiteral } from "~/segments/builder/literal";
import type { BuilderRow, IdSource, MatchesRow, ParamRow } from "~/segments/builder/model";
import { ValueInput } from "./value-input";

export interface RowProps {
  row: BuilderRow;
  ids: IdSource;
  currency?: string;
  onChange: (row: BuilderRow) => void;
  onRemove: () => void;
}

const OPERATOR_LABELS: Partial<Record<OperatorName, string>> = {
  "=": "is",
  "!=": "is not",
  ">": "is greater than",
  ">=": "is at least",
  "<": "is less than",
  "<=": "is at most",
  BETWEEN: "is between",
  CONTAINS: "contains",
  "NOT CONTAINS": "does not contain",
  "IS NULL": "is empty",
  "IS NOT NULL": "is not empty",
  IN: "is one of",
  "NOT IN": "is none of",
};

/** Dates read as time: "is after 30 days ago" rather than "is greater than". */
const DATE_OPERATOR_LABELS: Partial<Record<OperatorName, string>> = {
  "=": "is on",
  "!=": "is not on",
  ">": "is after",
  ">=": "is on or after",
  "<": "is before",
  "<=": "is on or before",
};

/** One builder row: a filter with its operator and values, a MATCHES filter with its conditions, or clause text. */
export function FilterRow({ row, ids, currency, onChange, onRemove }: RowProps) {
  const remove = (
    <Button accessibilityLabel="Remove filter" variant="tertiary" onClick={onRemove}>
      Remove
    </Button>
  );
  if (row.kind === "raw") {
    return (
      <InlineStack gap="200" blockAlign="start" wrap={false}>
        <Box width="100%">
          <TextField
            id={`${row.id}-raw`}
            label="Clause"
            labelHidden
            value={row.text}
            onChange={(text) => onChange({ ...row, text })}
            monospaced
            autoComplete="off"
            helpText="Edited as text: the builder has no row for this form of the filter."
          />
        </Box>
        {remove}
      </InlineStack>
    );
  }
  const spec = lookupFilter(row.filter);
  const filterSelect = (
    <Select
      id={`${row.id}-filter`}
      label="Filter"
      labelHidden
      options={filterGroups(row.filter).map((g) => ({
        title: g.title,
        options: g.filters.map((f) => ({ label: filterLabel(f.name), value: f.name })),
      }))}
      value={row.filter}
      onChange={(name) => onChange({ ...rowForFilter(name, ids), id: row.id })}
    />
  );
  if (row.kind === "matches")
    return <MatchesRowView row={row} ids={ids} currency={currency} filterSelect={filterSelect} remove={remove} onChange={onChange} />;
  return (
    <InlineStack gap="200" blockAlign="start" wrap>
      {filterSelect}
      {spec ? (
        <OperatorAndValues
          idBase={row.id}
          spec={spec}
          operator={row.operator}
          values={row.values}
          suggest={suggestSourceFor(row.filter)}
          currency={currency}
          onChange={(next) => onChange({ ...row, ...next })}
        />
      ) : null}
      {remove}
    </InlineStack>
  );
}

function MatchesRowView({
  row,
  ids,
  currency,
  filterSelect,
  remove,
  onChange,
}: {
  row: MatchesRow;
  ids: IdSource;
  currency?: string;
  filterSelect: JSX.Element;
  remove: JSX.Element;
  onChange: (row: BuilderRow) => void;
}) {
  const params = lookupFilter(row.filter)?.params ?? {};
  const unused = Object.keys(params).filter((name) => !row.params.some((p) => p.name === name));
  const setParam = (id: string, next: ParamRow | null) =>
    onChange({ ...row, params: row.params.flatMap((p) => (p.id !== id ? [p] : next ? [next] : [])) });
  return (
    <BlockStack gap="200">
      <InlineStack gap="200" blockAlign="center" wrap>
        {filterSelect}
        <Select
          id={`${row.id}-negated`}
          label="Match"
          labelHidden
          options={[
            { label: "has one where", value: "MATCHES" },
            { label: "has none where", value: "NOT MATCHES" },
          ]}
          value={row.negated ? "NOT MATCHES" : "MATCHES"}
          onChange={(v) => onChange({ ...row, negated: v === "NOT MATCHES" })}
        />
        {remove}
      </InlineStack>
      <Box paddingInlineStart="600">
        <BlockStack gap="200">
          {row.params.length === 0 ? (
            <Text as="p" tone="subdued">
              Any {filterLabel(row.filter).toLowerCase()} (no conditions yet)
            </Text>
          ) : null}
          {row.params.map((p) => {
            const spec = params[p.name];
            return (
              <InlineStack key={p.id} gap="200" blockAlign="start" wrap>
                <Box minWidth="7rem">
                  <Text as="span" variant="bodyMd" fontWeight="medium">
                    {filterLabel(p.name)}
                  </Text>
                </Box>
                {spec ? (
                  <OperatorAndValues
                    idBase={p.id}
                    spec={spec}
                    operator={p.operator}
                    values={p.values}
                    suggest={suggestSourceFor(row.filter, p.name)}
                    currency={currency}
                    onChange={(next) => setParam(p.id, { ...p, ...next })}
                  />
                ) : null}
                <Button accessibilityLabel={`Remove ${p.name}`} variant="tertiary" onClick={() => setParam(p.id, null)}>
                  Remove
                </Button>
              </InlineStack>
            );
          })}
          {unused.length > 0 ? (
            <Box maxWidth="16rem">
              <Select
                id={`${row.id}-add-param`}
                label="Add a condition"
                labelHidden
                options={[{ label: "Add a condition…", value: "" }, ...unused.map((name) => ({ label: filterLabel(name), value: name }))]}
                value=""
                onChange={(name) => {
                  const param = paramRowFor(row.filter, name, ids);
                  if (param) onChange({ ...row, params: [...row.params, param] });
                }}
              />
            </Box>
          ) : null}
        </BlockStack>
      </Box>
    </BlockStack>
  );
}

/** Operator select plus one input per value (two for BETWEEN, a growing list for IN). */
function OperatorAndValues(props: {
  idBase: string;
  spec: ConditionSpec;
  operator: OperatorName;
  values: string[];
  suggest?: SuggestSource;
  currency?: string;
  onChange: (next: { operator: OperatorName; values: string[] }) => void;
}) {
  const { idBase, spec, operator, values, suggest, currency, onChange } = props;
  const operators = spec.operators.filter((op) => op !== "MATCHES" && op !== "NOT MATCHES");
  const fallback = defaultLiteral(spec);
  const isList = operator === "IN" || operator === "NOT IN";
  const setValue = (i: number, literal: string) => onChange({ operator, values: values.map((v, j) => (j === i ? literal : v)) });
  return (
    <>
      <Select
        id={`${idBase}-operator`}
        label="Operator"
        labelHidden
        options={operators.map((op) => ({
          label: (spec.valueType === "date" ? DATE_OPERATOR_LABELS[op] : undefined) ?? OPERATOR_LABELS[op] ?? op,
          value: op,
        }))}
        value={operator}
        onChange={(op) => onChange({ operator: op as OperatorName, values: valuesFor(op as OperatorName, values, fallback) })}
      />
      {values.map((literal, i) => (
        <InlineStack key={i} gap="100" blockAlign="center" wrap={false}>
          {i === 1 && operator === "BETWEEN" ? <Text as="span">and</Text> : null}
          <ValueInput
            id={`${idBase}-value-${i}`}
            spec={spec}
            literal={literal}
            onChange={(v) => setValue(i, v)}
            suggest={suggest}
            currency={currency}
          />
          {isList && values.length > 1 ? (
            <Button
              variant="tertiary"
              accessibilityLabel="Remove value"
              onClick={() => onChange({ operator, values: values.filter((_, j) => j !== i) })}
            >
              ×
            </Button>
          ) : null}
        </InlineStack>
      ))}
      {isList ? (
        <Button variant="tertiary" onClick={() => onChange({ operator, values: [...values, fallback] })}>
          Add value
        </Button>
      ) : null}
    </>
  );
}
