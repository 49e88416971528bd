import { InlineStack, Select, TextField } from "@shopify/polaris";
import type { ConditionSpec } from "~/segments/query-language";
import type { SuggestSource } from "~/segments/builder/catalogue";
import { dateInputOf, inputToLiteral, literalToInput, RELATIVE_DATE_CHOICES } from "~/segments/builder/literal";
import { ResourceField } from "./resource-field";
import { SuggestField } from "./suggest-field";

export interface ValueInputProps {
  id: string;
  spec: ConditionSpec;
  /** The value as the query language writes it. */
  literal: string;
  onChange: (literal: string) => void;
  suggest?: SuggestSource;
  currency?: string;
}

/** One value, with the input its type calls for; every input shows and edits the literal. */
export function ValueInput({ id, spec, literal, onChange, suggest, currency }: ValueInputProps) {
  const kind = spec.valueType;
  if (suggest === "product" || suggest === "collection")
    return <ResourceField id={id} resource={suggest} value={literal} onChange={onChange} />;
  if (suggest)
    return (
      <SuggestField
        id={id}
        source={suggest}
        value={literalToInput(kind, literal)}
        onChange={(input) => onChange(inputToLiteral(kind, input))}
      />
    );
  switch (kind) {
    case "enum":
    case "boolean": {
      const choices = kind === "boolean" ? ["true", "false"] : (spec.enumValues ?? []).map((v) => inputToLiteral("enum", v));
      const options = choices.map((c) => ({ label: literalToInput(kind, c), value: c }));
      if (!choices.includes(literal)) options.unshift({ label: literal === "" ? "Choose…" : literal, value: literal });
      return <Select id={id} label="Value" labelHidden options={options} value={literal} onChange={onChange} />;
    }
    case "date":
      return <DateInput id={id} literal={literal} onChange={onChange} />;
    case "money":
    case "number":
    case "integer":
      return (
        <TextField
          id={id}
          label="Value"
          labelHidden
          type="number"
          value={literal}
          onChange={onChange}
          autoComplete="off"
          prefix={kind === "money" ? currency : undefined}
          min={spec.min}
          max={spec.max}
          step={kind === "integer" ? 1 : undefined}
        />
      );
    default:
      return (
        <TextField
          id={id}
          label="Value"
          labelHidden
          value={literalToInput(kind, literal)}
          onChange={(input) => onChange(inputToLiteral(kind, input))}
          autoComplete="off"
        />
      );
  }
}

const DATE_OPTIONS = [...RELATIVE_DATE_CHOICES, { label: "On a date…", value: "absolute" }, { label: "Other…", value: "other" }];

/** Relative choices ("30 days ago" is -30d), a calendar date, or any date literal (-45d, a time). */
function DateInput({ id, literal, onChange }: { id: string; literal: string; onChange: (literal: string) => void }) {
  const shown = dateInputOf(literal);
  const selected = shown.mode === "preset" ? shown.value : shown.mode;
  const choose = (choice: string) => {
    if (choice === "absolute") onChange(new Date().toISOString().slice(0, 10));
    // An offset no preset offers, so the free-text field shows (the merchant edits it from there).
    else if (choice === "other") onChange(shown.mode === "other" ? shown.text : "-60d");
    else onChange(choice);
  };
  return (
    <InlineStack gap="200" wrap={false}>
      <Select id={id} label="Value" labelHidden options={DATE_OPTIONS} value={selected} onChange={choose} />
      {shown.mode === "absolute" ? (
        <TextField id={`${id}-date`} label="Date" labelHidden type="date" value={shown.date} onChange={onChange} autoComplete="off" />
      ) : null}
      {shown.mode === "other" ? (
        <TextField
          id={`${id}-text`}
          label="Date or offset"
          labelHidden
          value={shown.text}
          onChange={onChange}
          autoComplete="off"
          helpText="e.g. -45d, -2w, 2026-01-31T09:00:00"
        />
      ) : null}
    </InlineStack>
  );
}
