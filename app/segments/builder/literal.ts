/**
 * Between a value's literal text (how the query language writes it) and what an input
 * shows: strings without their quotes, dates as relative choices or a calendar date.
 * Pure; text that is not a well-formed literal passes through unchanged, so nothing typed is lost.
 */
import type { ConditionSpec, ValueKind } from "../query-language";
import { quoteString } from "../query-language/values";

/** Kinds whose literal is a quoted string, shown to the merchant without the quotes. */
export function isQuotedKind(kind: ValueKind): boolean {
  return kind === "string" || kind === "enum";
}

/** `'it\'s'` → `it's`; anything that is not one quoted string is returned as is. */
export function unquote(literal: string): string {
  const match = /^'((?:[^'\\]|\\.)*)'$/s.exec(literal.trim());
  return match ? (match[1] ?? "").replace(/\\(.)/gs, "$1") : literal;
}

/** What the input for a value of `kind` shows. */
export function literalToInput(kind: ValueKind, literal: string): string {
  return isQuotedKind(kind) ? unquote(literal) : literal;
}

/** The literal for what the merchant typed into the input for a value of `kind`. */
export function inputToLiteral(kind: ValueKind, input: string): string {
  return isQuotedKind(kind) ? quoteString(input) : input.trim();
}

/** A valid starting value for a new row, so a freshly added row already counts. */
export function defaultLiteral(spec: ConditionSpec): string {
  switch (spec.valueType) {
    case "money":
    case "number":
    case "integer":
      return spec.min ?? "1";
    case "enum":
      return quoteString(spec.enumValues?.[0] ?? "");
    case "boolean":
      return "true";
    case "date":
      return "-30d";
    case "string":
      return "''";
    case "id":
    case "flock_id":
    case "coordinates":
    case "any":
      return "";
  }
}

/** Relative date choices the date input offers, as literals. */
export const RELATIVE_DATE_CHOICES: readonly { label: string; value: string }[] = [
  { label: "Today", value: "today" },
  { label: "Yesterday", value: "yesterday" },
  { label: "24 hours ago", value: "-24h" },
  { label: "7 days ago", value: "-7d" },
  { label: "30 days ago", value: "-30d" },
  { label: "90 days ago", value: "-90d" },
  { label: "6 months ago", value: "-6m" },
  { label: "12 months ago", value: "-12m" },
];

export type DateInput = { mode: "preset"; value: string } | { mode: "absolute"; date: string } | { mode: "other"; text: string };

/** How the date input shows a date literal: one of the presets, a calendar date, or free text (`-45d`, a time). */
export function dateInputOf(literal: string): DateInput {
  const text = literal.trim();
  if (RELATIVE_DATE_CHOICES.some((c) => c.value === text)) return { mode: "preset", value: text };
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return { mode: "absolute", date: text };
  return { mode: "other", text };
}
