import { useFetcher } from "@remix-run/react";
import { Autocomplete } from "@shopify/polaris";
import { useEffect, useState } from "react";
import type { SuggestSource } from "~/segments/builder/catalogue";

/** What app.segments.suggest answers. */
export interface SuggestAnswer {
  suggestions: { value: string; label: string }[];
}

const SUGGEST_DEBOUNCE_MS = 200;

/**
 * A text input with suggestions from the shop's synced data (tags, countries, regions, cities,
 * products, collections). Free text stays allowed: a tag nobody has yet is still a valid rule.
 */
export function SuggestField({
  id,
  source,
  value,
  onChange,
  label = "Value",
}: {
  id: string;
  source: SuggestSource;
  value: string;
  onChange: (value: string) => void;
  label?: string;
}) {
  const fetcher = useFetcher<SuggestAnswer>();
  const { load } = fetcher;
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) return;
    const timer = setTimeout(() => void load(`/app/segments/suggest?kind=${source}&q=${encodeURIComponent(value)}`), SUGGEST_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [focused, source, value, load]);
  const options = (fetcher.data?.suggestions ?? []).map((s) => ({
    value: s.value,
    label: s.label.includes(s.value) ? s.label : `${s.label} — ${s.value}`,
  }));
  return (
    <Autocomplete
      options={options}
      selected={[value]}
      onSelect={(selected) => {
        const [first] = selected;
        if (first !== undefined) onChange(first);
      }}
      loading={fetcher.state === "loading"}
      textField={
        <Autocomplete.TextField
          id={id}
          label={label}
          labelHidden
          value={value}
          onChange={onChange}
          onFocus={() => setFocused(true)}
          autoComplete="off"
        />
      }
    />
  );
}
