// Shopify's `query:` search syntax (https://shopify.dev/docs/api/usage/search-syntax), the part
// Flock sends: `field:value`, comparators `:>`, `:>=`, `:<`, `:<=`, quoted values, implicit AND,
// explicit AND / OR, and NOT or `-` negation. Parentheses are not supported. A field the resource
// does not know is ignored (the term matches everything) and reported the way Shopify reports it,
// as a warning in `extensions.search`. Pure.

export type Comparator = "=" | ">" | ">=" | "<" | "<=";
export interface SearchTerm {
  field: string | null;
  comparator: Comparator;
  value: string;
  negated: boolean;
}
/** Disjunctive normal form: OR of AND-groups. */
export type SearchQuery = SearchTerm[][];

export type SearchField<T> =
  | { kind: "time"; get: (item: T) => number | null }
  | { kind: "string"; get: (item: T) => string | readonly string[] | null }
  | { kind: "number"; get: (item: T) => number | null }
  | { kind: "id"; get: (item: T) => string }
  | { kind: "boolean"; get: (item: T) => boolean };

export interface SearchSpec<T> {
  fields: Record<string, SearchField<T>>;
  /** Words a field-less term is matched against (case-insensitive prefix). */
  text?: (item: T) => string[];
}

export interface SearchWarning {
  field: string;
  message: string;
}

export function parseSearchQuery(text: string): SearchQuery {
  const groups: SearchQuery = [[]];
  const tokens = text.match(/-?[^\s"':]+:(?:[<>]=?)?(?:'[^']*'|"[^"]*"|\S*)|"[^"]*"|'[^']*'|\S+/g) ?? [];
  let negateNext = false;
  for (const token of tokens) {
    if (token === "AND") continue;
    if (token === "OR") {
      groups.push([]);
      continue;
    }
    if (token === "NOT") {
      negateNext = true;
      continue;
    }
    const term = parseTerm(token);
    term.negated = term.negated !== negateNext;
    negateNext = false;
    groups[groups.length - 1]?.push(term);
  }
  return groups.filter((g) => g.length > 0);
}

function parseTerm(token: string): SearchTerm {
  const negated = token.startsWith("-");
  const body = negated ? token.slice(1) : token;
  const m = /^([^\s"':]+):([<>]=?)?(.*)$/.exec(body);
  if (!m) return { field: null, comparator: "=", value: unquote(body), negated };
  return { field: (m[1] ?? "").toLowerCase(), comparator: (m[2] ?? "=") as Comparator, value: unquote(m[3] ?? ""), negated };
}

function unquote(value: string): string {
  const q = value[0];
  return (q === "'" || q === '"') && value.endsWith(q) && value.length >= 2 ? value.slice(1, -1) : value;
}

/** A predicate for `text` over items described by `spec`, plus Shopify-style warnings. */
export function compileSearch<T>(
  text: string | null | undefined,
  spec: SearchSpec<T>,
): { matches: (item: T) => boolean; warnings: SearchWarning[] } {
  const warnings: SearchWarning[] = [];
  if (!text || !text.trim()) return { matches: () => true, warnings };
  const groups = parseSearchQuery(text).map((group) =>
    group.map((term) => {
      const test = termPredicate(term, spec, warnings);
      return term.negated ? (item: T) => !test(item) : test;
    }),
  );
  if (groups.length === 0) return { matches: () => true, warnings };
  return { matches: (item) => groups.some((g) => g.every((test) => test(item))), warnings };
}

function termPredicate<T>(term: SearchTerm, spec: SearchSpec<T>, warnings: SearchWarning[]): (item: T) => boolean {
  if (term.field === null) {
    const word = term.value.toLowerCase();
    const text = spec.text;
    return text ? (item) => text(item).some((w) => w.toLowerCase().startsWith(word)) : () => true;
  }
  const field = spec.fields[term.field];
  if (!field) {
    warnings.push({ field: term.field, message: "Invalid search field for this query." });
    return () => true;
  }
  switch (field.kind) {
    case "time":
      return timePredicate(term, field.get, warnings);
    case "number": {
      const want = Number(term.value);
      return (item) => compare(field.get(item), want, term.comparator);
    }
    case "id": {
      const want = idNumber(term.value);
      if (want === null) return () => false;
      return (item) => compare(idNumber(field.get(item)) ?? -1n, want, term.comparator);
    }
    case "boolean": {
      const want = term.value.toLowerCase() === "true";
      return (item) => field.get(item) === want;
    }
    case "string":
      return stringPredicate(term.value, field.get);
  }
}

function timePredicate<T>(term: SearchTerm, get: (item: T) => number | null, warnings: SearchWarning[]): (item: T) => boolean {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(term.value);
  const at = Date.parse(dateOnly ? `${term.value}T00:00:00Z` : term.value);
  if (Number.isNaN(at)) {
    warnings.push({ field: term.field ?? "", message: `Invalid date value: ${term.value}` });
    return () => true;
  }
  // A date without a time means the whole day (UTC here; Shopify uses the shop's time zone).
  const end = dateOnly ? at + 86_400_000 : at + 1000;
  return (item) => {
    const t = get(item);
    if (t === null) return false;
    switch (term.comparator) {
      case "=":
        return t >= at && t < end;
      case ">":
        return dateOnly ? t >= end : t > at;
      case ">=":
        return t >= at;
      case "<":
        return t < at;
      case "<=":
        return t < end;
    }
  };
}

function stringPredicate<T>(value: string, get: (item: T) => string | readonly string[] | null): (item: T) => boolean {
  const want = value.toLowerCase();
  if (want === "*")
    return (item) => {
      const v = get(item);
      return v !== null && v.length > 0;
    };
  const prefix = want.endsWith("*") ? want.slice(0, -1) : null;
  // `tag:'VIP,Repeat'` lists alternatives (https://shopify.dev/docs/api/admin-graphql/latest/queries/customers).
  const wants = want.split(",").map((w) => w.trim());
  const one = (v: string) => (prefix !== null ? v.toLowerCase().startsWith(prefix) : wants.includes(v.toLowerCase()));
  return (item) => {
    const v = get(item);
    if (v === null) return false;
    return typeof v === "string" ? one(v) : v.some(one);
  };
}

function compare<V extends number | bigint>(have: V | null, want: V, comparator: Comparator): boolean {
  if (have === null) return false;
  switch (comparator) {
    case "=":
      return have === want;
    case ">":
      return have > want;
    case ">=":
      return have >= want;
    case "<":
      return have < want;
    case "<=":
      return have <= want;
  }
}

/** The numeric part of a GID or a bare id, exact (ids are 64-bit; never through `number`). */
export function idNumber(value: string): bigint | null {
  const m = /(\d+)(?:\?.*)?$/.exec(value);
  return m?.[1] ? BigInt(m[1]) : null;
}
