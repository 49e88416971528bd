/**
 * Merchant message templates: Liquid (liquidjs) with strict variables and filters, so a typo is
 * refused when the template is saved rather than sent to customers as an empty string.
 *
 * Templates are compiled once and rendered many times. Most merchant text is plain text with
 * `{{ variable | filter }}` outputs; those compile to a small closure (liquidjs' generator-based
 * renderer costs ~10 µs a call, too slow for the 100,000 SMS/s goal). Anything with tags
 * (`{% if %}` …) renders through liquidjs itself. `template.test.ts` holds both paths to the same
 * output.
 */
import { Liquid } from "liquidjs";
import type { Template } from "liquidjs";

/** What a template can use. `null` means "not known for this recipient" (use `default`). */
export interface TemplateVariables {
  customer: { first_name: string | null; last_name: string | null };
  shop: { name: string; url: string };
  discount_code: string | null;
  checkout_url: string | null;
  unsubscribe_url: string;
}

export interface TemplateError {
  message: string;
  line: number;
  column: number;
}

/** Root name → the properties it has (empty: a scalar). The only names a template may use. */
const KNOWN: Readonly<Record<keyof TemplateVariables, readonly string[]>> = {
  customer: ["first_name", "last_name"],
  shop: ["name", "url"],
  discount_code: [],
  checkout_url: [],
  unsubscribe_url: [],
};

/** Variables used to dry-run a template when it is saved. */
export const SAMPLE_VARIABLES: TemplateVariables = {
  customer: { first_name: "Alex", last_name: "Doe" },
  shop: { name: "Paws & Whiskers", url: "https://paws.example.com" },
  discount_code: "WELCOME10",
  checkout_url: "https://paws.example.com/checkouts/abc",
  unsubscribe_url: "https://flock.example.com/u/abc",
};

/** Joins a store path onto the shop's URL: `{{ "/collections/sale" | store_url }}`. */
function storeUrl(shopUrl: string, path: unknown): string {
  const text = String(path ?? "");
  if (/^https?:\/\//i.test(text)) return text;
  return `${shopUrl.replace(/\/+$/, "")}/${text.replace(/^\/+/, "")}`;
}

function createEngine(): Liquid {
  const engine = new Liquid({ strictVariables: true, strictFilters: true, ownPropertyOnly: true, cache: false });
  engine.registerFilter("store_url", function (this: { context: { getSync(path: string[]): unknown } }, path: unknown) {
    return storeUrl(String(this.context.getSync(["shop", "url"])), path);
  });
  return engine;
}

const engine = createEngine();

function positionOf(error: unknown): { line: number; column: number } {
  const token = (error as { token?: { getPosition?: () => [number, number] } }).token;
  const position = token?.getPosition?.();
  return position ? { line: position[0], column: position[1] } : { line: 1, column: 1 };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
}

/**
 * Errors a template would hit, each with its line and column: syntax errors, unknown filters and
 * variables other than those in {@link TemplateVariables}. Empty when the template can be saved.
 */
export function validateTemplate(text: string): TemplateError[] {
  let parsed: Template[];
  try {
    parsed = engine.parse(text);
  } catch (error) {
    return [{ message: firstLine(error).replace(/, line:\d+, col:\d+$/, ""), ...positionOf(error) }];
  }
  const errors: TemplateError[] = [];
  const analysis = engine.analyzeSync(parsed, { partials: false });
  for (const variables of Object.values(analysis.globals)) {
    for (const variable of variables) {
      const [root, property, ...rest] = variable.toArray();
      const known = typeof root === "string" && Object.hasOwn(KNOWN, root) ? KNOWN[root as keyof TemplateVariables] : undefined;
      const ok =
        known !== undefined &&
        (known.length === 0 ? property === undefined : typeof property === "string" && known.includes(property) && rest.length === 0);
      if (!ok)
        errors.push({ message: `unknown variable "${variable.toString()}"`, line: variable.location.row, column: variable.location.col });
    }
  }
  if (errors.length > 0) return errors.sort((a, b) => a.line - b.line || a.column - b.column);
  try {
    engine.renderSync(parsed, SAMPLE_VARIABLES);
  } catch (error) {
    return [{ message: firstLine(error).replace(/, line:\d+, col:\d+$/, ""), ...positionOf(error) }];
  }
  return [];
}

export class InvalidTemplateError extends Error {
  constructor(readonly errors: TemplateError[]) {
    super(`Invalid template: ${errors.map((e) => `${e.message} at line ${e.line}, column ${e.column}`).join("; ")}`);
  }
}

/** A compiled template: call it once per recipient. */
export type CompiledTemplate = (variables: TemplateVariables) => string;

type Getter = (variables: TemplateVariables) => unknown;
type Filter = (value: unknown, variables: TemplateVariables) => unknown;

const OUTPUT = /\{\{-?\s*([\s\S]*?)\s*-?\}\}/g;
const PATH = /^([a-z_]+)(?:\.([a-z_]+))?$/;
const FILTER = /^([a-z_]+)(?:\s*:\s*(?:"([^"]*)"|'([^']*)'))?$/;

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === false || value === "" || (Array.isArray(value) && value.length === 0);
}

function fastFilter(name: string, argument: string | undefined): Filter | undefined {
  switch (name) {
    case "default":
      return argument === undefined ? undefined : (value) => (isEmpty(value) ? argument : value);
    case "store_url":
      return argument === undefined ? (value, v) => storeUrl(v.shop.url, value) : undefined;
    case "upcase":
      return argument === undefined ? (value) => String(value ?? "").toUpperCase() : undefined;
    case "downcase":
      return argument === undefined ? (value) => String(value ?? "").toLowerCase() : undefined;
    case "strip":
      return argument === undefined ? (value) => String(value ?? "").trim() : undefined;
    default:
      return undefined;
  }
}

function compileExpression(expression: string): Getter | undefined {
  const [head, ...filterTexts] = expression.split("|").map((part) => part.trim());
  if (head === undefined) return undefined;
  let getter: Getter;
  const literal = /^"([^"]*)"$|^'([^']*)'$/.exec(head);
  if (literal) {
    const value = literal[1] ?? literal[2] ?? "";
    getter = () => value;
  } else {
    const path = PATH.exec(head);
    if (!path) return undefined;
    const [, root, property] = path;
    getter =
      property === undefined
        ? (v) => (v as unknown as Record<string, unknown>)[root as string]
        : (v) => ((v as unknown as Record<string, Record<string, unknown>>)[root as string] ?? {})[property];
  }
  const filters: Filter[] = [];
  for (const text of filterTexts) {
    const match = FILTER.exec(text);
    const filter = match ? fastFilter(match[1] as string, match[2] ?? match[3]) : undefined;
    if (!filter) return undefined;
    filters.push(filter);
  }
  return (variables) => filters.reduce((value, filter) => filter(value, variables), getter(variables));
}

/** Text and outputs only → a closure; otherwise undefined (the caller uses liquidjs). Unvalidated. */
export function compileFast(text: string): CompiledTemplate | undefined {
  if (text.includes("{%") || /\{\{-|-\}\}/.test(text)) return undefined;
  const literals: string[] = [];
  const getters: Getter[] = [];
  let last = 0;
  for (const match of text.matchAll(OUTPUT)) {
    const getter = compileExpression(match[1] ?? "");
    if (!getter) return undefined;
    literals.push(text.slice(last, match.index));
    getters.push(getter);
    last = match.index + match[0].length;
  }
  literals.push(text.slice(last));
  const tail = literals[getters.length] ?? "";
  return (variables) => {
    let out = "";
    for (let i = 0; i < getters.length; i++) {
      const value = (getters[i] as Getter)(variables);
      out += (literals[i] as string) + (value === null || value === undefined ? "" : String(value));
    }
    return out + tail;
  };
}

/** Validates then compiles; throws {@link InvalidTemplateError} for a template that cannot be saved. */
export function compileTemplate(text: string): CompiledTemplate {
  const errors = validateTemplate(text);
  if (errors.length > 0) throw new InvalidTemplateError(errors);
  return compileFast(text) ?? compileWithLiquid(text);
}

/** Always through liquidjs (the reference the fast path is tested against). */
export function compileWithLiquid(text: string): CompiledTemplate {
  const parsed = engine.parse(text);
  return (variables) => String(engine.renderSync(parsed, variables));
}
